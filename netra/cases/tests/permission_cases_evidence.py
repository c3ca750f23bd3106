"""Permission cases for the case API: the case file's evidence. The world's case (Balikpapan, kajian
awal) is Bawaslu Balikpapan's; Purbalingga's head is out of scope; a read-only observer may list the
files but not open one. The allowed reader is Bawaslu: its openings are custody events, not audit rows
(an opening by another agency writes `evidence.view_shared`, tested in test_casefile.py)."""

from netra.core.testing import EndpointCase

A = "/api/v1"


def _with_photo(w) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from netra.evidence.models import UploadedBy
    from netra.evidence.services import evidence_check, evidence_store
    from netra.evidence.tests.fixtures import jpeg_bytes

    checked = evidence_check(uploaded_file=SimpleUploadedFile("foto.jpg", jpeg_bytes()))
    photo = evidence_store(report=w["report"], checked=checked, uploaded_by=UploadedBy.REPORTER)
    return {"case_id": w["case"].pk, "evidence_id": photo.pk}


CASES: list[EndpointCase] = [
    EndpointCase(
        "get",
        f"{A}/cases/{{case_id}}/evidence",
        allowed="bpp_viewer",
        denied="pbg_head",
        path_params=lambda w: {"case_id": w["case"].pk},
    ),
    EndpointCase(
        "get",
        f"{A}/cases/{{case_id}}/evidence/{{evidence_id}}/display",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_with_photo,
    ),
]
