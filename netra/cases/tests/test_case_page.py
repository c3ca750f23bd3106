"""The case page as officers use it (issue 15 items 7 and 11): the title names the terlapor once known,
the beneficiary pickers offer the incident region's ballot only, and only allowed actions are shown."""

import pytest
from django.test import Client

from netra.cases.models import CaseReport
from netra.cases.services.merge import case_merge_refusal
from netra.cases.services.opening import case_open_for_report
from netra.cases.services.subjects import subject_add
from netra.cases.tests.fixtures import NOW, make_submission
from netra.elections.models import Contestant, Party
from netra.intake.submission import report_submit

pytestmark = pytest.mark.django_db


def page(user, url):
    client = Client()
    client.force_login(user)
    return client.get(url)


def test_title_names_the_terlapor_once_one_is_added(case_world):
    report = report_submit(submission=make_submission(persons=[]), now=NOW).report
    case_open_for_report(report=report, now=NOW)
    case = CaseReport.objects.get(report=report).case
    assert case.title.startswith("Terlapor belum diketahui — ")
    place = case.title.split(" — ", 1)[1]
    subject_add(case_id=case.pk, user=case_world["users"]["bpp_officer"], data={"name": "Lurah Manggar"})
    case.refresh_from_db()
    assert case.title == f"Lurah Manggar — {place}"
    # An officer's own title is never rewritten.
    subject_add(case_id=case.pk, user=case_world["users"]["bpp_officer"], data={"name": "Sekretaris Lurah"})
    case.refresh_from_db()
    assert case.title == f"Lurah Manggar — {place}"


def test_beneficiary_pickers_offer_the_incident_regions_ballot_labelled_once(case_world):
    case = case_world["case"]  # Pilkada 2024, Balikpapan Timur (64.71.01)
    Contestant.objects.filter(election=case.election).delete()
    party = Party.objects.create(code="partai-uji", name="Partai Uji Coba", abbreviation="PUC")
    ours = Contestant.objects.create(
        election=case.election,
        office="wali_kota",
        region_id="64.71",
        ballot_number=1,
        candidate_name="Andi",
        running_mate_name="Budi",
    )
    ours.parties.add(party)
    Contestant.objects.create(
        election=case.election, office="wali_kota", region_id="64.71", is_empty_box=True
    )
    Contestant.objects.create(
        election=case.election,
        office="bupati",
        region_id="33.03",
        ballot_number=1,
        candidate_name="Orang Lain",
    )
    html = page(case_world["users"]["bpp_officer"], f"/kasus/{case.pk}/").content.decode()
    picker = html.split('data-testid="target-contestant"', 1)[1].split("</select>", 1)[0]
    assert "Wali Kota dan Wakil Wali Kota Kota Balikpapan · 1. Andi – Budi" in picker
    assert "Orang Lain" not in picker  # Purbalingga's pair is not on Balikpapan's ballot
    assert "Kolom kosong" not in picker  # offered once, as the checkbox
    assert html.count('name="target_blank_column"') == 1
    parties = html.split('data-testid="target-party"', 1)[1].split("</select>", 1)[0]
    assert "Partai Uji Coba (PUC)" in parties  # Pilkada: the parties backing the region's pairs


def test_only_allowed_actions_are_offered(case_world):
    u = case_world["users"]
    # "Catat temuan" is the supervisors': not offered to BKN or the PPK, and their page does not exist.
    assert 'data-testid="record-finding"' in page(u["bpp_officer"], "/kasus/").content.decode()
    for key in ("bkn_officer", "bkpsdm_officer"):
        assert 'data-testid="record-finding"' not in page(u[key], "/kasus/").content.decode()
        assert page(u[key], "/kasus/temuan/baru/").status_code == 404
    # Merging is offered only while both cases are in Bawaslu's hands (the service's own rule).
    case = case_world["case"]
    other = report_submit(submission=make_submission(), now=NOW).report
    case_open_for_report(report=other, now=NOW)
    twin = CaseReport.objects.get(report=other).case
    assert case_merge_refusal(source=twin, target=case, user=u["bpp_head"]) is None
    assert case_merge_refusal(source=twin, target=case, user=u["bpp_officer"]).code == "no_permission"
    case.forwarded_at = NOW
    assert case_merge_refusal(source=twin, target=case, user=u["bpp_head"]).code == "case_forwarded"


def test_extension_form_only_for_who_may_extend(case_world):
    from netra.cases.services.transitions import case_transition

    u, case = case_world["users"], case_world["case"]
    case_transition(case_id=case.pk, user=u["bpp_officer"], name="register", now=NOW)
    html = page(u["bpp_officer"], f"/kasus/{case.pk}/").content.decode()
    assert f'action="/kasus/{case.pk}/perpanjang/"' in html
    # A viewer of the same office sees the case but may not extend its clock.
    assert "/perpanjang/" not in page(u["bpp_viewer"], f"/kasus/{case.pk}/").content.decode()


def test_case_page_and_api_show_how_each_deadline_was_counted(case_world):
    """Issue 10 item 2: the deadline's explanation (with the day-1 convention that produced the date) is
    on the case page and in GET /api/v1/cases/{id}/deadlines."""
    u, case = case_world["users"], case_world["case"]
    deadline = case.deadlines.first()
    assert "hari mulai" in deadline.explanation
    html = page(u["bpp_officer"], f"/kasus/{case.pk}/").content.decode()
    assert 'data-testid="deadline-explanation"' in html
    assert "hari mulai" in html
    client = Client()
    client.force_login(u["bpp_officer"])
    rows = client.get(f"/api/v1/cases/{case.pk}/deadlines").json()
    assert rows
    assert all("hari mulai" in row["explanation"] for row in rows if row["kind"] != "criminal_forward")
