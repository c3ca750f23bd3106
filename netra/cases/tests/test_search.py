"""Case search (`/kasus/?q=`, `GET /api/v1/cases?q=`): numbers, partial NIPs, Indonesian words of the
description, the agency — scoped, and never the reporter's sealed identity."""

import pytest
from django.db import connection

from netra.cases.search import document, query_terms
from netra.cases.selectors.cases import case_list_visible_to
from netra.cases.services.persons import person_get_or_create
from netra.cases.services.search import case_search_refresh
from netra.cases.services.subjects import case_subject_add
from netra.cases.tests.fixtures import PBG_SECRETS
from netra.core.testing import login

NIP = "198001012005011001"


@pytest.fixture(params=["postgresql", "fallback"])
def backend(request, monkeypatch):
    """Each search runs through PostgreSQL full-text search and through the SQLite fallback (icontains
    over the same text), which also runs on PostgreSQL."""
    if request.param == "fallback":
        monkeypatch.setattr(connection, "vendor", "sqlite")
    elif connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search needs PostgreSQL")
    return request.param


def found(user, q):
    return list(case_list_visible_to(user=user, q=q))


def test_document_keeps_words_stems_and_squeezed_numbers():
    text = document(["Camat berkampanye di Dinas Pendidikan"], ["LAP-2024-000012", NIP])
    for token in ("berkampanye", "kampanye", "pendidikan", "didik", "lap2024000012", NIP):
        assert f" {token} " in text
    assert [t.substring for t in query_terms("LAP-2024")] == ["lap2024"]
    assert query_terms("di yang") == []  # stopwords only: no terms (matches nothing, not everything)


@pytest.mark.django_db
def test_finds_report_number_description_words_agency_and_partial_nip(
    case_world, backend, django_capture_on_commit_callbacks
):
    case, report = case_world["case"], case_world["report"]
    officer = case_world["users"]["bpp_officer"]
    with django_capture_on_commit_callbacks(execute=True):
        person = person_get_or_create(nip=NIP, details=_details("Ahmad Yani", "Dinas Pendidikan Kota"))
        case_subject_add(case=case, person=person, details=_details("Ahmad Yani", "Dinas Pendidikan Kota"))

    for q in (
        report.reference,  # LAP-2024-…
        report.reference[:8],  # "LAP-2024": part of the number
        case.reference,
        "19800101",  # the start of a NIP
        "2005011001",  # and its end
        "kampanye whatsapp",  # words of the description
        "berkampanye",  # another form of the same word (Sastrawi stem)
        "membagi",  # a prefix of a word
        "Pemerintah Kota Balikpapan",  # the agency as the reporter named it
        "dinas pendidikan",  # a subject's agency as recorded in the case
        "ahmad",
        "kelurahan manggar",  # the place
    ):
        assert found(officer, q) == [case], q
    assert found(officer, "kampanye bantuan-sosial") == []  # every word must match
    assert found(officer, "LAP-2099") == []


@pytest.mark.django_db
def test_never_finds_the_reporters_identity_or_witnesses(case_world, backend):
    officer = case_world["users"]["bpp_officer"]
    for q in ("Budi Santoso", "budi", "6471012345670001", "mulawarman", "budi.santoso", "Rina Wati", "0811"):
        assert found(officer, q) == [], q


@pytest.mark.django_db
def test_search_stays_in_scope_and_report_text_only_for_report_readers(door_world, backend):
    u = door_world["users"]
    assert found(u["pbg_head"], "kampanye whatsapp") == [door_world["pbg_case"]]
    assert door_world["case"] not in found(u["pbg_head"], "Manggar")
    # Purbalingga's own secrets are not found from Balikpapan, through the shared person or otherwise.
    assert found(u["bpp_officer"], "Siti Rahayu") == []
    assert found(u["bpp_officer"], "198701012010012001") == []
    # BKN holds the forwarded case: its number and the subject are searchable, the report's words not.
    ppk_case = door_world["ppk_case"]
    assert found(u["bkn_officer"], ppk_case.reference) == [ppk_case]
    assert found(u["bkn_officer"], "Lurah Prapatan") == [ppk_case]
    assert found(u["bkn_officer"], "whatsapp") == []
    assert found(u["bkn_officer"], ppk_case.case_reports.get().report.reference) == []
    assert PBG_SECRETS  # (the fixture's recorded Purbalingga details)


@pytest.mark.django_db
def test_list_page_and_api_search(case_world):
    case, report = case_world["case"], case_world["report"]
    client = login(case_world["users"]["bpp_officer"])

    def table(q):
        html = client.get("/kasus/", {"q": q}).content.decode()
        return html[html.index('data-testid="case-table"') :]

    assert case.reference in table("unggahan kampanye")
    assert case.reference not in table("Budi Santoso")
    api = client.get("/api/v1/cases", {"q": report.reference[-6:]})
    assert [row["id"] for row in api.json()] == [case.pk]


@pytest.mark.django_db
def test_refresh_rebuilds_stale_text(case_world):
    from netra.cases.models import Case

    case = case_world["case"]
    Case.objects.filter(pk=case.pk).update(search_text="", search_text_reports="")
    assert found(case_world["users"]["bpp_officer"], "kampanye") == []
    assert case_search_refresh(case_ids=[case.pk]) == 1
    assert found(case_world["users"]["bpp_officer"], "kampanye") == [case]
    assert case_search_refresh(case_ids=[case.pk]) == 0  # unchanged rows are not written


def _details(name, agency_name):
    from netra.cases.services.persons import SubjectDetails

    return SubjectDetails(name=name, agency_name=agency_name)


@pytest.mark.django_db
def test_reindex_command(case_world):
    from io import StringIO

    from django.core.management import call_command

    from netra.cases.models import Case

    Case.objects.update(search_text="", search_text_reports="")
    out = StringIO()
    call_command("cases_search_reindex", stdout=out)
    assert out.getvalue().startswith("1 of 1 cases updated")
    assert found(case_world["users"]["bpp_officer"], "kampanye") == [case_world["case"]]
