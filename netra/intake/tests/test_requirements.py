"""Formal and material requirements (Perbawaslu 7/2022 Pasal 15): precise, never silent."""

import datetime as dt
import zoneinfo

from netra.intake.requirements import RequirementInput, requirements_check

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=WITA)


def complete(**changes) -> RequirementInput:
    base = {
        "kind": "laporan",
        "reporter_name": "Budi",
        "reporter_address": "Jl. Jenderal Sudirman 1, Balikpapan",
        "reported_names": ("Camat X",),
        "incident_date": dt.date(2026, 11, 20),
        "incident_place": "Balikpapan Selatan",
        "incident_region_code": "64.71.05",
        "description": "Camat menyukai dan membagikan unggahan kampanye pasangan calon nomor 1 di Facebook.",
        "evidence_count": 1,
        "statement_of_truth": True,
        "received_at": NOW,
        "filing_deadline": NOW + dt.timedelta(days=3),
        "deadline_known": True,
    }
    base.update(changes)
    return RequirementInput(**base)


def codes(data):
    return [m.code for m in requirements_check(data)]


def test_complete_report_misses_nothing():
    assert requirements_check(complete()) == []


def test_each_formal_requirement_is_named():
    data = complete(reporter_name=" ", reporter_address="", reported_names=("",), statement_of_truth=False)
    missing = requirements_check(data)
    assert [m.code for m in missing] == [
        "reporter_name",
        "reporter_address",
        "reported_person",
        "statement_of_truth",
    ]
    assert all(m.requirement == "formal" for m in missing)
    assert "NIP dan jabatan boleh kosong" in missing[2].message
    assert all("Pasal 15" in m.basis or "B.1" in m.basis for m in missing)


def test_late_report_says_the_deadline_in_the_office_zone():
    data = complete(filing_deadline=dt.datetime(2026, 11, 20, 16, 0, tzinfo=WITA))
    (late,) = requirements_check(data)
    assert late.code == "late"
    assert "Jumat, 20 November 2026 16.00 WITA" in late.message
    assert "tetap disimpan" in late.message


def test_unknown_deadline_is_flagged_not_assumed():
    assert codes(complete(filing_deadline=None, deadline_known=False)) == ["deadline_unknown"]


def test_material_requirements():
    data = complete(
        incident_date=None,
        incident_place="",
        incident_region_code="",
        description="Ada ASN.",
        evidence_count=0,
    )
    assert codes(data) == ["incident_date", "incident_place", "description", "evidence"]


def test_tip_has_no_formal_requirements_and_needs_no_evidence():
    data = complete(
        kind="informasi_awal",
        reporter_name="",
        reporter_address="",
        reported_names=(),
        statement_of_truth=False,
        evidence_count=0,
        filing_deadline=None,
        deadline_known=False,
    )
    assert codes(data) == []
