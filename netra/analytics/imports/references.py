"""The reference data an import resolves its cells against, loaded once per run (a few thousand rows:
regions, elections, the violation catalogue, agencies' names), so checking 10,000 rows costs no
query per row.

Regions are matched by Kemendagri code or by name. Names are tried from the most to the least
specific: a province's or kab/kota's full name ("Kota Balikpapan", "Jawa Tengah", "Provinsi Jawa
Tengah"), then a kab/kota without its "Kabupaten"/"Kota" ("Purbalingga"), then a kecamatan. A name that
fits several regions at its tier is refused with the candidates, never guessed.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _g

from netra.analytics.imports.columns import CellError, key, text
from netra.analytics.models import Stage

# The outcomes a row may end with, and what they mean for its stage (Perbawaslu 7/2022: a matter not
# registered, withdrawn, not a violation or not proven is stopped; KASN/BKN may find it unproven too).
NOT_PROVEN_OUTCOMES = frozenset({"tidak_diregistrasi", "dicabut", "bukan_pelanggaran", "tidak_terbukti"})
STOP_OUTCOMES = NOT_PROVEN_OUTCOMES | {"tidak_terbukti_pengawas_asn", "dihentikan"}
CLOSED_OUTCOMES = frozenset({"selesai"})
OUTCOME_STAGE = {
    **dict.fromkeys(STOP_OUTCOMES, Stage.STOPPED),
    **dict.fromkeys(CLOSED_OUTCOMES, Stage.CLOSED),
}

_KAB_KOTA_PREFIX = re.compile(r"^(kabupaten administrasi|kota administrasi|kabupaten|kota) ")
_ABBREVIATIONS = ((r"^kab\.? ", "kabupaten "), (r"^kota adm\.? ", "kota administrasi "), (r"^prov\.? ", ""))
_ELECTION = re.compile(r"^(pemilu|pilkada)\D*(\d{4})$")


def _name_key(value: str) -> str:
    name = " ".join(value.casefold().replace(".", ". ").split())
    for pattern, replacement in _ABBREVIATIONS:
        name = re.sub(pattern, replacement, name)
    return re.sub(r"^provinsi ", "", name)


def _choices(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Spelling key → value for a TextChoices: its values and its Indonesian labels (and `extra`)."""
    with translation.override("id"):
        table = {key(str(label)): value for value, label in choices.choices if value}
    table.update({key(value): value for value in choices.values if value})
    table.update(extra or {})
    return table


def _outcomes() -> dict[str, str]:
    from netra.cases.models import DecisionOutcome, StopReason

    table = {**_choices(StopReason), **_choices(DecisionOutcome)}
    table.update({o: o for o in (*STOP_OUTCOMES, *CLOSED_OUTCOMES, "terbukti")})
    table.update({"terbukti_melanggar": "terbukti", "berhenti": "dihentikan", "ditutup": "selesai"})
    return table


@dataclass
class References:
    today: dt.date
    choices: dict[str, dict[str, str]]
    regions: dict[str, str]  # code → name
    region_names: list[dict[str, list[str]]]  # tiers: name key → codes
    elections: dict[str, Any]  # code → Election
    election_by_kind_year: dict[tuple[str, int], list[Any]]
    violations: dict[str, Any]  # spelling key → ViolationType
    conducts: dict[str, str]  # spelling key → code
    employers: dict[str, int | None]  # casefolded name → agency id (None: several agencies share it)
    offices: dict[str, int | None] = field(default_factory=dict)
    _office_for: Callable[[str], int | None] | None = field(default=None, repr=False)

    # --- regions -------------------------------------------------------------------------------------

    def region_code(self, value: Any) -> str:
        # A spreadsheet may keep 64.10 as the number 64.1: a kab/kota code always has two decimals.
        raw = f"{value:.2f}" if isinstance(value, float) and not value.is_integer() else text(value)
        if not raw:
            return ""
        digits = raw.replace(".", "")
        if digits.isdigit() and "." not in raw and len(digits) in (2, 4, 6, 10):
            raw = ".".join(filter(None, (digits[:2], digits[2:4], digits[4:6], digits[6:])))
        if raw not in self.regions:
            raise CellError(_g("kode wilayah '%(v)s' tidak ada dalam tabel wilayah Kemendagri") % {"v": raw})
        return raw

    def region_name(self, value: Any) -> str:
        raw = text(value)
        if not raw:
            return ""
        wanted = _name_key(raw)
        for tier in self.region_names:
            codes = tier.get(wanted, [])
            if len(codes) == 1:
                return codes[0]
            if codes:
                listed = ", ".join(f"{self.regions[c]} ({c})" for c in codes[:6])
                raise CellError(
                    _g("nama wilayah '%(v)s' ambigu: %(c)s; isi kode_wilayah") % {"v": raw, "c": listed}
                )
        raise CellError(_g("wilayah '%(v)s' tidak ditemukan dalam tabel wilayah Kemendagri") % {"v": raw})

    # --- elections and the catalogue -----------------------------------------------------------------

    def election(self, value: Any) -> Any:
        raw = text(value)
        if not raw:
            return None
        if raw.casefold() in self.elections:
            return self.elections[raw.casefold()]
        match = _ELECTION.match(raw.casefold())
        found = self.election_by_kind_year.get((match[1], int(match[2])), []) if match else []
        if len(found) == 1:
            return found[0]
        known = ", ".join(sorted(self.elections))
        raise CellError(
            _g("pemilihan '%(v)s' tidak dikenal; gunakan kode (%(k)s) atau mis. 'Pilkada 2020'")
            % {"v": raw, "k": known}
        )

    def violation(self, value: Any) -> Any:
        raw = text(value)
        if not raw:
            return None
        found = self.violations.get(key(raw))
        if found is None:
            raise CellError(_g("kode pelanggaran '%(v)s' tidak ada dalam katalog SKB 2022") % {"v": raw})
        return found

    def conduct(self, value: Any) -> str:
        raw = text(value)
        if not raw:
            return ""
        found = self.conducts.get(key(raw))
        if found is None:
            raise CellError(_g("kategori (perbuatan) '%(v)s' tidak ada dalam katalog") % {"v": raw})
        return found

    # --- agencies ------------------------------------------------------------------------------------

    def employer_id(self, name: str) -> int | None:
        """The PPK's agency when exactly one agency carries this name (else only the name is kept)."""
        return self.employers.get(name.casefold()) if name else None

    def office_id(self, region_code: str) -> int | None:
        """The Bawaslu office that handles cases of this region (kab/kota → province → RI)."""
        if self._office_for is None:
            from netra.agencies.selectors import handling_office_resolver

            self._office_for = handling_office_resolver()
        if region_code not in self.offices:
            self.offices[region_code] = self._office_for(region_code)
        return self.offices[region_code]


def _region_tiers() -> tuple[dict[str, str], list[dict[str, list[str]]]]:
    from netra.regions.models import Region

    names: dict[str, str] = {}
    tiers: list[dict[str, list[str]]] = [{}, {}, {}]
    for code, name, level, active in Region.objects.values_list("code", "name", "level", "is_active"):
        names[code] = name
        if not active:
            continue
        full = _name_key(name)
        if level <= 2:
            tiers[0].setdefault(full, []).append(code)
        if level == 2 and (bare := _KAB_KOTA_PREFIX.sub("", full)) != full:
            tiers[1].setdefault(bare, []).append(code)
        if level == 3:
            tiers[2].setdefault(full, []).append(code)
    return names, tiers


def references_load(*, today: dt.date) -> References:
    """Everything an import resolves against, read once."""
    from netra.agencies.models import Agency, AgencyFamily
    from netra.cases.models import PositionCategory
    from netra.elections.models import Election
    from netra.rules.models import Conduct, EmploymentType, Level, ViolationType

    regions, tiers = _region_tiers()
    elections = {e.code.casefold(): e for e in Election.objects.all()}
    by_kind_year: dict[tuple[str, int], list] = {}
    for election in elections.values():
        by_kind_year.setdefault((election.kind, election.voting_day.year), []).append(election)
    employers: dict[str, int | None] = {}
    for agency in Agency.objects.only("pk", "name", "kind"):
        if agency.family == AgencyFamily.EMPLOYER:
            name = agency.name.casefold()
            employers[name] = None if name in employers else agency.pk
    levels = _choices(Level, {"pemberhentian_tidak_dengan_hormat": Level.PTDH})
    return References(
        today=today,
        choices={
            "outcome": _outcomes(),
            "position": _choices(PositionCategory, {"camat": "camat_lurah", "lurah": "camat_lurah"}),
            "employment": _choices(EmploymentType),
            "level": levels,
        },
        regions=regions,
        region_names=tiers,
        elections=elections,
        election_by_kind_year=by_kind_year,
        violations={key(v.code): v for v in ViolationType.objects.select_related("conduct")},
        conducts={key(code): code for code in Conduct.objects.values_list("code", flat=True)},
        employers=employers,
    )
