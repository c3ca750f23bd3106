"""A believable demo world: offices and officers for Kota Balikpapan (WITA), Kab. Purbalingga (WIB) and
Kab. Kotawaringin Timur (WIB), the national bodies, employing agencies with their PPK units, and a
simulated upcoming Pilkada whose stages are placed around today, so that clocks are live in the demo.
All writes go through the services (and so into the audit chain). Idempotent.

Names of candidates in the simulated election are fictional; real elections come from the reference
data migration (netra.elections).
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from netra.agencies.models import Agency, AgencyKind, User
from netra.agencies.roles import Role
from netra.agencies.services import agency_create, user_create, user_update
from netra.elections.models import Election, ElectionKind, StageKind
from netra.elections.services import contestant_create, election_create, election_stage_set
from netra.regions.models import Region

WITA = zoneinfo.ZoneInfo("Asia/Makassar")  # Kota Balikpapan, the demo's main office
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


def _demo_reports(today: dt.date, now: dt.datetime, offices: dict[str, Agency]) -> str | None:
    """A few reports through the real intake service (sealed identities, receipts, routing, clocks).
    Returns one receipt so the demo user can try the follow-up page; None if reports already exist."""
    from netra.intake.models import Report
    from netra.intake.services import (
        IdentityIn,
        PersonIn,
        Submission,
        WitnessIn,
        message_from_officer,
        report_submit,
    )

    if Report.objects.exists():
        return None
    day = dt.timedelta(days=1)
    first = report_submit(
        submission=Submission(
            kind="laporan",
            description=(
                "Seorang lurah membagikan unggahan kampanye pasangan calon nomor 1 di grup WhatsApp RT dan "
                "mengajak warga memilih pasangan tersebut."
            ),
            incident_region_code="64.71.05",
            incident_place="Kelurahan Damai, grup WhatsApp warga",
            incident_date=today - 3 * day,
            known_date=today - 2 * day,
            persons=[
                PersonIn(
                    name="Lurah Damai",
                    nip="198503122010011004",
                    agency_name="Pemerintah Kota Balikpapan",
                    employment_type="pns",
                )
            ],
            witnesses=[WitnessIn(name="Ketua RT 05", contact="Jl. Sepinggan")],
            identity=IdentityIn(
                name="Warga Demo",
                nik="6471050101900001",
                address="Jl. Demo 1, Balikpapan",
                phone="0812-0000-0001",
                email="warga.demo@contoh.id",
            ),
            statement_of_truth=True,
            links=["https://www.facebook.com/groups/demo/posts/1"],
        ),
        now=now,
    )
    report_submit(
        submission=Submission(
            kind="laporan",
            description="Kepala sekolah mengenakan kaus pasangan calon saat upacara dan berfoto dengan pose dua jari.",
            incident_region_code="64.71.01",
            incident_date=today - 5 * day,
            known_date=today - 5 * day,
            identity=IdentityIn(name="Guru Demo", address="Balikpapan Timur"),
        ),
        now=now,
    )
    report_submit(
        submission=Submission(
            kind="informasi_awal",
            description="Ada ASN dinas kesehatan yang menjadi admin akun relawan calon bupati di Instagram.",
            incident_region_code="62.02",
            incident_date=today - 1 * day,
            known_date=today - 1 * day,
            links=["https://www.instagram.com/relawan.demo/"],
        ),
        now=now,
    )
    report_submit(
        submission=Submission(
            kind="laporan",
            description="Camat hadir dan berpidato mendukung pasangan calon dalam deklarasi relawan di balai desa.",
            incident_region_code="33.03.01",
            incident_date=today - 4 * day,
            known_date=today - 3 * day,
            persons=[PersonIn(name="Camat Kemangkon")],
            identity=IdentityIn(name="Pemantau Demo", address="Purbalingga"),
            statement_of_truth=True,
            links=["https://www.youtube.com/watch?v=demo"],
        ),
        now=now,
    )
    officer = User.objects.get(username="panwascam.bpp-selatan")
    message_from_officer(
        report=first.report,
        officer=officer,
        body="Terima kasih. Apakah Anda menyimpan tangkapan layar unggahan tersebut? Mohon unggah di halaman ini.",
    )
    return first.receipt


def _demo_cases(today: dt.date, now: dt.datetime, receipt: str | None) -> None:
    """Walk the demo reports' cases through the real services, so every agency has something to do:
    Balikpapan's lurah case waits for the PPK (its clock running), a finished Pilkada 2024 case makes
    the same lurah a repeat subject, Purbalingga's case is registered, and Kotawaringin Timur's
    anonymous tip becomes a temuan. Only on a fresh demo database (`receipt` is None otherwise)."""
    from netra.cases.models import CaseReport
    from netra.cases.services.clarifications import clarification_record, clarification_schedule
    from netra.cases.services.opening import cases_open_pending, finding_record
    from netra.cases.services.subjects import subject_classify
    from netra.cases.services.transitions import case_transition
    from netra.intake.models import Report, ReportKind

    if receipt is None:
        return
    cases_open_pending()  # on the real path the report_received task has opened them already
    users = {u.username: u for u in User.objects.filter(username__contains=".")}
    bawaslu, bkn, ppk = users["balikpapan.pimpinan"], users["bkn.satgas"], users["ppk.balikpapan"]
    bkn_agency = bkn.agency

    # A finished case from Pilkada 2024 about the same lurah (found by the supervisors' patrol).
    past = dt.datetime(2024, 10, 14, 10, 0, tzinfo=WITA)
    old = finding_record(
        officer=bawaslu,
        description="Patroli siber: Lurah Damai menyukai dan membagikan unggahan pasangan calon di Facebook.",
        incident_region_code="64.71.05",
        incident_date=dt.date(2024, 10, 12),
        found_date=dt.date(2024, 10, 13),
        persons=[
            {"name": "Lurah Damai", "nip": "198503122010011004", "agency_name": "Pemerintah Kota Balikpapan"}
        ],
        links=["https://www.facebook.com/lurah.damai/posts/2024"],
        now=past,
    )
    subject = old.subjects.get()
    moves = [
        ("register", bawaslu, {}),
        ("start_study", bawaslu, {}),
        ("decide", bawaslu, {"outcome": "terbukti", "decided_on": "2024-10-16"}),
        (
            "forward",
            bawaslu,
            {
                "destination": "oversight_body",
                "recipient_id": bkn_agency.pk,
                "forwarding_summary": (
                    "Hasil patroli siber menemukan terlapor, Lurah Damai, menyukai dan membagikan unggahan "
                    "kampanye salah satu pasangan calon melalui akun Facebook pribadinya pada masa kampanye "
                    "Pilkada 2024. Terlapor mengakui akun tersebut miliknya."
                ),
            },
        ),
        ("examine", bkn, {}),
        (
            "recommend",
            bkn,
            {
                "recommendations": [
                    {"subject_id": subject.pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15"}
                ]
            },
        ),
        (
            "record_sanction",
            ppk,
            {
                "sanctions": [
                    {
                        "subject_id": subject.pk,
                        "decision_number": "800/2417/BKPSDM/2024",
                        "decision_date": "2024-11-20",
                        "punishment": "Sanksi moral: pernyataan secara terbuka",
                        "sanction_code": "pns-moral-terbuka",
                    }
                ]
            },
        ),
        ("close", bkn, {}),
    ]
    for step, (name, user, payload) in enumerate(moves):
        if name == "forward":  # an ASN case leaves Bawaslu with its terlapor classified
            subject_classify(
                case_id=old.pk,
                subject_id=subject.pk,
                user=bawaslu,
                conduct_code="medsos-interaksi",
                now=past + dt.timedelta(days=step),
            )
        case_transition(
            case_id=old.pk, user=user, name=name, payload=payload, now=past + dt.timedelta(days=step + 1)
        )

    # This election's case about the lurah: clarified (the lurah did not come), decided, forwarded to
    # BKN, recommended; now the PPK's move, on the clock.
    report = Report.objects.filter(reported_persons__nip="198503122010011004").order_by("pk").first()
    case = CaseReport.objects.get(report=report).case
    for name, user, payload in [
        ("register", bawaslu, {}),
        ("start_clarification", bawaslu, {}),
    ]:
        case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=now)
    lurah = case.subjects.get()
    summons = clarification_schedule(
        case_id=case.pk,
        user=bawaslu,
        role="terlapor",
        subject_id=lurah.pk,
        scheduled_at=now - dt.timedelta(hours=2),
        place="Kantor Bawaslu Kota Balikpapan",
        confirm_non_working_day=True,  # the demo runs on whatever day it is
        now=now - dt.timedelta(hours=3),  # summoned before the (missed) session, never after it
    )
    clarification_record(
        case_id=case.pk,
        clarification_id=summons.pk,
        user=bawaslu,
        attendance="tidak_hadir",
        absence_reason="Tanpa keterangan",
        now=now,
    )
    for name, user, payload in [
        ("start_study", bawaslu, {}),
        ("decide", bawaslu, {"outcome": "terbukti", "decided_on": today.isoformat()}),
        (
            "forward",
            bawaslu,
            {
                "destination": "oversight_body",
                "recipient_id": bkn_agency.pk,
                "forwarding_summary": (
                    "Terlapor, Lurah Damai, diduga menyebarkan ajakan memilih salah satu pasangan calon "
                    "kepada warga dan ketua RT di wilayah kelurahannya. Terlapor tidak memenuhi undangan "
                    "klarifikasi; rapat pleno menyatakan dugaan pelanggaran netralitas ASN terbukti."
                ),
            },
        ),
        ("examine", bkn, {}),
        (
            "recommend",
            bkn,
            {
                "recommendations": [
                    {"subject_id": lurah.pk, "level": "sedang", "legal_basis": "PP 94/2021 Pasal 5 huruf n"}
                ]
            },
        ),
    ]:
        if name == "forward":
            subject_classify(
                case_id=case.pk,
                subject_id=lurah.pk,
                user=bawaslu,
                conduct_code="kegiatan-keberpihakan",
                now=now,
            )
        case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=now)

    # Purbalingga: registered, its follow-up clock running.
    pbg = Report.objects.filter(incident_region__code__startswith="33.03").first()
    if pbg is not None and hasattr(pbg, "case_link"):
        case_transition(
            case_id=pbg.case_link.case_id, user=users["purbalingga.petugas"], name="register", now=now
        )

    # Kotawaringin Timur: the anonymous tip becomes a temuan.
    tip = Report.objects.filter(kind=ReportKind.TIP, incident_region__code__startswith="62.02").first()
    if tip is not None:
        finding_record(
            officer=users["kotim.petugas"],
            description="Temuan dari informasi awal: ASN dinas kesehatan diduga menjadi admin akun relawan calon.",
            incident_region_code="62.02",
            incident_date=today - dt.timedelta(days=1),
            found_date=today,
            persons=[{"name": "Admin akun relawan (belum teridentifikasi)"}],
            source_report_ids=[tip.pk],
            now=now,
        )


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
        receipt = _demo_reports(today, now, offices)
    _demo_cases(today, now, receipt)  # after commit: the reports' cases open on commit, as in production
    return {"offices": offices, "people": people, "election": election, "receipt": receipt}
