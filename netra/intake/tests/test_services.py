"""report_submit and the reporter/officer services, on the agencies world and Pilkada 2024 data."""

import datetime as dt

import pytest

from netra.agencies.roles import Role
from netra.agencies.tests.factories import UserFactory
from netra.audit.models import AuditLogEntry
from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.intake import crypto, services, validation
from netra.intake import submission as intake_submission
from netra.intake.models import IdentityReveal, Message, Report, ReporterIdentity, ReportStatus, Witness
from netra.intake.selectors import election_for_incident, same_reporter_count
from netra.intake.tests.conftest import NOW, WITA, make_submission

pytestmark = pytest.mark.django_db

PII = [
    "Budi Santoso",
    "6471012345670001",
    "Mulawarman 12",
    "0812-3456-7890",
    "081234567890",
    "budi.santoso@contoh.id",
]


def test_complete_report_is_routed_sealed_and_timely(world):
    result = intake_submission.report_submit(submission=make_submission(), now=NOW)
    report = Report.objects.get(pk=result.report.pk)
    assert report.office == world["agencies"]["bpp_sel"]  # Panwaslu of the incident's kecamatan
    assert report.election.code == "pilkada-2024"
    # Pilkada: 7 days from 8 Oct → Tue 15 Oct 2024, until the desk closes at 16.00 WITA.
    assert report.filing_deadline == dt.datetime(2024, 10, 15, 16, 0, tzinfo=WITA)
    assert report.is_timely is True
    assert report.requirements_met is True
    assert report.missing == []
    assert report.status == ReportStatus.RECEIVED
    assert report.reference == f"LAP-2024-{report.pk:06d}"
    identity = ReporterIdentity.objects.get(report=report)
    assert not any(p.encode() in bytes(identity.sealed) for p in PII)
    assert crypto.open_identity(identity.sealed)["name"] == "Budi Santoso"
    assert identity.nik_index == crypto.blind_index("nik", "6471012345670001")
    assert services.report_for_receipt(receipt=result.receipt) == report
    assert services.report_for_receipt(receipt=result.receipt.lower().replace("-", " ")) == report
    assert report.receipt_hash == crypto.hash_receipt(result.receipt)
    assert result.receipt not in str(Report.objects.filter(pk=report.pk).values().first())


def test_audit_row_has_no_personal_data(world):
    report = intake_submission.report_submit(submission=make_submission(), now=NOW).report
    row = AuditLogEntry.objects.get(action="report.submit", object_id=str(report.pk))
    text = f"{row.before} {row.after} {row.object_repr}"
    assert not any(p in text for p in PII)
    assert row.after["has_identity"] is True
    assert row.after["links"] == 1


def test_late_report_is_stored_and_told_the_deadline(world):
    """Known Sat 28 Sep 2024: day 1 = Sun 29 Sep … day 7 = Sat 5 Oct, desk closed. Issue 10: the window
    no longer walks back to Fri 4 Oct 16.30 (6 days); the shipped Pilkada rule rolls forward past Sun 6 Oct
    → Mon 7 Oct, intake closes 16.00 WITA. Filed 10 Oct: still late."""
    result = intake_submission.report_submit(
        submission=make_submission(incident_date=dt.date(2024, 9, 27), known_date=dt.date(2024, 9, 28)),
        now=NOW,
    )
    report = result.report
    assert report.filing_deadline == dt.datetime(2024, 10, 7, 16, 0, tzinfo=WITA)
    assert report.is_timely is False
    assert [m["code"] for m in report.missing] == ["late"]
    assert "Senin, 7 Oktober 2024 16.00 WITA" in report.missing[0]["message"]
    assert report.status == ReportStatus.INCOMPLETE
    assert Report.objects.filter(pk=report.pk).exists()


def test_incomplete_report_lists_each_missing_requirement(world):
    sub = make_submission(
        persons=[],
        links=[],
        statement_of_truth=False,
        identity=intake_submission.IdentityIn(name="Budi Santoso"),
    )
    report = intake_submission.report_submit(submission=sub, now=NOW).report
    assert [m["code"] for m in report.missing] == [
        "reporter_address",
        "reported_person",
        "statement_of_truth",
        "evidence",
    ]
    assert report.requirements_met is False


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"incident_region_code": "99.99"}, "incident_region_code"),
        ({"description": "x"}, "description"),
        ({"incident_date": dt.date(2030, 1, 1)}, "incident_date"),
        ({"incident_date": dt.date(2024, 10, 8), "known_date": dt.date(2024, 10, 7)}, "known_date"),
        ({"election_code": "pemilu-1999"}, "election_code"),
        ({"kind": "surat-kaleng"}, "kind"),
        ({"links": ["javascript:alert(1)"]}, None),
    ],
)
def test_input_that_cannot_be_understood_is_refused_and_nothing_stored(world, changes, field):
    with pytest.raises(ApplicationError) as info:
        intake_submission.report_submit(submission=make_submission(**changes), now=NOW)
    if field:
        assert field in info.value.extra["errors"]
    assert not Report.objects.exists()
    assert not AuditLogEntry.objects.filter(action="report.submit").exists()


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        ("2030-01-15", "Tanggal lahir tidak boleh di masa depan."),
        ("2024-10-11", "Tanggal lahir tidak boleh di masa depan."),  # NOW is 2024-10-10
        ("1899-12-31", "Tanggal lahir tidak mungkin sebelum tahun 1900. Periksa tahunnya."),
        ("31/02/1980", "Tanggal lahir tidak dikenal. Tulis seperti 31-12-1980."),
    ],
)
def test_impossible_birth_date_is_refused_on_its_field(world, birth_date, message):
    identity = intake_submission.IdentityIn(
        name="Budi Santoso", nik="6471012345670001", birth_date=birth_date
    )
    with pytest.raises(ApplicationError) as info:
        intake_submission.report_submit(submission=make_submission(identity=identity), now=NOW)
    assert info.value.extra["errors"] == {"birth_date": message}
    assert not Report.objects.exists()


def test_plausible_birth_dates_are_accepted(world):
    today = NOW.date()
    assert validation.birth_date_problem("1900-01-01", today=today) == ""
    assert validation.birth_date_problem(today.isoformat(), today=today) == ""
    identity = intake_submission.IdentityIn(
        name="Budi Santoso", nik="6471012345670001", birth_date="1980-12-31"
    )
    assert intake_submission.report_submit(submission=make_submission(identity=identity), now=NOW).report.pk


def test_tip_is_anonymous(world):
    with pytest.raises(ApplicationError, match="anonim"):
        intake_submission.report_submit(submission=make_submission(kind="informasi_awal"), now=NOW)
    tip = intake_submission.report_submit(
        submission=make_submission(
            kind="informasi_awal", identity=None, witnesses=[], statement_of_truth=False
        ),
        now=NOW,
    ).report
    assert tip.reference.startswith("INF-2024-")
    assert not ReporterIdentity.objects.filter(report=tip).exists()
    assert tip.filing_deadline is None
    assert tip.missing == []


def test_region_without_own_office_goes_to_the_next_level(world):
    report = intake_submission.report_submit(
        submission=make_submission(incident_region_code="64.72.01"), now=NOW
    ).report
    assert report.office == world["agencies"]["kaltim"]  # no Bawaslu Samarinda in this world


def test_election_is_inferred_from_region_and_date():
    assert election_for_incident(region_code="64.71", on=dt.date(2024, 10, 1)).code == "pilkada-2024"
    assert election_for_incident(region_code="64.71", on=dt.date(2024, 1, 20)).code == "pemilu-2024"
    assert election_for_incident(region_code="64.71", on=dt.date(2022, 6, 1)) is None


@pytest.mark.parametrize(
    ("region_code", "expected"),
    [
        ("64.72.01", "pilkada-2020"),  # a kecamatan of Kota Samarinda: the mayor's race
        ("65.71", "pilkada-2020"),  # Kota Tarakan voted in 2018, but Kaltara's governor race covers it
        ("64.09", None),  # Penajam Paser Utara: no 2020 race at either level (Kaltim 9 of 10)
        ("75.05", None),  # Gorontalo Utara voted in 2018; Gorontalo had no governor race in 2020
    ],
)
def test_pilkada_2020_is_found_in_its_270_regions_only(region_code, expected):
    """Issue 10 item 7a: the full list decides whether a 2020 report meets an election (campaign day)."""
    election = election_for_incident(region_code=region_code, on=dt.date(2020, 11, 1))
    assert (election.code if election else None) == expected


def test_messages_between_reporter_and_office(world):
    report = intake_submission.report_submit(submission=make_submission(), now=NOW).report
    services.message_from_reporter(report=report, body="Saya punya video tambahan.")
    officer = world["users"]["bpp_officer"]
    reply = services.message_from_officer(report=report, officer=officer, body="Silakan unggah videonya.")
    assert reply.agency == officer.agency
    assert services.messages_mark_read(report=report, reader="pelapor") == 1
    with pytest.raises(PermissionDeniedError):
        services.message_from_officer(report=report, officer=world["users"]["pbg"], body="Halo")
    with pytest.raises(ApplicationError):
        services.message_from_reporter(report=report, body="   ")
    assert Message.objects.filter(report=report).count() == 2


@pytest.fixture
def head(world):
    from netra.agencies.roles import Role
    from netra.agencies.tests.factories import UserFactory

    return UserFactory(username="ketua-bpp", agency=world["agencies"]["bpp"], roles=[Role.HEAD])


def test_reveal_needs_permission_and_reason_and_is_recorded(world, head):
    report = intake_submission.report_submit(submission=make_submission(), now=NOW).report
    with pytest.raises(PermissionDeniedError):
        services.identity_reveal(report=report, officer=world["users"]["bpp_officer"], reason="x" * 40)
    with pytest.raises(NotFoundError):
        services.identity_reveal(report=report, officer=world["users"]["pbg"], reason="x" * 40)
    with pytest.raises(ApplicationError, match="alasan"):
        services.identity_reveal(report=report, officer=head, reason="perlu")
    identity = services.identity_reveal(
        report=report, officer=head, reason="Pelapor dipanggil klarifikasi tanggal 14."
    )
    assert identity["name"] == "Budi Santoso"
    reveal = IdentityReveal.objects.get(report=report)
    assert reveal.officer == head
    row = AuditLogEntry.objects.get(action="report.identity_reveal")
    assert row.after["reason"].startswith("Pelapor dipanggil")
    assert "Budi" not in str(row.after)


def test_reveal_on_a_tier_without_the_private_key(world, head, settings):
    report = intake_submission.report_submit(submission=make_submission(), now=NOW).report
    settings.NETRA_IDENTITY_PRIVATE_KEYS = {}
    with pytest.raises(ApplicationError, match="tidak memegang kunci"):
        services.identity_reveal(
            report=report, officer=head, reason="Pelapor dipanggil klarifikasi tanggal 14."
        )
    assert not IdentityReveal.objects.exists()


def test_same_reporter_is_recognised_without_opening(world):
    first = intake_submission.report_submit(submission=make_submission(), now=NOW).report
    other_identity = intake_submission.IdentityIn(
        name="B. Santoso", address="Balikpapan", phone="+62 812 3456 7890"
    )
    second = intake_submission.report_submit(
        submission=make_submission(identity=other_identity), now=NOW
    ).report
    third = intake_submission.report_submit(
        submission=make_submission(identity=intake_submission.IdentityIn(name="Ani", address="Samarinda")),
        now=NOW,
    ).report
    officer = world["users"]["bpp_officer"]
    assert same_reporter_count(report=first, user=officer) == 1
    assert same_reporter_count(report=second, user=officer) == 1
    assert same_reporter_count(report=third, user=officer) == 0


def test_same_reporter_count_stays_inside_the_jurisdiction(world):
    """Issue 8: a count of the reporter's reports elsewhere tells an office more than it may know."""
    first = intake_submission.report_submit(submission=make_submission(), now=NOW).report
    intake_submission.report_submit(submission=make_submission(incident_region_code="33.03.01"), now=NOW)
    intake_submission.report_submit(submission=make_submission(incident_region_code="33.03.01"), now=NOW)
    assert same_reporter_count(report=first, user=world["users"]["bpp_officer"]) == 0
    national = UserFactory(username="u-ri-officer", agency=world["agencies"]["ri"], roles=[Role.OFFICER])
    assert same_reporter_count(report=first, user=national) == 2


def test_retention_purges_identity_witnesses_after_close(world, settings):
    settings.NETRA_RETENTION_DAYS_AFTER_CLOSE = 30
    old = intake_submission.report_submit(submission=make_submission(), now=NOW).report
    recent = intake_submission.report_submit(submission=make_submission(), now=NOW).report
    Report.objects.filter(pk=old.pk).update(closed_at=NOW - dt.timedelta(days=31))
    Report.objects.filter(pk=recent.pk).update(closed_at=NOW - dt.timedelta(days=5))
    assert services.retention_purge(now=NOW) == 1
    purged = ReporterIdentity.objects.get(report=old)
    assert purged.sealed is None
    assert purged.nik_index == ""
    assert not Witness.objects.filter(report=old).exists()
    assert Witness.objects.filter(report=recent).exists()
    assert ReporterIdentity.objects.get(report=recent).sealed is not None
    assert Report.objects.get(pk=old.pk).purged_at == NOW
    assert AuditLogEntry.objects.filter(action="report.retention_purge", object_id=str(old.pk)).exists()
    assert services.retention_purge(now=NOW) == 0  # idempotent


def test_after_hours_report_counts_from_the_next_opening_but_is_timely_by_submission(world):
    """Pemilu 2024, known Tue 16 Jan 2024: 7 hari kerja, day 1 = Wed 17 Jan → 17 18 19 22 23 24 25 → Thu
    25 Jan 2024 23.59.59 WITA (no holiday in between). Submitted Thu 25 Jan 20.00 WITA, after the desk
    closed at 16.00: timely (the reporter submitted within the window), counted received Fri 26 Jan
    08.00 WITA, when the desk opens (docs/domain/clocks.md, [UNVERIFIED] readings)."""
    now = dt.datetime(2024, 1, 25, 20, 0, tzinfo=WITA)
    report = intake_submission.report_submit(
        submission=make_submission(incident_date=dt.date(2024, 1, 15), known_date=dt.date(2024, 1, 16)),
        now=now,
    ).report
    report = Report.objects.get(pk=report.pk)
    assert report.election.code == "pemilu-2024"
    assert report.received_at == now
    assert report.filing_deadline == dt.datetime(2024, 1, 25, 23, 59, 59, tzinfo=WITA)
    assert report.is_timely is True
    assert report.counted_received_at == dt.datetime(2024, 1, 26, 8, 0, tzinfo=WITA)
    assert report.counted_received_at > report.filing_deadline
    assert "setelah jam penerimaan laporan ditutup" in report.counted_received_reason
    assert "Belum terverifikasi" in report.counted_received_reason


def test_report_within_hours_counts_at_submission(world):
    report = intake_submission.report_submit(submission=make_submission(), now=NOW).report  # Thu 10.00 WITA
    assert Report.objects.get(pk=report.pk).counted_received_at == NOW


def test_reporters_status_is_set_with_one_audit_row_per_changed_report(world):
    """The case's stage as the reporters see it (intake's own write; the cases app decides the words)."""
    from netra.intake.tests.factories import ReportFactory

    officer = world["users"]["bpp_officer"]
    earlier = NOW - dt.timedelta(days=3)
    open_report, closed_report = ReportFactory(), ReportFactory(closed=True, closed_at=earlier)
    ids = [open_report.pk, closed_report.pk]
    changed = services.reports_status_set(
        report_ids=ids, status=ReportStatus.CLOSED, closed=True, closed_at=NOW, actor=officer
    )
    assert changed == 1  # the closed one already says so, and keeps its retention start
    open_report.refresh_from_db()
    closed_report.refresh_from_db()
    assert (open_report.status, open_report.closed_at) == (ReportStatus.CLOSED, NOW)
    assert closed_report.closed_at == earlier
    (row,) = AuditLogEntry.objects.filter(action="report.status")
    assert (row.object_id, row.actor_id) == (str(open_report.pk), officer.pk)
    assert row.before["status"] == ReportStatus.RECEIVED
    # Reopened: both back in process, the retention clock cleared; nothing changed writes nothing.
    assert services.reports_status_set(report_ids=ids, status=ReportStatus.REGISTERED, closed=False) == 2
    assert not Report.objects.filter(pk__in=ids, closed_at__isnull=False).exists()
    assert services.reports_status_set(report_ids=ids, status=ReportStatus.REGISTERED, closed=False) == 0
    assert AuditLogEntry.objects.filter(action="report.status").count() == 3
    open_report.refresh_from_db()  # registered now: "received → in review" no longer applies
    assert not services.report_status_advance(
        report=open_report, status=ReportStatus.IN_REVIEW, only_from=ReportStatus.RECEIVED
    )
