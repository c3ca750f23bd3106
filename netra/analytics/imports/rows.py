"""One row of an import file → one `SubjectFact`'s values, or every reason it cannot be one.

A row is one ASN in one case. Its stage is computed from the dates and the outcome it reached (the same
`Stage`s live cases are projected into): sanctioned when the PPK's sanction is dated; stopped when the
outcome says it stopped or Bawaslu found it not proven; closed for other ended outcomes; at the PPK when
a sanction was recommended; at the ASN oversight body when forwarded; else still with Bawaslu.
`waiting_since` follows `netra.analytics.facts` exactly, so live and imported rows age alike.

Its identity (`row_key`) is the SHA-256 of the normalised row: the resolved codes and ISO dates, not
the spelling in the file, so the same history imported again (from this file or another, CSV or XLSX,
code or name) adds nothing.
"""

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _g

from netra.analytics.facts import _waiting_since
from netra.analytics.imports.columns import COLUMNS, REQUIRED, STAGE_DATES, CellError
from netra.analytics.imports.references import NOT_PROVEN_OUTCOMES, OUTCOME_STAGE, STOP_OUTCOMES, References
from netra.analytics.models import Stage, SubjectFact

Problem = tuple[str, str]  # (column, why)


def _parse_cells(cells: dict[str, Any], refs: References) -> tuple[dict[str, Any], list[Problem]]:
    parsed: dict[str, Any] = {}
    problems: list[Problem] = []
    for column in COLUMNS:
        try:
            parsed[column.name] = column.parse(cells.get(column.name), refs)
        except CellError as exc:
            problems.append((column.name, str(exc)))
    return parsed, problems


def _region(parsed: dict[str, Any], refs: References) -> tuple[str, str, list[Problem]]:
    """The row's region code and the column it came from."""
    if "kode_wilayah" not in parsed or "wilayah" not in parsed:
        return "", "", []  # already reported
    by_code, by_name = parsed["kode_wilayah"], parsed["wilayah"]
    if not by_code and not by_name:
        return "", "", [("kode_wilayah", _g("wajib diisi (atau isi kolom wilayah)"))]
    if by_code and by_name and by_code != by_name:
        why = _g("'%(n)s' (%(c)s) tidak cocok dengan kode_wilayah %(k)s (%(kn)s)") % {
            "n": refs.regions[by_name],
            "c": by_name,
            "k": by_code,
            "kn": refs.regions[by_code],
        }
        return "", "", [("wilayah", why)]
    return (by_code, "kode_wilayah", []) if by_code else (by_name, "wilayah", [])


def _date_order(parsed: dict[str, Any]) -> list[Problem]:
    """The chain's dates never go backwards (received ≤ registered ≤ decided ≤ forwarded ≤
    recommended ≤ sanctioned)."""
    problems: list[Problem] = []
    last_name, last = "", None
    for name in STAGE_DATES:
        day = parsed.get(name)
        if day is None:
            continue
        if last is not None and day < last:
            why = _g("%(this)s (%(d)s) lebih awal dari %(prev)s (%(p)s)") % {
                "this": name,
                "d": day.isoformat(),
                "prev": last_name,
                "p": last.isoformat(),
            }
            problems.append((name, why))
        else:
            last_name, last = name, day
    return problems


def _consistency(parsed: dict[str, Any]) -> list[Problem]:
    """What the row says about its outcome must agree with the stages it reached."""
    problems: list[Problem] = []
    proven, outcome = parsed.get("terbukti"), parsed.get("hasil")
    after_decision = ("tanggal_diteruskan", "tanggal_rekomendasi", "tanggal_sanksi")
    if proven is False:
        for name in after_decision:
            if parsed.get(name):
                problems.append((name, _g("terbukti 'tidak' tetapi kolom ini berisi tanggal")))
    if proven is True and outcome in NOT_PROVEN_OUTCOMES:
        problems.append(("hasil", _g("'%(o)s' bertentangan dengan terbukti 'ya'") % {"o": outcome}))
    if outcome in NOT_PROVEN_OUTCOMES and parsed.get("tanggal_diteruskan"):
        problems.append(
            ("tanggal_diteruskan", _g("hasil '%(o)s' tetapi ada tanggal diteruskan") % {"o": outcome})
        )
    if outcome in STOP_OUTCOMES and parsed.get("tanggal_sanksi"):
        problems.append(("tanggal_sanksi", _g("hasil '%(o)s' tetapi ada tanggal sanksi") % {"o": outcome}))
    if (
        parsed.get("sanksi_dijatuhkan")
        and parsed.get("tanggal_sanksi") is None
        and "tanggal_sanksi" in parsed
    ):
        problems.append(("sanksi_dijatuhkan", _g("diisi tetapi tanggal_sanksi kosong")))
    return problems


def _proven(parsed: dict[str, Any]) -> bool | None:
    """Bawaslu's finding: the column, else what the outcome or a forwarding implies."""
    if parsed["terbukti"] is not None:
        return parsed["terbukti"]
    outcome = parsed["hasil"]
    if outcome in ("terbukti", "tidak_terbukti_pengawas_asn"):
        return True
    if outcome in ("bukan_pelanggaran", "tidak_terbukti"):
        return False
    return True if parsed["tanggal_diteruskan"] else None


def stage_of(values: dict[str, Any]) -> Stage:
    if values["sanctioned_on"]:
        return Stage.SANCTIONED
    outcome_stage = OUTCOME_STAGE.get(values["outcome"])
    if outcome_stage == Stage.STOPPED or values["proven"] is False:
        return Stage.STOPPED
    if outcome_stage == Stage.CLOSED:
        return Stage.CLOSED
    if values["recommended_on"]:
        return Stage.EMPLOYER
    if values["forwarded_on"]:
        return Stage.OVERSIGHT
    return Stage.BAWASLU


def row_key(parsed: dict[str, Any], region_code: str) -> str:
    canonical: dict[str, Any] = {"wilayah": region_code}
    for column in COLUMNS:
        if column.name in ("kode_wilayah", "wilayah"):
            continue
        value = parsed[column.name]
        if hasattr(value, "code"):  # an election or a catalogue item
            value = value.code
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, str):
            value = value.casefold()
        canonical[column.name] = value
    digest = hashlib.sha256(json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return f"import:{digest}"


def _deviation(recommended: str, imposed: str) -> str:
    from netra.cases.models import SanctionDeviation
    from netra.rules.models import LEVEL_SEVERITY

    if not recommended or not imposed or recommended == imposed:
        return SanctionDeviation.SAME
    heavier = LEVEL_SEVERITY[imposed] > LEVEL_SEVERITY[recommended]
    deviation = SanctionDeviation.HEAVIER if heavier else SanctionDeviation.LIGHTER
    # SubjectFact.deviation is 10 characters wide, narrower than "lebih_ringan": until the field is
    # widened (a models.py change, reported), leave it blank rather than fail the whole import. The
    # levels themselves are kept (recommended_level, imposed_level), so nothing is lost.
    return deviation if len(deviation) <= SubjectFact._meta.get_field("deviation").max_length else ""


def _values(parsed: dict[str, Any], region_code: str, refs: References) -> dict[str, Any]:
    election, violation = parsed["pemilihan"], parsed["kode_pelanggaran"]
    employer = parsed["instansi_ppk"]
    values: dict[str, Any] = {
        "row_key": row_key(parsed, region_code),
        "is_imported": True,
        "election_code": election.code,
        "election_kind": election.kind,
        "election_year": election.voting_day.year,
        "region_code": region_code,
        "province_code": region_code[:2],
        "office_id": refs.office_id(region_code),
        "employer_id": refs.employer_id(employer),
        "employer_name": employer,
        "violation_code": violation.code if violation else "",
        "violation_category": parsed["kategori"] or (violation.conduct.code if violation else ""),
        "level": violation.category if violation else "",
        "position_category": parsed["jabatan"],
        "employment_type": parsed["jenis_kepegawaian"],
        "received_on": parsed["tanggal_diterima"],
        "registered_on": parsed["tanggal_registrasi"],
        "decided_on": parsed["tanggal_putusan"],
        "proven": _proven(parsed),
        "forwarded_on": parsed["tanggal_diteruskan"],
        "recommended_on": parsed["tanggal_rekomendasi"],
        "sanctioned_on": parsed["tanggal_sanksi"],
        "outcome": parsed["hasil"],
        "recommended_level": parsed["tingkat_sanksi"],
        "imposed_level": parsed["sanksi_dijatuhkan"],
        "deviation": _deviation(parsed["tingkat_sanksi"], parsed["sanksi_dijatuhkan"]),
    }
    values["stage"] = stage_of(values)
    values["waiting_since"] = _waiting_since(values)
    if values["stage"] not in (Stage.BAWASLU, Stage.OVERSIGHT, Stage.EMPLOYER):
        values["closed_on"] = max(parsed[name] for name in STAGE_DATES if parsed[name] is not None)
    return values


def row_check(
    cells: dict[str, Any], refs: References, *, within: Callable[[str], bool]
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The row's fact values, or every problem found in it (column, why). `within(code)`: whether the
    importer's jurisdiction covers the region."""
    parsed, problems = _parse_cells(cells, refs)
    for name in REQUIRED:
        if name in parsed and parsed[name] in (None, ""):
            problems.append((name, _g("wajib diisi")))
    region_code, region_column, region_problems = _region(parsed, refs)
    problems += region_problems
    if region_code and not within(region_code):
        problems.append((region_column, _g("%(c)s di luar wilayah kerja Anda") % {"c": region_code}))
    problems += _date_order(parsed)
    problems += _consistency(parsed)
    if problems:
        return None, problems
    return _values(parsed, region_code, refs), []
