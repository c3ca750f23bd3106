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


def requirements_check(data: RequirementInput) -> list[Missing]:
    """The missing formal and material requirements, in the order a reporter should fix them."""
    missing: list[Missing] = []
    formal_basis = "Perbawaslu 7/2022 Pasal 15 ayat (3); UU 7/2017 Pasal 454 ayat (4)"
    material_basis = "Perbawaslu 7/2022 Pasal 15 ayat (4)"
    if data.kind == "laporan":
        if not data.reporter_name.strip():
            missing.append(Missing("reporter_name", FORMAL, _("Nama pelapor belum diisi."), formal_basis))
        if not data.reporter_address.strip():
            missing.append(
                Missing("reporter_address", FORMAL, _("Alamat pelapor belum diisi."), formal_basis)
            )
        if not any(n.strip() for n in data.reported_names):
            missing.append(
                Missing(
                    "reported_person",
                    FORMAL,
                    _(
                        "Pihak terlapor belum disebutkan. Cukup nama atau ciri-cirinya; NIP dan jabatan boleh kosong."
                    ),
                    formal_basis,
                )
            )
        if data.filing_deadline is not None and data.received_at > data.filing_deadline:
            missing.append(
                Missing(
                    "late",
                    FORMAL,
                    _(
                        "Laporan melewati batas waktu penyampaian: paling lambat %(due)s. Laporan tetap "
                        "disimpan dan dapat dijadikan informasi awal oleh pengawas."
                    )
                    % {"due": _when(data.filing_deadline)},
                    "UU 7/2017 Pasal 454 ayat (6); UU 10/2016 Pasal 134 ayat (4)",
                )
            )
        elif not data.deadline_known:
            missing.append(
                Missing(
                    "deadline_unknown",
                    FORMAL,
                    _(
                        "Batas waktu belum dapat dihitung karena tanggal diketahui atau pemilihannya belum "
                        "jelas. Petugas akan memeriksanya."
                    ),
                    "UU 7/2017 Pasal 454 ayat (6); UU 10/2016 Pasal 134 ayat (4)",
                )
            )
        if not data.statement_of_truth:
            missing.append(
                Missing(
                    "statement_of_truth",
                    FORMAL,
                    _("Pernyataan bahwa laporan ini benar belum dicentang."),
                    "Formulir Model B.1 (Perbawaslu 7/2022)",
                )
            )
    if data.incident_date is None:
        missing.append(Missing("incident_date", MATERIAL, _("Tanggal kejadian belum diisi."), material_basis))
    if not (data.incident_place.strip() or data.incident_region_code):
        missing.append(Missing("incident_place", MATERIAL, _("Tempat kejadian belum diisi."), material_basis))
    if len(data.description.strip()) < MIN_DESCRIPTION:
        missing.append(
            Missing(
                "description",
                MATERIAL,
                _(
                    "Uraian kejadian terlalu singkat: ceritakan apa, siapa, kapan dan di mana (minimal %(n)s huruf)."
                )
                % {"n": MIN_DESCRIPTION},
                material_basis,
            )
        )
    if data.kind == "laporan" and data.evidence_count == 0:
        missing.append(
            Missing(
                "evidence",
                MATERIAL,
                _("Belum ada bukti. Lampirkan foto, tangkapan layar, video, dokumen, atau tautan unggahan."),
                material_basis,
            )
        )
    return missing
