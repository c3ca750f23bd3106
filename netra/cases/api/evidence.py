"""Case API: the case file's evidence (see netra/cases/selectors/casefile.py, docs/domain/access.md).

- `GET /cases/{case_id}/evidence`: the files (kind, size, SHA-256 of the original as the forwarding
  letter lists it, SHA-256 of the display copy, whether a display copy without metadata can be opened)
  and the links of the case's reports, for every reader of the case. Never the name a reporter gave a
  file; a link's note only for Bawaslu.
- `GET /cases/{case_id}/evidence/{evidence_id}/display`: the display copy (metadata removed). A custody
  event for every opening; an audit row (`evidence.view_shared`) and a Bawaslu timeline line when the
  reader is not Bawaslu.
"""

import datetime as dt

from ninja import Router, Schema

from netra.cases.api.core import _visible
from netra.cases.selectors.casefile import case_file_for
from netra.cases.services.evidence import case_evidence_open
from netra.evidence.http import evidence_file_response
from netra.evidence.services import download_name

router = Router(tags=["cases"])


class CaseEvidenceFileOut(Schema):
    id: int
    kind: str
    mime_type: str
    size: int
    sha256: str
    display_sha256: str
    received_at: dt.datetime
    display_available: bool
    display_name: str
    display_url: str | None


class CaseEvidenceLinkOut(Schema):
    id: int
    platform: str
    url: str
    captured_at: dt.datetime
    note: str


class CaseEvidenceOut(Schema):
    files: list[CaseEvidenceFileOut]
    links: list[CaseEvidenceLinkOut]


@router.get("/cases/{case_id}/evidence", response=CaseEvidenceOut, summary="Bukti dalam berkas kasus")
def list_case_evidence(request, case_id: int):
    case = _visible(request, case_id)
    case_file = case_file_for(case=case, user=request.user)
    files = []
    for e in case_file.evidence:
        available = bool(e.display) and e.stripped
        files.append(
            {
                "id": e.pk,
                "kind": e.kind,
                "mime_type": e.mime_type,
                "size": e.size,
                "sha256": e.sha256,
                "display_sha256": e.display_sha256 if available else "",
                "received_at": e.created_at,
                "display_available": available,
                "display_name": download_name(e, variant="display"),
                "display_url": f"/api/v1/cases/{case.pk}/evidence/{e.pk}/display" if available else None,
            }
        )
    links = [
        {
            "id": link.pk,
            "platform": link.platform,
            "url": link.url,
            "captured_at": link.captured_at,
            "note": link.note if case_file.reads_reports else "",
        }
        for link in case_file.links
    ]
    return {"files": files, "links": links}


@router.get(
    "/cases/{case_id}/evidence/{evidence_id}/display",
    summary="Buka salinan tampilan bukti (tanpa metadata)",
)
def case_evidence_display(request, case_id: int, evidence_id: int):
    handle, name = case_evidence_open(case_id=case_id, evidence_id=evidence_id, user=request.user)
    return evidence_file_response(handle, name)
