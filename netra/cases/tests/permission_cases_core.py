"""Permission cases for the case API: cases, transitions, subjects, deadlines, notes, temuan."""

from netra.core.testing import EndpointCase

A = "/api/v1"


def _case(w) -> dict:
    return {"case_id": w["case"].pk}


def _subject(w) -> dict:
    return {"case_id": w["case"].pk, "subject_id": w["case"].subjects.first().pk}


def _person(w) -> dict:
    return {"person_id": w["case"].subjects.first().person_id}


CASES: list[EndpointCase] = [
    EndpointCase(
        "get", f"{A}/cases", allowed="bpp_officer", denied="pbg_head", list_probe=lambda w: w["case"].pk
    ),
    EndpointCase(
        "post",
        f"{A}/cases/findings",
        allowed="bpp_officer",
        denied="pbg_head",  # a temuan outside one's jurisdiction is refused
        denied_status=403,
        forbidden="bpp_viewer",
        body={
            "description": "Patroli siber: camat mengunggah foto dengan gestur jari paslon.",
            "incident_region_code": "64.71.01",
            "persons": [{"name": "Camat Balikpapan Selatan"}],
        },
        audit_action="finding.record",
    ),
    EndpointCase("get", f"{A}/cases/{{case_id}}", allowed="bpp_viewer", denied="pbg_head", path_params=_case),
    EndpointCase(
        "patch",
        f"{A}/cases/{{case_id}}",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_case,
        body={"title": "Lurah Manggar membagikan konten paslon"},
        audit_action="case.update",
        headers=lambda w: {"HTTP_IF_MATCH": w["case"].etag},
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/transitions",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_case,
        body={"name": "register"},
        audit_action="case.register",
    ),
    EndpointCase(
        "get", f"{A}/cases/{{case_id}}/timeline", allowed="bpp_viewer", denied="pbg_head", path_params=_case
    ),
    EndpointCase(
        "get", f"{A}/cases/{{case_id}}/deadlines", allowed="bpp_viewer", denied="pbg_head", path_params=_case
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/deadlines/extend",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=lambda w: _registered(w),
        body={"reason": "Menunggu keterangan tambahan dari BKPSDM"},
        audit_action="case.deadline_extend",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/notes",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_case,
        body={"body": "Akun Facebook terlapor sudah diarsipkan."},
        audit_action="case.note",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/assign",
        allowed="bpp_head",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_case,
        make_body=lambda w: {"assignee_id": w["users"]["bpp_officer"].pk},
        audit_action="case.assign",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/subjects",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_case,
        body={"name": "Kepala Seksi Pemerintahan", "agency_name": "Kelurahan Manggar"},
        audit_action="case.subject_add",
    ),
    EndpointCase(
        "patch",
        f"{A}/cases/{{case_id}}/subjects/{{subject_id}}",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_subject,
        body={"agency_name": "Dinas Pendidikan Kota Balikpapan", "position": "Lurah Manggar"},
        audit_action="case.subject_update",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/subjects/{{subject_id}}/classify",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_subject,
        body={"conduct": "medsos-kampanye"},
        audit_action="case.classify",
    ),
    EndpointCase(
        "get",
        f"{A}/cases/persons/{{person_id}}",
        allowed="bpp_viewer",
        denied="pbg_head",
        path_params=_person,
    ),
    EndpointCase(
        "patch",
        f"{A}/cases/persons/{{person_id}}",
        allowed="bpp_officer",
        denied="pbg_head",
        forbidden="bpp_viewer",
        path_params=_person,
        body={"nip": "198001012005011001"},
        audit_action="person.update",
    ),
]


def _registered(w) -> dict:
    """The case registered (its follow-up clock running), so the extension has a clock to extend."""
    from netra.cases.services.transitions import case_transition

    case = w["case"]
    if not case.deadlines.filter(kind="follow_up").exists():
        case_transition(case_id=case.pk, user=w["users"]["bpp_officer"], name="register")
    return {"case_id": case.pk}
