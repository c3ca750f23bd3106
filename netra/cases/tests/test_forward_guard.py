"""Forwarding requires every terlapor classified (issue 14): whatever the destination, the forwarding
letter never lists a terlapor "belum diklasifikasi"; the refusal lands on the move's `subjects` field."""

import datetime as dt

import pytest
from django.test import Client

from netra.agencies.models import AgencyKind
from netra.agencies.tests.factories import AgencyFactory
from netra.cases.models import CaseState, Document, DocumentKind
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects
from netra.core.exceptions import ConflictError

pytestmark = pytest.mark.django_db
SUMMARY = "Terlapor terbukti membagikan konten kampanye pasangan calon di media sosial."
LATER = NOW + dt.timedelta(hours=5)


def move(case, user, name, **payload):
    return case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=LATER)


def decided(world):
    u, case = world["users"], world["case"]
    case = move(case, u["bpp_officer"], "register")
    case = move(case, u["bpp_officer"], "start_study")
    return move(case, u["bpp_head"], "decide", outcome="terbukti", decided_on="2024-10-11")


def test_forwarding_to_gakkumdu_refuses_an_unclassified_terlapor(case_world):
    u = case_world["users"]
    gakkumdu = AgencyFactory(code="gakkumdu-bpp", name="Sentra Gakkumdu Balikpapan", kind=AgencyKind.GAKKUMDU)
    case = decided(case_world)
    payload = {"destination": "gakkumdu", "recipient_id": gakkumdu.pk, "forwarding_summary": SUMMARY}
    with pytest.raises(ConflictError) as refused:
        move(case, u["bpp_head"], "forward", **payload)
    assert refused.value.code == "subjects_incomplete"
    assert refused.value.extra == {"field": "subjects"}
    assert "Lurah Manggar" in refused.value.message
    assert "perbuatan belum diklasifikasikan" in refused.value.message
    case.refresh_from_db()
    assert case.state == CaseState.DECIDED
    assert not Document.objects.filter(case=case, kind=DocumentKind.FORWARDING).exists()

    case = classify_subjects(case, u["bpp_officer"])
    case = move(case, u["bpp_head"], "forward", **payload)
    assert case.recipient == gakkumdu
    letter = Document.objects.get(case=case, kind=DocumentKind.FORWARDING)
    rows = letter.render_context["subjects"]
    assert [r["name"] for r in rows] == ["Lurah Manggar"]
    assert all(r["classification"] and r["classification"] != "belum diklasifikasi" for r in rows)


def test_the_page_shows_the_refusal_on_the_forward_form(case_world):
    u = case_world["users"]
    case = decided(case_world)
    c = Client()
    c.force_login(u["bpp_head"])
    response = c.post(
        f"/kasus/{case.pk}/langkah/forward/",
        {
            "version": case.version,
            "destination": "oversight_body",
            "recipient_id": case_world["agencies"]["bkn"].pk,
            "forwarding_summary": SUMMARY,
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'data-testid="forward-subjects-error"' in html
    assert "Lurah Manggar: " in html
    assert SUMMARY in html  # what was typed is kept
