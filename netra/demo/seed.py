"""A believable demo world: offices and officers for Kota Balikpapan (WITA), Kab. Purbalingga (WIB) and
Kab. Kotawaringin Timur (WIB), the national bodies, employing agencies with their PPK units, and a
simulated upcoming Pilkada whose stages are placed around today, so that clocks are live in the demo.
All writes go through the services (and so into the audit chain). Idempotent. The demo reports and the
walks of their cases live in `netra.demo.seed_cases`.

Names of candidates in the simulated election are fictional; real elections come from the reference
data migration (netra.elections).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from netra.agencies.models import Agency, AgencyKind, User
from netra.agencies.roles import Role
from netra.agencies.services import agency_create, user_create, user_update
from netra.analytics.synthetic import synthetic_history_seed
from netra.demo.seed_cases import WITA, demo_cases, demo_reports  # WITA: Kota Balikpapan, the main office
from netra.elections.models import Election, ElectionKind, StageKind
from netra.elections.services import contestant_create, election_create, election_stage_set
from netra.regions.models import Region

DEMO_OFFICE_HOUR = dt.time(10, 0)  # `seed_demo(today=...)`: a time every demo office is open
DEMO_PASSWORD = "netra-demo-2026"  # noqa: S105  (demo only; seed_demo refuses to run in production)
SIMULATION_CODE = "simulasi-pilkada-demo"


class DemoNotAllowedError(RuntimeError):
    pass


@dataclass(frozen=True)
class OfficeSpec:
    key: str
    code: str
    name: str
    kind: str
    region: str | None = None
    parent: str | None = None


OFFICES = [
    OfficeSpec("bawaslu-ri", "bawaslu-ri", "Bawaslu Republik Indonesia", AgencyKind.BAWASLU_RI),
    OfficeSpec(
        "bawaslu-64",
        "bawaslu-prov-64",
        "Bawaslu Provinsi Kalimantan Timur",
        AgencyKind.BAWASLU_PROVINSI,
        "64",
        "bawaslu-ri",
    ),
    OfficeSpec(
        "bawaslu-64.71",
        "bawaslu-kota-balikpapan",
        "Bawaslu Kota Balikpapan",
        AgencyKind.BAWASLU_KABKOTA,
        "64.71",
        "bawaslu-64",
    ),
    OfficeSpec(
        "panwaslu-64.71.05",
        "panwaslu-balikpapan-selatan",
        "Panwaslu Kecamatan Balikpapan Selatan",
        AgencyKind.PANWASLU_KECAMATAN,
        "64.71.05",
        "bawaslu-64.71",
    ),
    OfficeSpec(
        "bawaslu-33",
        "bawaslu-prov-33",
        "Bawaslu Provinsi Jawa Tengah",
        AgencyKind.BAWASLU_PROVINSI,
        "33",
        "bawaslu-ri",
    ),
    OfficeSpec(
        "bawaslu-33.03",
        "bawaslu-kab-purbalingga",
        "Bawaslu Kabupaten Purbalingga",
        AgencyKind.BAWASLU_KABKOTA,
        "33.03",
        "bawaslu-33",
    ),
    OfficeSpec(
        "bawaslu-62",
        "bawaslu-prov-62",
        "Bawaslu Provinsi Kalimantan Tengah",
        AgencyKind.BAWASLU_PROVINSI,
        "62",
        "bawaslu-ri",
    ),
    OfficeSpec(
        "bawaslu-62.02",
        "bawaslu-kab-kotawaringin-timur",
        "Bawaslu Kabupaten Kotawaringin Timur",
        AgencyKind.BAWASLU_KABKOTA,
        "62.02",
        "bawaslu-62",
    ),
    OfficeSpec(
        "bkn", "bkn", "Badan Kepegawaian Negara (Deputi Bidang Pengawasan dan Pengendalian)", AgencyKind.BKN
    ),
    OfficeSpec(
        "bkn-kanreg-8",
        "bkn-kanreg-viii",
        "Kantor Regional VIII BKN Banjarmasin",
        AgencyKind.BKN_KANREG,
        None,
        "bkn",
    ),
    OfficeSpec(
        "kemenpanrb", "kemenpanrb", "Kementerian PANRB (Deputi Bidang SDM Aparatur)", AgencyKind.KEMENPANRB
    ),
    OfficeSpec("kemendagri", "kemendagri", "Kementerian Dalam Negeri", AgencyKind.KEMENDAGRI),
    OfficeSpec(
        "pemkot-64.71", "pemkot-balikpapan", "Pemerintah Kota Balikpapan", AgencyKind.INSTANSI, "64.71"
    ),
    OfficeSpec(
        "bkpsdm-64.71",
        "bkpsdm-balikpapan",
        "BKPSDM Kota Balikpapan",
        AgencyKind.BKPSDM,
        "64.71",
        "pemkot-64.71",
    ),
    OfficeSpec(
        "inspektorat-64.71",
        "inspektorat-balikpapan",
        "Inspektorat Kota Balikpapan",
        AgencyKind.INSPEKTORAT,
        "64.71",
        "pemkot-64.71",
    ),
    OfficeSpec(
        "pemkab-33.03", "pemkab-purbalingga", "Pemerintah Kabupaten Purbalingga", AgencyKind.INSTANSI, "33.03"
    ),
    OfficeSpec(
        "bkpsdm-33.03",
        "bkpsdm-purbalingga",
        "BKPSDM Kabupaten Purbalingga",
        AgencyKind.BKPSDM,
        "33.03",
        "pemkab-33.03",
    ),
    OfficeSpec(
        "pemkab-62.02",
        "pemkab-kotawaringin-timur",
        "Pemerintah Kabupaten Kotawaringin Timur",
        AgencyKind.INSTANSI,
        "62.02",
    ),
    OfficeSpec(
        "bkpsdm-62.02",
        "bkpsdm-kotawaringin-timur",
        "BKPSDM Kabupaten Kotawaringin Timur",
        AgencyKind.BKPSDM,
        "62.02",
        "pemkab-62.02",
    ),
    OfficeSpec(
        "pom-64.71", "denpom-balikpapan", "Detasemen Polisi Militer VI/1 Balikpapan", AgencyKind.TNI, "64.71"
    ),
    OfficeSpec(
        "polri-64.71", "polresta-balikpapan", "Polresta Balikpapan (Propam)", AgencyKind.POLRI, "64.71"
    ),
    OfficeSpec(
        "gakkumdu-64.71",
        "gakkumdu-balikpapan",
        "Sentra Gakkumdu Kota Balikpapan",
        AgencyKind.GAKKUMDU,
        "64.71",
        "bawaslu-64.71",
    ),
    OfficeSpec("kpu-64.71", "kpu-kota-balikpapan", "KPU Kota Balikpapan", AgencyKind.KPU, "64.71"),
]


@dataclass(frozen=True)
class PersonSpec:
    username: str
    full_name: str
    office: str | None
    roles: tuple[str, ...]
    position: str = ""


PEOPLE = [
    PersonSpec("admin", "Administrator Netra", "bawaslu-ri", (Role.PLATFORM_ADMIN,), "Administrator sistem"),
    PersonSpec("ri.pimpinan", "Ratna Sari Dewi", "bawaslu-ri", (Role.HEAD,), "Anggota Bawaslu RI"),
    PersonSpec(
        "kaltim.pimpinan",
        "Hendra Kusuma",
        "bawaslu-64",
        (Role.HEAD, Role.AGENCY_ADMIN),
        "Ketua Bawaslu Provinsi Kalimantan Timur",
    ),
    PersonSpec(
        "balikpapan.petugas",
        "Siti Rahmawati",
        "bawaslu-64.71",
        (Role.OFFICER,),
        "Staf Penanganan Pelanggaran",
    ),
    PersonSpec(
        "balikpapan.pimpinan",
        "Agus Salim",
        "bawaslu-64.71",
        (Role.HEAD, Role.AGENCY_ADMIN),
        "Koordinator Divisi Penanganan Pelanggaran",
    ),
    PersonSpec(
        "panwascam.bpp-selatan",
        "Yusuf Maulana",
        "panwaslu-64.71.05",
        (Role.OFFICER,),
        "Anggota Panwaslu Kecamatan",
    ),
    PersonSpec(
        "purbalingga.petugas", "Dwi Lestari", "bawaslu-33.03", (Role.OFFICER,), "Staf Penanganan Pelanggaran"
    ),
    PersonSpec(
        "kotim.petugas", "Rizky Pratama", "bawaslu-62.02", (Role.OFFICER,), "Staf Penanganan Pelanggaran"
    ),
    PersonSpec(
        "bkn.satgas", "Maya Anggraini", "bkn", (Role.OFFICER,), "Auditor Manajemen ASN, Satgas Netralitas"
    ),
    PersonSpec(
        "kemenpanrb.satgas", "Bambang Wijaya", "kemenpanrb", (Role.VIEWER,), "Anggota Satgas Netralitas"
    ),
    PersonSpec(
        "kemendagri.satgas", "Lina Marlina", "kemendagri", (Role.OFFICER,), "Anggota Satgas Netralitas"
    ),
    PersonSpec(
        "ppk.balikpapan", "Fajar Nugroho", "bkpsdm-64.71", (Role.OFFICER,), "Kepala Bidang Disiplin BKPSDM"
    ),
    PersonSpec(
        "inspektorat.balikpapan", "Wulan Sari", "inspektorat-64.71", (Role.OFFICER,), "Auditor Inspektorat"
    ),
    PersonSpec(
        "ppk.purbalingga", "Teguh Santoso", "bkpsdm-33.03", (Role.OFFICER,), "Kepala Bidang Disiplin BKPSDM"
    ),
    PersonSpec(
        "ppk.kotim", "Nurul Hidayah", "bkpsdm-62.02", (Role.OFFICER,), "Kepala Bidang Disiplin BKPSDM"
    ),
]


def _office(spec: OfficeSpec, offices: dict[str, Agency]) -> Agency:
    existing = Agency.objects.filter(code=spec.code).first()
    if existing is not None:
        return existing
    return agency_create(
        actor=None,
        code=spec.code,
        name=spec.name,
        kind=spec.kind,
        region=Region.objects.get(code=spec.region) if spec.region else None,
        parent=offices[spec.parent] if spec.parent else None,
    )


def _person(spec: PersonSpec, offices: dict[str, Agency]) -> User:
    agency = offices[spec.office] if spec.office else None
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=spec.username,
            password=DEMO_PASSWORD,
            agency=agency,
            roles=list(spec.roles),
            full_name=spec.full_name,
            position=spec.position,
            email=f"{spec.username}@demo.netra.invalid",
        )
    else:
        user = user_update(
            actor=None, user=user, data={"agency": agency, "is_active": True}, roles=list(spec.roles)
        )
    if spec.username == "admin" and not user.is_superuser:
        # The platform administrator also uses Django's admin for the catalogue and the clocks.
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def _simulated_election(today: dt.date) -> Election:
    """A Pilkada in three demo regions whose campaign is running today (dates relative to today)."""
    election = Election.objects.filter(code=SIMULATION_CODE).first()
    if election is not None:
        return election
    voting = today + dt.timedelta(days=45)
    election = election_create(
        actor=None,
        code=SIMULATION_CODE,
        name=f"Pilkada Simulasi {voting.year} (data demo)",
        kind=ElectionKind.PILKADA,
        voting_day=voting,
        is_nationwide=False,
        region_codes=["64.71", "33.03", "62.02"],
        is_tentative=True,
        legal_basis="Simulasi untuk demo; tahapan mengikuti pola PKPU 2/2024.",
        notes="Tanggal relatif terhadap hari pemuatan data demo. Nama calon fiktif.",
    )
    stages = [
        (StageKind.CANDIDATE_REGISTRATION, -40, -38),
        (StageKind.CANDIDATE_DETERMINATION, -15, -15),
        (StageKind.CAMPAIGN, -12, 41),
        (StageKind.QUIET_PERIOD, 42, 44),
        (StageKind.VOTING, 45, 45),
        (StageKind.RECAPITULATION, 45, 62),
    ]
    for kind, start, end in stages:
        election_stage_set(
            actor=None,
            election=election,
            kind=kind,
            starts_on=today + dt.timedelta(days=start),
            ends_on=today + dt.timedelta(days=end),
        )
    pairs = [
        ("wali_kota", "64.71", 1, "H. Darmawan Saputra", "Ir. Melati Kusumawardani"),
        ("wali_kota", "64.71", 2, "Dr. Andi Rahman", "Sri Wahyuningsih, S.E."),
        ("bupati", "33.03", 1, "Bayu Prasetyo", "Endang Setyowati"),
        ("bupati", "33.03", 2, "Slamet Riyadi", "Kartika Putri"),
        ("bupati", "62.02", 1, "Muhammad Arifin", "Yohana Sitepu"),
    ]
    for office, region, number, candidate, mate in pairs:
        contestant_create(
            actor=None,
            election=election,
            office=office,
            region_code=region,
            ballot_number=number,
            candidate_name=candidate,
            running_mate_name=mate,
        )
    # Kotawaringin Timur has a single pair: the ballot shows the empty box beside it.
    contestant_create(actor=None, election=election, office="bupati", region_code="62.02", is_empty_box=True)
    return election


def seed_demo(*, today: dt.date | None = None, now: dt.datetime | None = None) -> dict:
    """Load the demo world as of `now` (default: the real clock). Every service that reads the clock is
    given this `now`, so a seed for a fixed day is the same world whatever the date it runs on (tests).
    `today` alone means that day at 10.00 WITA, office hours in every demo office (09.00 WIB); `now`
    alone means its day in the project's zone, as before."""
    if not getattr(settings, "NETRA_DEMO_ALLOWED", False):
        raise DemoNotAllowedError("Demo data never loads in production (NETRA_DEMO_ALLOWED is off).")
    if now is None:
        now = timezone.now() if today is None else dt.datetime.combine(today, DEMO_OFFICE_HOUR, tzinfo=WITA)
    today = today or timezone.localdate(now)
    with transaction.atomic():
        offices: dict[str, Agency] = {}
        for spec in OFFICES:
            offices[spec.key] = _office(spec, offices)
        people = [_person(spec, offices) for spec in PEOPLE]
        election = _simulated_election(today)
        receipt = demo_reports(today, now)
    demo_cases(today, now, receipt)  # after commit: the reports' cases open on commit, as in production
    synthetic = synthetic_history_seed()  # Pilkada 2020, Pemilu 2024, Pilkada 2024 for the dashboards
    return {
        "synthetic_rows": synthetic,
        "offices": offices,
        "people": people,
        "election": election,
        "receipt": receipt,
    }
