"""The case page (issue 14): the chain stepper (where the case is, who holds it, the clock), the moves
at the top with a section menu, and the printable summary (PDF, read back with pypdf)."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
import time_machine
from django.test import Client
from pypdf import PdfReader

from netra.agencies.models import AgencyKind
from netra.agencies.tests.factories import AgencyFactory
from netra.audit.models import AuditLogEntry
from netra.cases.models import Case, CaseState, DeadlineState
from netra.cases.selectors.chain import case_chain
from netra.cases.tests.fixtures import NOW

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def fake_subject(*employers):
    recs = [SimpleNamespace(addressed_to=e, created_at=NOW + dt.timedelta(days=20)) for e in employers]
    return SimpleNamespace(recommendations=SimpleNamespace(all=lambda: recs))


def fake_clock(kind_label, due, state=DeadlineState.OPEN):
    return SimpleNamespace(state=state, due_at=due, get_kind_display=lambda: kind_label)


def statuses(steps):
    return [(s.key, s.status) for s in steps]


def test_a_case_at_bawaslu_is_held_by_its_office_with_the_running_clock(case_world):
    case = case_world["case"]
    deadlines = list(case.deadlines.all())
    steps = case_chain(case=case, subjects=[], deadlines=deadlines)
    assert statuses(steps) == [
        ("bawaslu", "current"),
        ("oversight", "upcoming"),
        ("ppk", "upcoming"),
        ("end", "upcoming"),
    ]
    assert steps[0].holder == str(case.office)
    running = min((d for d in deadlines if d.state == DeadlineState.OPEN), key=lambda d: d.due_at)
    assert steps[0].clock == running


def test_the_chain_follows_the_case_to_the_ppk_and_to_its_end(case_world):
    a = case_world["agencies"]
    case = Case(
        office=a["bpp"],
        state=CaseState.RECOMMENDED,
        destination="oversight_body",
        recipient=a["bkn"],
        forwarded_at=NOW + dt.timedelta(days=10),
        created_at=NOW,
    )
    clock = fake_clock("Tindak lanjut PPK", NOW + dt.timedelta(days=40))
    done = fake_clock("Verifikasi", NOW + dt.timedelta(days=5), state=DeadlineState.MET)
    steps = case_chain(case=case, subjects=[fake_subject(a["pemkot"])], deadlines=[done, clock])
    assert statuses(steps) == [
        ("bawaslu", "done"),
        ("oversight", "done"),
        ("ppk", "current"),
        ("end", "upcoming"),
    ]
    assert [s.holder for s in steps[:3]] == [str(a["bpp"]), str(a["bkn"]), str(a["pemkot"])]
    assert steps[2].clock is clock
    stopped = Case(office=a["bpp"], state=CaseState.STOPPED, created_at=NOW)
    assert statuses(case_chain(case=stopped, subjects=[], deadlines=[clock])) == [
        ("bawaslu", "done"),
        ("oversight", "skipped"),
        ("ppk", "skipped"),
        ("end", "current"),
    ]
    elsewhere = Case(
        office=a["bpp"],
        state=CaseState.FORWARDED,
        destination="gakkumdu",
        recipient=AgencyFactory(name="Sentra Gakkumdu Balikpapan", kind=AgencyKind.GAKKUMDU),
        forwarded_at=NOW,
        created_at=NOW,
    )
    steps = case_chain(case=elsewhere, subjects=[], deadlines=[])
    assert statuses(steps) == [("bawaslu", "done"), ("recipient", "current"), ("end", "upcoming")]
    assert steps[1].holder == "Sentra Gakkumdu Balikpapan"


def test_the_page_puts_the_chain_and_the_moves_first(case_world):
    case = case_world["case"]
    html = client_for(case_world["users"]["bpp_officer"]).get(f"/kasus/{case.pk}/").content.decode()
    stepper = html[html.index('data-testid="chain-stepper"') :]
    assert 'data-step="bawaslu" data-status="current" aria-current="step"' in stepper
    assert str(case.office) in stepper.split("</ol>")[0]
    assert 'data-testid="chain-clock"' in stepper.split("</ol>")[0]
    assert 'href="#form-register" data-testid="jump-register"' in html
    # The moves come before the long sections, and every section is one click away in the menu.
    assert (
        html.index('id="actions-title"')
        < html.index('id="deadlines-title"')
        < html.index('id="timeline-title"')
    )
    nav = html[html.index('data-testid="case-nav"') :].split("</nav>")[0]
    for anchor in ("#actions-title", "#subjects-title", "#docs-title", "#clar-title", "#timeline-title"):
        assert anchor in nav


def test_the_summary_pdf_is_the_case_for_a_meeting(case_world):
    case, u = case_world["case"], case_world["users"]
    with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
        response = client_for(u["bpp_officer"]).get(f"/kasus/{case.pk}/ringkasan.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert f"RINGKASAN KASUS {case.reference}" in text
    assert "Lurah Manggar" in text
    assert "Bawaslu Kota Balikpapan" in text
    assert "saat ini" in text
    assert AuditLogEntry.objects.filter(action="case.summary_print", object_id=str(case.pk)).count() == 1
    assert client_for(u["pbg_head"]).get(f"/kasus/{case.pk}/ringkasan.pdf").status_code == 404


def test_an_officer_is_assigned_from_the_case_page(case_world):
    case, u = case_world["case"], case_world["users"]
    head = client_for(u["bpp_head"])
    page = head.get(f"/kasus/{case.pk}/").content.decode()
    assert 'data-testid="form-assign"' in page
    response = head.post(f"/kasus/{case.pk}/petugas/", {"assignee_id": u["bpp_officer"].pk})
    assert response.status_code == 302
    page = head.get(f"/kasus/{case.pk}/").content.decode()
    assignees = page[page.index('data-testid="assignees"') :].split("</dd>")[0]
    assert str(u["bpp_officer"]) in assignees
    assert AuditLogEntry.objects.filter(action="case.assign", object_id=str(case.pk)).count() == 1
    # An officer of another office is refused on the field; a viewer gets no form; out of scope is 404.
    refused = head.post(f"/kasus/{case.pk}/petugas/", {"assignee_id": u["pbg_head"].pk}, follow=True)
    assert "Petugas tidak ditemukan di kantor Anda." in refused.content.decode()
    viewer = client_for(u["bpp_viewer"])
    assert 'data-testid="form-assign"' not in viewer.get(f"/kasus/{case.pk}/").content.decode()
    assert client_for(u["pbg_head"]).post(f"/kasus/{case.pk}/petugas/", {"assignee_id": 1}).status_code == 404
