"""Case API: documents (see netra/cases/api/__init__.py).

- `GET /cases/{case_id}/documents`: the documents this reader may read (`Document.audience`).
- `GET /cases/{case_id}/documents/{document_id}/download`: the PDF (checked against its SHA-256; the
  download is recorded on the case timeline). A letter is numbered with its move and its PDF rendered
  after the commit: until then `render_state` is "pending" and the download answers 409; when rendering
  failed it is "failed" (with `render_error`).
- `POST /cases/{case_id}/documents/{document_id}/render`: render a failed (or stuck) letter again.
- `GET /cases/{case_id}/clarifications/{clarification_id}/bap-template`: the blank Berita Acara
  Klarifikasi of a session (PDF to print and sign; Bawaslu officers).
- `POST /cases/{case_id}/documents/generate`: issue a missing forwarding or recommendation letter.
- `POST /cases/{case_id}/documents/status-notice`: the status notice to the reporter (explicit action).
- `POST /cases/{case_id}/documents`: upload a PDF (BAP, sanction decree, other) as JSON with
  `content_base64` (bounded by DATA_UPLOAD_MAX_MEMORY_SIZE) or multipart with a JSON `payload` + `file`.
"""

import base64
import binascii
import datetime as dt
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from netra.cases.api.core import _visible
from netra.cases.models import Document
from netra.cases.selectors.documents import document_list_visible
from netra.cases.services import documents as services
from netra.cases.services.letters_render import document_render_retry
from netra.core.exceptions import ApplicationError

router = Router(tags=["cases"])


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    number: str
    dated: dt.date
    title: str
    issued_by: str
    addressed_to: str
    sha256: str
    size: int
    generated: bool
    created_at: dt.datetime
    download_url: str
    render_state: str = Field(
        description="pending: the PDF is being made (download answers 409) | rendered | failed (see "
        "render_error; POST .../render to try again)"
    )
    render_error: str
    render_attempts: int
    render_attempted_at: dt.datetime | None

    @staticmethod
    def resolve_kind_label(obj: Document) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_issued_by(obj: Document) -> str:
        return str(obj.issued_by)

    @staticmethod
    def resolve_download_url(obj: Document) -> str:
        return f"/api/v1/cases/{obj.case_id}/documents/{obj.pk}/download"


class GenerateIn(Schema):
    kind: str = Field(description="penerusan | rekomendasi | pemberitahuan_status")
    recommendation_id: int | None = None


class UploadIn(Schema):
    kind: str = Field(description="bap | keputusan_sanksi | lainnya")
    title: str = Field("", max_length=300)
    number: str = Field("", max_length=120)
    content_base64: str = Field("", description="The PDF, base64 (JSON requests only)")


def _decode_pdf(data: str, name: str = "dokumen.pdf") -> SimpleUploadedFile:
    try:
        content = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ApplicationError("Isi berkas (base64) tidak valid.", extra={"field": "content_base64"}) from exc
    if not content:
        raise ApplicationError("Berkas wajib diunggah.", extra={"field": "content_base64"})
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _upload_parse(request: HttpRequest) -> tuple[UploadIn, object]:
    try:
        if request.content_type == "multipart/form-data":
            data = UploadIn.model_validate_json(request.POST.get("payload") or "{}")
            upload = request.FILES.get("file")
            if upload is None:
                raise ApplicationError("Berkas wajib diunggah.", extra={"field": "file"})
            return data, upload
        data = UploadIn.model_validate_json(request.body or b"{}")
    except PydanticValidationError as exc:
        raise NinjaValidationError(json.loads(exc.json(include_url=False))) from exc
    return data, _decode_pdf(data.content_base64)


@router.get("/cases/{case_id}/documents", response=list[DocumentOut], summary="Dokumen kasus")
def list_documents(request, case_id: int):
    return document_list_visible(case=_visible(request, case_id), user=request.user)


@router.get("/cases/{case_id}/documents/{document_id}/download", summary="Unduh dokumen (PDF)")
def download_document(request, case_id: int, document_id: int):
    content, document = services.document_open(case_id=case_id, document_id=document_id, user=request.user)
    name = f"{document.kind}-{(document.number or str(document.pk)).replace('/', '-')}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.post(
    "/cases/{case_id}/documents/{document_id}/render",
    response={202: DocumentOut},
    summary="Buat ulang PDF surat yang gagal dibuat",
)
def render_document(request, case_id: int, document_id: int):
    document = document_render_retry(case_id=case_id, document_id=document_id, user=request.user)
    document.refresh_from_db()  # rendered already when tasks run in-process
    return Status(202, document)


@router.get(
    "/cases/{case_id}/clarifications/{clarification_id}/bap-template",
    summary="Templat berita acara klarifikasi (PDF untuk dicetak dan ditandatangani)",
)
def clarification_minutes_template(request, case_id: int, clarification_id: int):
    content, name = services.clarification_minutes_template(
        case_id=case_id, clarification_id=clarification_id, user=request.user
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.post(
    "/cases/{case_id}/documents/generate",
    response={201: DocumentOut},
    summary="Terbitkan surat yang belum ada",
)
def generate_document(request, case_id: int, payload: GenerateIn):
    document = services.document_generate(
        case_id=case_id, user=request.user, kind=payload.kind, recommendation_id=payload.recommendation_id
    )
    return Status(201, document)


@router.post(
    "/cases/{case_id}/documents/status-notice",
    response={201: DocumentOut},
    summary="Kirim pemberitahuan status laporan kepada pelapor",
)
def status_notice(request, case_id: int):
    return Status(201, services.status_notice_send(case_id=case_id, user=request.user))


@router.post(
    "/cases/{case_id}/documents",
    response={201: DocumentOut},
    summary="Unggah dokumen PDF (BAP, keputusan sanksi, lainnya)",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/UploadIn"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["payload", "file"],
                        "properties": {
                            "payload": {"type": "string", "description": "JSON UploadIn"},
                            "file": {"type": "string", "format": "binary"},
                        },
                    }
                },
            },
            "required": True,
        }
    },
)
def upload_document(request, case_id: int):
    data, upload = _upload_parse(request)
    document = services.document_upload(
        case_id=case_id,
        user=request.user,
        kind=data.kind,
        uploaded_file=upload,
        title=data.title,
        number=data.number,
    )
    return Status(201, document)
