"""The public reporting API, the reporter's receipt-authenticated follow-up, and officers' endpoints.

`POST /reports` and `POST /tips` accept JSON, or multipart/form-data with the same JSON in a `payload`
field plus `files` (evidence). Receipt endpoints authenticate with the `X-Receipt` header; wrong codes
are throttled per client.
"""

import json
from typing import Any, TypeVar

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyHeader
from pydantic import ValidationError as PydanticValidationError

from netra.core import ratelimit
from netra.core.exceptions import ApplicationError
from netra.intake import idempotency, next_steps, receipt_throttle, selectors, services
from netra.intake import submission as intake_submission
from netra.intake.models import Report, ReportChannel, ReportKind
from netra.intake.schemas import (
    MessageIn,
    MessageOut,
    OfficerReportOut,
    ReporterIn,
    ReporterStatusOut,
    ReportIn,
    ReportSummaryOut,
    RevealIn,
    SubmissionOut,
    TipIn,
    _IncidentIn,
)

router = Router(tags=["reports"])

S = TypeVar("S", bound=Schema)


# --- helpers -------------------------------------------------------------------------------------------


def _parse(request: HttpRequest, schema: type[S]) -> tuple[S, list]:
    """JSON body, or multipart with a JSON `payload` field and `files`."""
    data, files, _raw = _parse_raw(request, schema)
    return data, files


def _parse_raw(request: HttpRequest, schema: type[S]) -> tuple[S, list, bytes]:
    """As `_parse`, plus the JSON as sent (for the idempotency fingerprint)."""
    try:
        if request.content_type == "multipart/form-data":
            raw = request.POST.get("payload", "")
            if not raw:
                raise ApplicationError(
                    "Kolom 'payload' (JSON) wajib diisi.", code="payload-required", extra={}
                )
            data = schema.model_validate_json(raw)
            files = request.FILES.getlist("files")
            body = raw.encode()
        else:
            body = request.body or b"{}"
            data = schema.model_validate_json(body)
            files = []
    except PydanticValidationError as exc:
        raise NinjaValidationError(json.loads(exc.json(include_url=False))) from exc
    return data, files, body


def _guard_public(request: HttpRequest, honeypot: str) -> None:
    if honeypot:
        raise ApplicationError("Permintaan ditolak.", code="rejected")
    key = ratelimit.client_key(request)
    if ratelimit.hit("intake", key) > settings.NETRA_INTAKE_RATE_PER_HOUR:
        raise HttpError(429, "Terlalu banyak laporan dari perangkat ini. Silakan coba lagi dalam satu jam.")


def _submission_out(result: intake_submission.SubmissionResult) -> dict:
    report = result.report
    steps = next_steps.next_steps_for(report=report)
    return {
        "reference": report.reference,
        "receipt": result.receipt,
        "kind": report.kind,
        "status": report.status,
        "status_label": report.get_status_display(),
        "office": report.office.name if report.office else None,
        "filing_deadline": report.filing_deadline,
        "is_timely": report.is_timely,
        "missing": report.missing,
        "notice": " ".join(f"{s.title}: {s.text}" for s in steps),
        "next_steps": [{"title": s.title, "text": s.text, "basis": s.basis} for s in steps],
    }


def _submission(data: _IncidentIn, kind: str) -> intake_submission.Submission:
    persons = [intake_submission.PersonIn(**p.dict()) for p in data.reported_persons]
    common: dict[str, Any] = {
        "kind": kind,
        "description": data.description,
        "incident_region_code": data.incident_region_code,
        "incident_place": data.incident_place,
        "incident_date": data.incident_date,
        "known_date": data.known_date,
        "election_code": data.election_code,
        "persons": persons,
        "links": data.links,
    }
    if kind == ReportKind.TIP or not isinstance(data, ReportIn):
        return intake_submission.Submission(**common, identity=None, identity_confidential=True)
    return intake_submission.Submission(
        **common,
        witnesses=[intake_submission.WitnessIn(**w.dict()) for w in data.witnesses],
        identity=intake_submission.IdentityIn(**data.reporter.dict()),
        identity_confidential=data.identity_confidential,
        statement_of_truth=data.statement_of_truth,
        notify_by_email=data.notify_by_email and bool(data.reporter.email.strip()),
    )


def _multipart_body(ref: str) -> dict:
    return {
        "requestBody": {
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["payload"],
                        "properties": {
                            "payload": {"type": "string", "description": f"JSON {ref}"},
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        },
                    }
                },
            },
            "required": True,
        },
        "parameters": [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": (
                    "A key of the client's own (16–255 printable ASCII characters, e.g. a UUID). A retry "
                    "with the same key and the same content within NETRA_IDEMPOTENCY_HOURS returns the "
                    "first answer (200) and files nothing; the same key with other content is refused "
                    "(422)."
                ),
                "schema": {"type": "string", "minLength": 16, "maxLength": 255},
            }
        ],
    }


# --- public ----------------------------------------------------------------------------------------------


@router.post(
    "/reports",
    auth=None,
    response={200: SubmissionOut, 201: SubmissionOut},
    summary="Kirim laporan (publik)",
    openapi_extra=_multipart_body("ReportIn"),
)
def submit_report(request):
    """Formulir Model B.1 (Perbawaslu 7/2022). Identity is confidential by default and sealed at rest."""
    data, files, body = _parse_raw(request, ReportIn)
    return _submit(request, _submission(data, ReportKind.LAPORAN), data.website, files, body)


@router.post(
    "/tips",
    auth=None,
    response={200: SubmissionOut, 201: SubmissionOut},
    summary="Kirim informasi awal anonim (publik)",
    openapi_extra=_multipart_body("TipIn"),
)
def submit_tip(request):
    """No identity at all. By law it cannot become a laporan; supervisors may turn it into a temuan."""
    data, files, body = _parse_raw(request, TipIn)
    return _submit(request, _submission(data, ReportKind.TIP), data.website, files, body)


IDEMPOTENCY_HEADER = "Idempotency-Key"


def _submit(request, submission: intake_submission.Submission, honeypot: str, files: list, body: bytes):
    """File once. With an `Idempotency-Key` header, a retry with the same key and content returns the
    first answer (200 instead of 201) and files nothing; the same key with other content → 422."""
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    if not key:
        _guard_public(request, honeypot)
        result = intake_submission.report_submit(
            submission=submission, files=files, channel=ReportChannel.API
        )
        return Status(201, _submission_out(result))
    if not idempotency.key_is_well_formed(key):
        raise ApplicationError(
            "Header Idempotency-Key tidak sah: gunakan 16–255 karakter ASCII tanpa spasi, misalnya UUID.",
            code="idempotency-key-invalid",
        )
    fingerprint = idempotency.request_fingerprint(body=body, files=files)
    replay = idempotency.submission_replay(key=key, fingerprint=fingerprint)
    if replay is None:  # a new submission: the spam trap and the rate limit apply (a retry is not counted)
        _guard_public(request, honeypot)
        replay = idempotency.report_submit_once(
            key=key, fingerprint=fingerprint, submission=submission, files=files, channel=ReportChannel.API
        )
    if replay.replayed:
        return Status(200, _submission_out(replay.result))
    return Status(201, _submission_out(replay.result))


class ReceiptAuth(APIKeyHeader):
    """`X-Receipt: XXXX-XXXX-XXXX-XXXX-XXXX`. Wrong codes are throttled (per address and code prefix,
    per prefix, per address); too many → 429."""

    param_name = "X-Receipt"

    def authenticate(self, request, key):
        if not key:  # no code offered: not a guess, nothing to count
            return None
        # Same throttle as the web page (netra.intake.receipt_throttle): per address and code prefix.
        refusal = receipt_throttle.receipt_refusal(request, key or "")
        if refusal:
            raise HttpError(429, refusal.message)
        report = services.report_for_receipt(receipt=key or "")
        if report is None:
            receipt_throttle.receipt_failure(request, key or "")
            return None
        return report


receipt_auth = ReceiptAuth()


def _status_out(report: Report) -> dict:
    view = selectors.reporter_view(report=report)
    r = view.report
    return {
        "reference": r.reference,
        "kind": r.kind,
        "status": r.status,
        "status_label": r.get_status_display(),
        "received_at": r.received_at,
        "office": r.office.name if r.office else None,
        "missing": r.missing,
        "evidence_count": view.evidence_count + view.link_count,
        "messages": [_message_out(m) for m in view.messages],
        "identity_reveals": [
            {"created_at": x.created_at, "office": x.agency.name if x.agency else None} for x in view.reveals
        ],
    }


def _message_out(m) -> dict:
    return {
        "id": m.pk,
        "sender": m.sender,
        "body": m.body,
        "created_at": m.created_at,
        "office": m.agency.name if m.agency_id else None,
    }


@router.get(
    "/my-report",
    auth=receipt_auth,
    response=ReporterStatusOut,
    summary="Status laporan (dengan kode tanda terima)",
)
def my_report(request):
    services.messages_mark_read(report=request.auth, reader="pelapor")
    return _status_out(request.auth)


@router.post(
    "/my-report/messages",
    auth=receipt_auth,
    response={201: MessageOut},
    summary="Balas petugas (dengan kode tanda terima)",
)
def my_report_message(request, payload: MessageIn):
    return Status(201, _message_out(services.message_from_reporter(report=request.auth, body=payload.body)))


@router.post(
    "/my-report/evidence",
    auth=receipt_auth,
    response={201: dict},
    summary="Tambah bukti (dengan kode tanda terima)",
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                            "links": {"type": "array", "items": {"type": "string"}},
                        },
                    }
                }
            }
        }
    },
)
def my_report_evidence(request):
    files = request.FILES.getlist("files")
    added = services.report_add_evidence_by_reporter(
        report=request.auth, files=files, links=request.POST.getlist("links")
    )
    return Status(201, {"added": added})


# --- officers ------------------------------------------------------------------------------------------


@router.get("/reports", response=list[ReportSummaryOut], summary="Laporan masuk dalam cakupan")
def list_reports(request, status: str = "", kind: str = "", limit: int = 100):
    return list(
        selectors.report_list_visible_to(user=request.user, status=status, kind=kind)[
            : max(1, min(limit, 500))
        ]
    )


def _officer_report(request, report_id: int) -> Report:
    report = selectors.report_get_visible(user=request.user, report_id=report_id)
    if report is None:
        raise Http404
    return report


@router.get(
    "/reports/{report_id}", response=OfficerReportOut, summary="Satu laporan (tanpa identitas pelapor)"
)
def get_report(request, report_id: int):
    report = _officer_report(request, report_id)
    services.messages_mark_read(report=report, reader="petugas")
    return {
        **{
            f: getattr(report, f)
            for f in (
                "id",
                "reference",
                "kind",
                "status",
                "received_at",
                "office_id",
                "is_timely",
                "requirements_met",
                "description",
                "incident_place",
                "incident_date",
                "known_date",
                "filing_deadline",
                "missing",
                "identity_confidential",
            )
        },
        "incident_region_code": report.incident_region_id,
        "reported_persons": list(report.reported_persons.all()),
        "messages": [_message_out(m) for m in report.messages.all()],
        "has_identity": hasattr(report, "identity") and report.identity.sealed is not None,
        "same_reporter_reports": selectors.same_reporter_count(report=report, user=request.user),
    }


@router.post(
    "/reports/{report_id}/messages", response={201: MessageOut}, summary="Kirim pesan kepada pelapor"
)
def officer_message(request, report_id: int, payload: MessageIn):
    report = _officer_report(request, report_id)
    message = services.message_from_officer(report=report, officer=request.user, body=payload.body)
    return Status(201, _message_out(message))


@router.post(
    "/reports/{report_id}/reveal-identity", response=ReporterIn, summary="Buka identitas pelapor (tercatat)"
)
def reveal_identity(request, report_id: int, payload: RevealIn):
    report = _officer_report(request, report_id)
    return services.identity_reveal(report=report, officer=request.user, reason=payload.reason)
