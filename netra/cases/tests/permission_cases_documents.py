"""Permission cases for the case API: documents. The lambdas move the world's case to the stage an
endpoint needs (each is called once per check)."""

import base64

from netra.cases.tests.fixtures import classify_subjects
from netra.core.testing import EndpointCase

A = "/api/v1"


def _move(w, user: str, name: str, **payload) -> None:
    from netra.cases.services.transitions import case_transition

    case_transition(case_id=w["case"].pk, user=w["users"][user], name=name, payload=payload)


def _decided(w) -> dict:
    """Registered, studied, decided 'tidak terbukti' and stopped: the status may be told."""
    _move(w, "bpp_officer", "register")
    _move(w, "bpp_officer", "start_study")
    _move(w, "bpp_head", "decide", outcome="tidak_terbukti", decided_on="2024-10-11")
    _move(w, "bpp_head", "stop")
    return {"case_id": w["case"].pk}


def _forwarded_without_letter(w) -> dict:
    """Forwarded to BKN; the automatic letter is removed again so one may be issued on request."""
    from netra.cases.models import Document

    _move(w, "bpp_officer", "register")
    _move(w, "bpp_officer", "start_study")
    _move(w, "bpp_head", "decide", outcome="terbukti", decided_on="2024-10-11")
    classify_subjects(w["case"], w["users"]["bpp_officer"])
    _move(
        w,
        "bpp_head",
        "forward",
        destination="oversight_body",
        recipient_id=w["agencies"]["bkn"].pk,
        forwarding_summary="Ringkasan petugas",
    )
    Document.objects.filter(case=w["case"], kind="penerusan").delete()
    return {"case_id": w["case"].pk}


def _summons(w) -> dict:
    """The case in clarification with one summons issued."""
    from netra.cases.tests.test_clarifications import in_clarification, summon_subject

    case = in_clarification(w)
    c = summon_subject(w, case)
    return {"case_id": case.pk, "document_id": c.summons_id}


def _pending_summons(w) -> dict:
    """A summons whose PDF is still to be made: its issue never committed (the test's transaction), so
    the render queued for after the commit never ran."""
    from netra.cases.services.clarifications import clarification_schedule
    from netra.cases.tests.fixtures import NOW
    from netra.cases.tests.test_clarifications import PLACE, SESSION, in_clarification

    case = in_clarification(w)
    c = clarification_schedule(
        case_id=case.pk,
        user=w["users"]["bpp_officer"],
        role="terlapor",
        subject_id=case.subjects.get().pk,
        scheduled_at=SESSION,
        place=PLACE,
        now=NOW,
    )
    return {"case_id": case.pk, "document_id": c.summons_id}


def _session(w) -> dict:
    """The case in clarification with one session scheduled (its BAP form may be printed)."""
    from netra.cases.tests.test_clarifications import in_clarification, summon_subject

    case = in_clarification(w)
    c = summon_subject(w, case)
    return {"case_id": case.pk, "clarification_id": c.pk}


def _pdf_body(w) -> dict:
    from weasyprint import HTML

    pdf = HTML(string="<p>Nota dinas internal</p>").write_pdf()
    return {"kind": "lainnya", "title": "Nota dinas", "content_base64": base64.b64encode(pdf).decode()}


CASES: list[EndpointCase] = [
    EndpointCase(
        "get",
        f"{A}/cases/{{case_id}}/documents",
        allowed="bpp_viewer",
        denied="pbg_head",
        path_params=lambda w: {"case_id": w["case"].pk},
    ),
    EndpointCase(
        "get",
        f"{A}/cases/{{case_id}}/documents/{{document_id}}/download",
        allowed="bpp_viewer",
        denied="pbg_head",
        path_params=_summons,
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/documents/{{document_id}}/render",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_pending_summons,
        audit_action="case.document_render_retry",
    ),
    EndpointCase(
        "get",
        f"{A}/cases/{{case_id}}/clarifications/{{clarification_id}}/bap-template",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_session,
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/documents/generate",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_forwarded_without_letter,
        body={"kind": "penerusan"},
        audit_action="case.document_generate",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/documents/status-notice",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_decided,
        audit_action="case.status_notice",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/documents",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=lambda w: {"case_id": w["case"].pk},
        make_body=_pdf_body,
        audit_action="case.document_upload",
    ),
]
