"""The case pages: list, case page with its actions, a transition through the form, a stale form."""

import pytest
from django.test import Client

from netra.cases.models import CaseState


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_case_list_and_page_show_the_case_in_scope_only(case_world):
    case = case_world["case"]
    c = client_for(case_world["users"]["bpp_officer"])
    page = c.get("/kasus/")
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    detail = c.get(f"/kasus/{case.pk}/")
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "Kajian awal" in html
    assert 'data-testid="form-register"' in html
    assert "Lurah Manggar" in html
    other = client_for(case_world["users"]["pbg_head"])
    assert case.reference not in other.get("/kasus/").content.decode()
    assert other.get(f"/kasus/{case.pk}/").status_code == 404


@pytest.mark.django_db
def test_transition_through_the_form_and_stale_form_refused(case_world):
    case = case_world["case"]
    c = client_for(case_world["users"]["bpp_officer"])
    stale = case.version
    response = c.post(f"/kasus/{case.pk}/langkah/register/", {"version": stale}, follow=True)
    case.refresh_from_db()
    assert case.state == CaseState.REGISTERED
    assert "tercatat" in response.content.decode()
    response = c.post(f"/kasus/{case.pk}/langkah/start_study/", {"version": stale}, follow=True)
    case.refresh_from_db()
    assert case.state == CaseState.REGISTERED
    assert "telah diubah oleh orang lain" in response.content.decode()


@pytest.mark.django_db
def test_viewer_sees_no_actions_and_cannot_post(case_world):
    case = case_world["case"]
    c = client_for(case_world["users"]["bpp_viewer"])
    html = c.get(f"/kasus/{case.pk}/").content.decode()
    assert 'data-testid="form-register"' not in html
    c.post(f"/kasus/{case.pk}/langkah/register/", {"version": case.version})
    case.refresh_from_db()
    assert case.state == CaseState.INITIAL_REVIEW


@pytest.mark.django_db
def test_finding_form_records_a_temuan(case_world):
    c = client_for(case_world["users"]["bpp_officer"])
    response = c.post(
        "/kasus/temuan/baru/",
        {
            "description": "Patroli siber: ASN membagikan poster paslon di Instagram.",
            "incident_region_code": "64.71.01",
            "person_name": "Rahmat Hidayat",
            "person_agency": "Pemerintah Kota Balikpapan",
            "links": "https://www.instagram.com/p/abc123/",
        },
    )
    assert response.status_code == 302
    bad = c.post("/kasus/temuan/baru/", {"description": "", "incident_region_code": "99.99"})
    assert bad.status_code == 400
    assert "wajib diisi" in bad.content.decode()


@pytest.mark.django_db
def test_contest_target_is_checked_against_the_election(case_world):
    from netra.elections.models import Contestant

    case = case_world["case"]
    c = client_for(case_world["users"]["bpp_officer"])
    from netra.elections.selectors import contestant_list_for_incident

    pairs = contestant_list_for_incident(election=case.election, region_code=case.incident_region_id)
    pair = next((p for p in pairs if not p.is_empty_box), None)  # a pair standing where it happened
    other = Contestant.objects.exclude(election=case.election).first()
    response = c.post(
        f"/kasus/{case.pk}/ubah/", {"version": case.version, "target_contestant_id": other.pk}, follow=True
    )
    assert "tidak terdaftar dalam pemilihan kasus ini" in response.content.decode()
    if pair is not None:
        c.post(f"/kasus/{case.pk}/ubah/", {"version": case.version, "target_contestant_id": pair.pk})
        case.refresh_from_db()
        assert case.target_contestant == pair
    c.post(f"/kasus/{case.pk}/ubah/", {"version": case.version, "target_blank_column": "on"})
    case.refresh_from_db()
    assert case.target_blank_column is True


@pytest.mark.django_db
def test_a_tip_becomes_a_temuan_from_its_page(case_world, django_capture_on_commit_callbacks):
    from netra.cases.models import CaseReport
    from netra.intake.submission import report_submit
    from netra.intake.tests.conftest import NOW, make_submission

    with django_capture_on_commit_callbacks(execute=True):
        tip = report_submit(submission=make_submission(kind="informasi_awal", identity=None), now=NOW).report
    assert not CaseReport.objects.filter(report=tip).exists()  # a tip opens no case by itself
    c = client_for(case_world["users"]["bpp_officer"])
    page = c.get(f"/lapor/petugas/{tip.pk}/").content.decode()
    assert f"/kasus/temuan/baru/?sumber={tip.pk}" in page
    form = c.get(f"/kasus/temuan/baru/?sumber={tip.pk}").content.decode()
    assert "Lurah membagikan unggahan kampanye" in form  # prefilled from the tip
    response = c.post(
        "/kasus/temuan/baru/",
        {
            "description": "Temuan dari informasi awal: lurah membagikan unggahan kampanye.",
            "incident_region_code": "64.71.01",
            "person_name": "Lurah Manggar",
            "source_report_ids": str(tip.pk),
        },
    )
    assert response.status_code == 302
    case = CaseReport.objects.get(report=tip).case
    assert case.origin == "temuan"
    assert (
        client_for(case_world["users"]["pbg_head"]).get(f"/kasus/temuan/baru/?sumber={tip.pk}").status_code
        == 404
    )
