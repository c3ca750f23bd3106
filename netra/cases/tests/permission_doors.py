"""Scoping doors of the case API (issue 8): calls on one's own case that name another jurisdiction's
terlapor or reporter. Checked by netra/core/tests/test_api_permissions.py on `door_world`
(netra/cases/tests/fixtures.py). Each of these answered 2xx and echoed Purbalingga's record before."""

from netra.cases.models import Person
from netra.cases.tests.fixtures import PBG_SECRETS
from netra.core.testing import DoorCase

A = "/api/v1"


def _secrets(w) -> list[str]:
    return list(PBG_SECRETS)


def _unchanged(key: str):
    """The Purbalingga record is exactly as Purbalingga recorded it."""

    def check(w, response) -> None:
        person = Person.objects.get(pk=w[key].pk)
        original = w[key]
        assert (person.name, person.nip, person.position, person.agency_name) == (
            original.name,
            original.nip,
            original.position,
            original.agency_name,
        )

    return check


def _linked_silently(w, response) -> None:
    """Adding by a known NIP links the identity but records (and shows) only what the officer typed."""
    body = response.json()
    assert body["person"]["id"] == w["pbg_person"].pk
    assert body["person"]["name"] == "Nama Diketik Petugas"
    assert body["person"]["position"] == ""
    _unchanged("pbg_person")(w, response)


DOORS = [
    DoorCase(
        "attach another office's terlapor by id",
        "post",
        f"{A}/cases/{{case_id}}/subjects",
        user="bpp_officer",
        path_params=lambda w: {"case_id": w["case"].pk},
        make_body=lambda w: {"person_id": w["pbg_person"].pk},
        secrets=_secrets,
        expect=_unchanged("pbg_person"),
    ),
    DoorCase(
        "add by the NIP of another office's terlapor",
        "post",
        f"{A}/cases/{{case_id}}/subjects",
        user="bpp_officer",
        path_params=lambda w: {"case_id": w["case"].pk},
        make_body=lambda w: {"name": "Nama Diketik Petugas", "nip": w["pbg_person"].nip},
        status=201,
        secrets=_secrets,
        expect=_linked_silently,
    ),
    DoorCase(
        "patch a terlapor record shared with another office",
        "patch",
        f"{A}/cases/persons/{{person_id}}",
        user="bpp_officer",
        path_params=lambda w: {"person_id": w["shared_person"].pk},
        make_body=lambda w: {"position": "Diubah Balikpapan", "nip": "199001012015011001"},
        expect=_unchanged("shared_person"),
    ),
    DoorCase(
        "merge a shared record into one's own (the shared one would be deleted)",
        "post",
        f"{A}/cases/persons/{{person_id}}/merge",
        user="bpp_head",
        path_params=lambda w: {"person_id": w["own_person"].pk},
        make_body=lambda w: {"drop_person_id": w["shared_person"].pk, "reason": "orang yang sama"},
        expect=_unchanged("shared_person"),
    ),
    DoorCase(
        "merge one's own record into a shared one (the shared one would take its NIP)",
        "post",
        f"{A}/cases/persons/{{person_id}}/merge",
        user="bpp_head",
        path_params=lambda w: {"person_id": w["shared_person"].pk},
        make_body=lambda w: {"drop_person_id": w["own_person"].pk, "reason": "orang yang sama"},
        expect=_unchanged("shared_person"),
    ),
    DoorCase(
        "PPK attaches another office's terlapor during its own stage",
        "post",
        f"{A}/cases/{{case_id}}/subjects",
        user="bkpsdm_officer",
        path_params=lambda w: {"case_id": w["ppk_case"].pk},
        make_body=lambda w: {"person_id": w["pbg_person"].pk},
        secrets=_secrets,
        expect=_unchanged("pbg_person"),
    ),
    DoorCase(
        "PPK adds by the NIP of another office's terlapor during its own stage",
        "post",
        f"{A}/cases/{{case_id}}/subjects",
        user="bkpsdm_officer",
        path_params=lambda w: {"case_id": w["ppk_case"].pk},
        make_body=lambda w: {"name": "Nama Diketik Petugas", "nip": w["pbg_person"].nip},
        status=201,
        secrets=_secrets,
        expect=_linked_silently,
    ),
    DoorCase(
        "PPK patches another office's terlapor",
        "patch",
        f"{A}/cases/persons/{{person_id}}",
        user="bkpsdm_officer",
        path_params=lambda w: {"person_id": w["pbg_person"].pk},
        make_body=lambda w: {"position": "Diubah PPK"},
        expect=_unchanged("pbg_person"),
    ),
    DoorCase(
        "reporter linkage counts only reports in one's own jurisdiction",
        "get",
        f"{A}/reports/{{report_id}}",
        user="bpp_officer",
        path_params=lambda w: {"report_id": w["report"].pk},
        status=200,
        expect=lambda w, response: _no_linkage(response),
    ),
]


def _no_linkage(response) -> None:
    # The same reporter (same NIK, phone, e-mail) filed the PPK case's report in Balikpapan and the
    # Purbalingga report: Balikpapan counts its own one, not Purbalingga's (2 before issue 8).
    assert response.json()["same_reporter_reports"] == 1
