"""Permission cases for the case API: duplicates and merging.

The merge endpoints need a second case (or person): `make_body` makes it once per world, from a second
reporter's laporan about the same post, and opens its case as the task would.
"""

from netra.core.testing import EndpointCase

A = "/api/v1"
NIP = "198001012005011001"


def _second_case(w):
    """Another Balikpapan laporan about the same lurah and post (Ahmad Yani, with his NIP)."""
    if "second_case" not in w:
        from netra.cases.services.opening import case_open_for_report
        from netra.intake.submission import PersonIn, report_submit
        from netra.intake.tests.conftest import NOW, make_submission

        report = report_submit(
            submission=make_submission(
                persons=[PersonIn(name="Drs. H. Ahmad Yani, M.Si.", nip=NIP)],
                links=["https://www.facebook.com/groups/warga/posts/123?fbclid=IwAR1"],
            ),
            now=NOW,
        ).report
        w["second_case"] = case_open_for_report(report=report)
    return w["second_case"]


CASES: list[EndpointCase] = [
    EndpointCase(
        "get",
        f"{A}/cases/{{case_id}}/duplicates",
        allowed="bpp_viewer",
        denied="pbg_head",
        path_params=lambda w: {"case_id": w["case"].pk},
    ),
    EndpointCase(
        "post",
        f"{A}/cases/{{case_id}}/merge",
        allowed="bpp_head",
        denied="pbg_head",  # holds cases.merge_case, but in Purbalingga: the case is not found
        forbidden="bpp_officer",  # sees the case, lacks cases.merge_case
        path_params=lambda w: {"case_id": w["case"].pk},
        make_body=lambda w: {"into_case_id": _second_case(w).pk, "reason": "Unggahan Facebook yang sama"},
        audit_action="case.merge",
    ),
    EndpointCase(
        "post",
        f"{A}/cases/persons/{{person_id}}/merge",
        allowed="bpp_head",
        denied="pbg_head",
        forbidden="bpp_officer",
        path_params=lambda w: {"person_id": w["case"].subjects.first().person_id},
        make_body=lambda w: {
            "drop_person_id": _second_case(w).subjects.first().person_id,
            "reason": "Lurah Manggar adalah Ahmad Yani (NIP dari SIASN)",
        },
        audit_action="person.merge",
    ),
]
