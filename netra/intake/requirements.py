"""What a laporan must contain (Perbawaslu 7/2022 Pasal 15; UU 7/2017 Pasal 454 ayat (4)), and what
the reporter is told when something is missing or late. Pure: no database access.

A report that misses a requirement is still stored and routed; officers see the same list, and the
reporter is told precisely what to complete (never a silent rejection).
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from netra.regions.timezones import zone_abbreviation

FORMAL = "formal"
MATERIAL = "materiel"
MIN_DESCRIPTION = 30


@dataclass(frozen=True)
class Missing:
    code: str
    requirement: str  # formal | materiel
    message: str
    basis: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RequirementInput:
    kind: str
    reporter_name: str
    reporter_address: str
    reported_names: tuple[str, ...]
    incident_date: dt.date | None
    incident_place: str
    incident_region_code: str
    description: str
    evidence_count: int
    statement_of_truth: bool
    received_at: dt.datetime
    filing_deadline: dt.datetime | None
    deadline_known: bool


def _when(moment: dt.datetime) -> str:
    return f"{formats.date_format(moment, 'l, j F Y H.i')} {zone_abbreviation(str(moment.tzinfo))}"


FORMAL_BASIS = "Perbawaslu 7/2022 Pasal 15 ayat (3); UU 7/2017 Pasal 454 ayat (4)"
MATERIAL_BASIS = "Perbawaslu 7/2022 Pasal 15 ayat (4)"
DEADLINE_BASIS = "UU 7/2017 Pasal 454 ayat (6); UU 10/2016 Pasal 134 ayat (4)"


def _missing_parties(data: RequirementInput) -> list[Missing]:
    """Who reports and who is reported: a laporan must name both (the terlapor by name or description)."""
    missing: list[Missing] = []
    if not data.reporter_name.strip():
        missing.append(Missing("reporter_name", FORMAL, _("Nama pelapor belum diisi."), FORMAL_BASIS))
    if not data.reporter_address.strip():
        missing.append(Missing("reporter_address", FORMAL, _("Alamat pelapor belum diisi."), FORMAL_BASIS))
    if not any(n.strip() for n in data.reported_names):
        missing.append(
            Missing(
                "reported_person",
                FORMAL,
                _(
                    "Pihak terlapor belum disebutkan. Cukup nama atau ciri-cirinya; NIP dan jabatan boleh kosong."
                ),
                FORMAL_BASIS,
            )
        )
    return missing


def _missing_timeliness(data: RequirementInput) -> list[Missing]:
    """Late against the filing deadline, or the deadline could not be computed (one or the other)."""
    if data.filing_deadline is not None and data.received_at > data.filing_deadline:
        message = _(
            "Laporan melewati batas waktu penyampaian: paling lambat %(due)s. Laporan tetap "
            "disimpan dan dapat dijadikan informasi awal oleh pengawas."
        ) % {"due": _when(data.filing_deadline)}
        return [Missing("late", FORMAL, message, DEADLINE_BASIS)]
    if not data.deadline_known:
        message = _(
            "Batas waktu belum dapat dihitung karena tanggal diketahui atau pemilihannya belum "
            "jelas. Petugas akan memeriksanya."
        )
        return [Missing("deadline_unknown", FORMAL, message, DEADLINE_BASIS)]
    return []


def _missing_formal(data: RequirementInput) -> list[Missing]:
    """The formal requirements, which only a laporan (not an informasi awal) has."""
    if data.kind != "laporan":
        return []
    missing = _missing_parties(data) + _missing_timeliness(data)
    if not data.statement_of_truth:
        missing.append(
            Missing(
                "statement_of_truth",
                FORMAL,
                _("Pernyataan bahwa laporan ini benar belum dicentang."),
                "Formulir Model B.1 (Perbawaslu 7/2022)",
            )
        )
    return missing


def _missing_material(data: RequirementInput) -> list[Missing]:
    """The material requirements: when, where and what happened, and (for a laporan) the evidence."""
    missing: list[Missing] = []
    if data.incident_date is None:
        missing.append(Missing("incident_date", MATERIAL, _("Tanggal kejadian belum diisi."), MATERIAL_BASIS))
    if not (data.incident_place.strip() or data.incident_region_code):
        missing.append(Missing("incident_place", MATERIAL, _("Tempat kejadian belum diisi."), MATERIAL_BASIS))
    if len(data.description.strip()) < MIN_DESCRIPTION:
        missing.append(
            Missing(
                "description",
                MATERIAL,
                _(
                    "Uraian kejadian terlalu singkat: ceritakan apa, siapa, kapan dan di mana (minimal %(n)s huruf)."
                )
                % {"n": MIN_DESCRIPTION},
                MATERIAL_BASIS,
            )
        )
    if data.kind == "laporan" and data.evidence_count == 0:
        missing.append(
            Missing(
                "evidence",
                MATERIAL,
                _("Belum ada bukti. Lampirkan foto, tangkapan layar, video, dokumen, atau tautan unggahan."),
                MATERIAL_BASIS,
            )
        )
    return missing


def requirements_check(data: RequirementInput) -> list[Missing]:
    """The missing formal and material requirements, in the order a reporter should fix them."""
    return _missing_formal(data) + _missing_material(data)
