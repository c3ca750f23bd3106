"""The demo's reports and the walks of their cases, kept apart from the offices, people and election of
`netra.demo.seed` (which calls `demo_reports` and `demo_cases`). Everything goes through the real intake
and case services, as a user's clicks would, so the demo shows what production does.

The cases give every agency something to do: Balikpapan's lurah case waits for the PPK (its clock
running), a finished Pilkada 2024 case makes the same lurah a repeat subject, Purbalingga's case is
registered, and Kotawaringin Timur's anonymous tip becomes a temuan.
"""

import datetime as dt
import zoneinfo

from netra.agencies.models import Agency, User
from netra.regions.timezones import WITA as WITA_NAME

WITA = zoneinfo.ZoneInfo(WITA_NAME)
DAY = dt.timedelta(days=1)
LURAH_NIP = "198503122010011004"  # the lurah of both Balikpapan cases (a repeat subject)

PAST_FORWARDING_SUMMARY = (
    "Hasil patroli siber menemukan terlapor, Lurah Damai, menyukai dan membagikan unggahan "
    "kampanye salah satu pasangan calon melalui akun Facebook pribadinya pada masa kampanye "
    "Pilkada 2024. Terlapor mengakui akun tersebut miliknya."
)
CURRENT_FORWARDING_SUMMARY = (
    "Terlapor, Lurah Damai, diduga menyebarkan ajakan memilih salah satu pasangan calon "
    "kepada warga dan ketua RT di wilayah kelurahannya. Terlapor tidak memenuhi undangan "
    "klarifikasi; rapat pleno menyatakan dugaan pelanggaran netralitas ASN terbukti."
)

# --- Reports --------------------------------------------------------------------------------------


def _lurah_submission(today: dt.date):
    """The demo's main report: a complete laporan about a lurah in Balikpapan Selatan."""
    from netra.intake.submission import IdentityIn, PersonIn, Submission, WitnessIn

    return Submission(
        kind="laporan",
        description=(
            "Seorang lurah membagikan unggahan kampanye pasangan calon nomor 1 di grup WhatsApp RT dan "
            "mengajak warga memilih pasangan tersebut."
        ),
        incident_region_code="64.71.05",
        incident_place="Kelurahan Damai, grup WhatsApp warga",
        incident_date=today - 3 * DAY,
        known_date=today - 2 * DAY,
        persons=[
            PersonIn(
                name="Lurah Damai",
                nip=LURAH_NIP,
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
    )


def _other_submissions(today: dt.date) -> list:
    """An incomplete laporan, an anonymous tip and a laporan from Purbalingga, in submission order."""
    from netra.intake.submission import IdentityIn, PersonIn, Submission

    return [
        Submission(
            kind="laporan",
            description="Kepala sekolah mengenakan kaus pasangan calon saat upacara dan berfoto dengan pose dua jari.",
            incident_region_code="64.71.01",
            incident_date=today - 5 * DAY,
            known_date=today - 5 * DAY,
            identity=IdentityIn(name="Guru Demo", address="Balikpapan Timur"),
        ),
        Submission(
            kind="informasi_awal",
            description="Ada ASN dinas kesehatan yang menjadi admin akun relawan calon bupati di Instagram.",
            incident_region_code="62.02",
            incident_date=today - 1 * DAY,
            known_date=today - 1 * DAY,
            links=["https://www.instagram.com/relawan.demo/"],
        ),
        Submission(
            kind="laporan",
            description="Camat hadir dan berpidato mendukung pasangan calon dalam deklarasi relawan di balai desa.",
            incident_region_code="33.03.01",
            incident_date=today - 4 * DAY,
            known_date=today - 3 * DAY,
            persons=[PersonIn(name="Camat Kemangkon")],
            identity=IdentityIn(name="Pemantau Demo", address="Purbalingga"),
            statement_of_truth=True,
            links=["https://www.youtube.com/watch?v=demo"],
        ),
    ]


def demo_reports(today: dt.date, now: dt.datetime) -> str | None:
    """A few reports through the real intake service (sealed identities, receipts, routing, clocks).
    Returns one receipt so the demo user can try the follow-up page; None if reports already exist."""
    from netra.intake.models import Report
    from netra.intake.services import message_from_officer
    from netra.intake.submission import report_submit

    if Report.objects.exists():
        return None
    first = report_submit(submission=_lurah_submission(today), now=now)
    for submission in _other_submissions(today):
        report_submit(submission=submission, now=now)
    officer = User.objects.get(username="panwascam.bpp-selatan")
    message_from_officer(
        report=first.report,
        officer=officer,
        body="Terima kasih. Apakah Anda menyimpan tangkapan layar unggahan tersebut? Mohon unggah di halaman ini.",
    )
    return first.receipt


# --- Case walks -----------------------------------------------------------------------------------


def _walk(
    *,
    case_id: int,
    subject_id: int | None,
    moves: list[tuple],
    classifier: User,
    conduct_code: str,
    start: dt.datetime,
    step: dt.timedelta = dt.timedelta(0),
) -> None:
    """Apply `moves` (name, user, payload) in order, the i-th at `start + (i + 1) * step`.

    An ASN case leaves Bawaslu with its terlapor classified, so a forward is preceded (one `step`
    earlier) by the classification of `subject_id` as `conduct_code`.
    """
    from netra.cases.services.subjects import subject_classify
    from netra.cases.services.transitions import case_transition

    for i, (name, user, payload) in enumerate(moves):
        if name == "forward":
            subject_classify(
                case_id=case_id,
                subject_id=subject_id,
                user=classifier,
                conduct_code=conduct_code,
                now=start + i * step,
            )
        case_transition(case_id=case_id, user=user, name=name, payload=payload, now=start + (i + 1) * step)


def _forward(bawaslu: User, bkn_agency: Agency, summary: str) -> tuple:
    """Bawaslu forwards an ASN case to the oversight body (BKN)."""
    return (
        "forward",
        bawaslu,
        {"destination": "oversight_body", "recipient_id": bkn_agency.pk, "forwarding_summary": summary},
    )


def _recommend(bkn: User, subject_id: int, level: str, legal_basis: str) -> tuple:
    """BKN recommends one sanction level for one terlapor."""
    recommendation = {"subject_id": subject_id, "level": level, "legal_basis": legal_basis}
    return ("recommend", bkn, {"recommendations": [recommendation]})


def _past_case(users: dict[str, User]) -> None:
    """A finished case from Pilkada 2024 about the same lurah (found by the supervisors' patrol)."""
    from netra.cases.services.opening import finding_record

    bawaslu, bkn, ppk = users["balikpapan.pimpinan"], users["bkn.satgas"], users["ppk.balikpapan"]
    past = dt.datetime(2024, 10, 14, 10, 0, tzinfo=WITA)
    old = finding_record(
        user=bawaslu,
        description="Patroli siber: Lurah Damai menyukai dan membagikan unggahan pasangan calon di Facebook.",
        incident_region_code="64.71.05",
        incident_date=dt.date(2024, 10, 12),
        found_date=dt.date(2024, 10, 13),
        persons=[{"name": "Lurah Damai", "nip": LURAH_NIP, "agency_name": "Pemerintah Kota Balikpapan"}],
        links=["https://www.facebook.com/lurah.damai/posts/2024"],
        now=past,
    )
    subject = old.subjects.get()
    sanction = {
        "subject_id": subject.pk,
        "decision_number": "800/2417/BKPSDM/2024",
        "decision_date": "2024-11-20",
        "punishment": "Sanksi moral: pernyataan secara terbuka",
        "sanction_code": "pns-moral-terbuka",
    }
    moves = [
        ("register", bawaslu, {}),
        ("start_study", bawaslu, {}),
        ("decide", bawaslu, {"outcome": "terbukti", "decided_on": "2024-10-16"}),
        _forward(bawaslu, bkn.agency, PAST_FORWARDING_SUMMARY),
        ("examine", bkn, {}),
        _recommend(bkn, subject.pk, "moral", "PP 42/2004 Pasal 15"),
        ("record_sanction", ppk, {"sanctions": [sanction]}),
        ("close", bkn, {}),
    ]
    _walk(
        case_id=old.pk,
        subject_id=subject.pk,
        moves=moves,
        classifier=bawaslu,
        conduct_code="medsos-interaksi",
        start=past,
        step=DAY,
    )


def _missed_clarification(case, lurah, bawaslu: User, now: dt.datetime) -> None:
    """The lurah is summoned to a clarification two hours ago and did not come."""
    from netra.cases.services.clarifications import clarification_record, clarification_schedule

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


def _current_case(today: dt.date, now: dt.datetime, users: dict[str, User]) -> None:
    """This election's case about the lurah: clarified (the lurah did not come), decided, forwarded to
    BKN, recommended; now the PPK's move, on the clock."""
    from netra.cases.models import CaseReport
    from netra.intake.models import Report

    bawaslu, bkn = users["balikpapan.pimpinan"], users["bkn.satgas"]
    report = Report.objects.filter(reported_persons__nip=LURAH_NIP).order_by("pk").first()
    case = CaseReport.objects.get(report=report).case
    opening = [("register", bawaslu, {}), ("start_clarification", bawaslu, {})]
    _walk(case_id=case.pk, subject_id=None, moves=opening, classifier=bawaslu, conduct_code="", start=now)
    lurah = case.subjects.get()
    _missed_clarification(case, lurah, bawaslu, now)
    moves = [
        ("start_study", bawaslu, {}),
        ("decide", bawaslu, {"outcome": "terbukti", "decided_on": today.isoformat()}),
        _forward(bawaslu, bkn.agency, CURRENT_FORWARDING_SUMMARY),
        ("examine", bkn, {}),
        _recommend(bkn, lurah.pk, "sedang", "PP 94/2021 Pasal 5 huruf n"),
    ]
    _walk(
        case_id=case.pk,
        subject_id=lurah.pk,
        moves=moves,
        classifier=bawaslu,
        conduct_code="kegiatan-keberpihakan",
        start=now,
    )


def _regional_cases(today: dt.date, now: dt.datetime, users: dict[str, User]) -> None:
    """Purbalingga's case registered (its follow-up clock running); Kotawaringin Timur's tip a temuan."""
    from netra.cases.services.opening import finding_record
    from netra.cases.services.transitions import case_transition
    from netra.intake.models import Report, ReportKind

    pbg = Report.objects.filter(incident_region__code__startswith="33.03").first()
    if pbg is not None and hasattr(pbg, "case_link"):
        case_transition(
            case_id=pbg.case_link.case_id, user=users["purbalingga.petugas"], name="register", now=now
        )
    tip = Report.objects.filter(kind=ReportKind.TIP, incident_region__code__startswith="62.02").first()
    if tip is not None:
        finding_record(
            user=users["kotim.petugas"],
            description="Temuan dari informasi awal: ASN dinas kesehatan diduga menjadi admin akun relawan calon.",
            incident_region_code="62.02",
            incident_date=today - DAY,
            found_date=today,
            persons=[{"name": "Admin akun relawan (belum teridentifikasi)"}],
            source_report_ids=[tip.pk],
            now=now,
        )


def demo_cases(today: dt.date, now: dt.datetime, receipt: str | None) -> None:
    """Walk the demo reports' cases through the real services (see the module docstring). Only on a
    fresh demo database (`receipt` is None otherwise)."""
    from netra.cases.services.opening import cases_open_pending

    if receipt is None:
        return
    cases_open_pending()  # on the real path the report_received task has opened them already
    users = {u.username: u for u in User.objects.filter(username__contains=".")}
    _past_case(users)
    _current_case(today, now, users)
    _regional_cases(today, now, users)
