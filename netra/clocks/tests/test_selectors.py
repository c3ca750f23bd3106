"""deadline_for against the database: shipped rules, real holidays (lokal-id / python-holidays),
regional holidays, election stages and offices in different zones."""

import datetime as dt
import zoneinfo

import pytest

from netra.clocks.models import DeadlineKind, DeadlineRule, Holiday
from netra.clocks.selectors import RuleNotFoundError, deadline_for, deadline_rule_get, working_calendar_for
from netra.core.models import Verification
from netra.elections.models import Election, ElectionKind, ElectionStage, StageKind
from netra.regions.models import Region

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")


class Office:
    def __init__(self, region_id, timezone):
        self.region_id, self.timezone = region_id, timezone


BALIKPAPAN = Office("64.71", "Asia/Makassar")
PURBALINGGA = Office("33.03", "Asia/Jakarta")


@pytest.fixture
def pilkada_2024():
    election = Election.objects.create(
        code="pilkada-test-2024",
        name="Pilkada uji 2024",
        kind=ElectionKind.PILKADA,
        voting_day=dt.date(2024, 11, 27),
    )
    for kind, start, end in [
        (StageKind.CANDIDATE_DETERMINATION, dt.date(2024, 9, 22), dt.date(2024, 9, 22)),
        (StageKind.CAMPAIGN, dt.date(2024, 9, 25), dt.date(2024, 11, 23)),
        (StageKind.QUIET_PERIOD, dt.date(2024, 11, 24), dt.date(2024, 11, 26)),
        (StageKind.VOTING, dt.date(2024, 11, 27), dt.date(2024, 11, 27)),
        (StageKind.RECAPITULATION, dt.date(2024, 11, 27), dt.date(2024, 12, 16)),
    ]:
        ElectionStage.objects.create(election=election, kind=kind, starts_on=start, ends_on=end)
    return Election.objects.prefetch_related("stages").get(pk=election.pk)


@pytest.fixture
def pemilu_2024():
    return Election.objects.create(
        code="pemilu-test-2024",
        name="Pemilu uji 2024",
        kind=ElectionKind.PEMILU,
        voting_day=dt.date(2024, 2, 14),
    )


def test_shipped_rules_cover_every_kind_and_cite_a_basis():
    rules = DeadlineRule.objects.all()
    assert {r.kind for r in rules} == set(DeadlineKind.values)
    assert all(r.legal_basis for r in rules)


def test_rule_lookup_prefers_specific_then_any(pemilu_2024):
    assert deadline_rule_get(kind="follow_up", election_kind="pemilu").amount == 7
    assert deadline_rule_get(kind="follow_up", election_kind="pilkada").amount == 3
    assert deadline_rule_get(kind="ppk_follow_up", election_kind="pilkada").election_kind == ""
    DeadlineRule.objects.filter(kind="ppk_follow_up").update(is_active=False)
    with pytest.raises(RuleNotFoundError):
        deadline_rule_get(kind="ppk_follow_up", election_kind="")


def test_real_holidays_loaded_for_election_years():
    assert Holiday.objects.filter(date=dt.date(2024, 2, 14)).exists()  # Pemilu 2024 voting day
    assert Holiday.objects.filter(date=dt.date(2024, 11, 27)).exists()  # Pilkada 2024 voting day
    assert Holiday.objects.filter(date=dt.date(2026, 3, 19), kind=Holiday.Kind.NATIONAL).exists()
    assert Holiday.objects.filter(date=dt.date(2026, 3, 23), kind=Holiday.Kind.JOINT_LEAVE).exists()
    assert Holiday.objects.filter(date__year=2027).count() >= 20


def test_pemilu_filing_window_wita_friday_before_lebaran(pemilu_2024):
    """UU 7/2017 Pasal 454(6): 7 working days. Known Fri 13 Mar 2026 in Balikpapan → Tue 31 Mar WITA."""
    start = dt.datetime(2026, 3, 13, 14, 0, tzinfo=WITA)
    result = deadline_for("filing_window", start, pemilu_2024, BALIKPAPAN)
    assert result.due_at == dt.datetime(2026, 3, 31, 23, 59, 59, tzinfo=WITA)
    assert "Pasal 454" in result.spec.legal_basis


def test_pemilu_follow_up_extended_over_lebaran_2024(pemilu_2024):
    """Pasal 454(8): 14 working days from registration Mon 1 Apr 2024. Closed: 8–12 Apr (cuti/Idulfitri),
    15 Apr (cuti). 2 3 4 5 | 16 17 18 19 | 22 23 24 25 26 | 29 → Mon 29 Apr 2024."""
    start = dt.datetime(2024, 4, 1, 9, 0, tzinfo=WIB)
    result = deadline_for("follow_up_extended", start, pemilu_2024, PURBALINGGA)
    assert result.due_at == dt.datetime(2024, 4, 29, 23, 59, 59, tzinfo=WIB)
    plain = deadline_for("follow_up", start, pemilu_2024, PURBALINGGA)
    assert plain.due_at == dt.datetime(2024, 4, 8, 23, 59, 59, tzinfo=WIB)


def test_pilkada_filing_window_ends_at_office_close(pilkada_2024):
    start = dt.datetime(2024, 10, 2, 11, 0, tzinfo=WITA)  # Wed → Wed 9 Oct 16.00
    result = deadline_for("filing_window", start, pilkada_2024, BALIKPAPAN)
    assert result.due_at == dt.datetime(2024, 10, 9, 16, 0, tzinfo=WITA)


def test_pilkada_filing_window_in_quiet_period_runs_round_the_clock(pilkada_2024):
    start = dt.datetime(2024, 11, 18, 9, 0, tzinfo=WITA)  # → Mon 25 Nov, masa tenang
    result = deadline_for("filing_window", start, pilkada_2024, BALIKPAPAN)
    assert result.due_at == dt.datetime(2024, 11, 25, 23, 59, 59, tzinfo=WITA)


def test_pilkada_follow_up_three_plus_two_days(pilkada_2024):
    start = dt.datetime(2024, 10, 7, 10, 0, tzinfo=WIB)
    assert deadline_for("follow_up", start, pilkada_2024, PURBALINGGA).due_date == dt.date(2024, 10, 10)
    assert deadline_for("follow_up_extended", start, pilkada_2024, PURBALINGGA).due_date == dt.date(
        2024, 10, 12
    )


def test_criminal_forward_24_hours(pilkada_2024):
    start = dt.datetime(2024, 11, 30, 20, 0, tzinfo=WITA)
    result = deadline_for("criminal_forward", start, pilkada_2024, BALIKPAPAN)
    assert result.due_at == dt.datetime(2024, 12, 1, 20, 0, tzinfo=WITA)


def test_regional_holiday_only_applies_inside_its_region(pemilu_2024):
    """A local holiday in Kota Balikpapan on Mon 16 Mar 2026 delays a Balikpapan deadline by one working
    day, not one in Purbalingga."""
    Holiday.objects.create(
        date=dt.date(2026, 3, 16),
        name="Libur daerah uji",
        kind=Holiday.Kind.REGIONAL,
        region=Region.objects.get(code="64.71"),
    )
    start_wita = dt.datetime(2026, 3, 13, 10, 0, tzinfo=WITA)
    start_wib = dt.datetime(2026, 3, 13, 10, 0, tzinfo=WIB)
    rule = DeadlineRule.objects.get(kind="initial_review", election_kind="pemilu")  # 2 working days
    assert deadline_for("initial_review", start_wita, pemilu_2024, BALIKPAPAN, rule=rule).due_date == dt.date(
        2026, 3, 25
    )
    assert deadline_for("initial_review", start_wib, pemilu_2024, PURBALINGGA, rule=rule).due_date == dt.date(
        2026, 3, 17
    )


def test_admin_can_change_the_unit_of_a_conflicting_rule(pemilu_2024):
    """The Pemilu filing window is a [CONFLICT] row: switching it to calendar days changes the answer."""
    rule = DeadlineRule.objects.get(kind="filing_window", election_kind="pemilu")
    assert rule.verification == "conflict"
    rule.unit = DeadlineRule.Unit.CALENDAR_DAYS
    rule.save()
    start = dt.datetime(2026, 3, 13, 14, 0, tzinfo=WITA)
    assert deadline_for("filing_window", start, pemilu_2024, BALIKPAPAN).due_date == dt.date(2026, 3, 20)


def test_no_office_counts_in_wib(pemilu_2024):
    start = dt.datetime(2026, 3, 16, 16, 30, tzinfo=dt.UTC)  # Mon 23.30 WIB
    result = deadline_for("filing_window", start, pemilu_2024, None)
    assert result.timezone == "Asia/Jakarta"
    assert result.due_date == dt.date(2026, 4, 1)


def test_working_calendar_for_reads_joint_leave_separately():
    cal = working_calendar_for(region_code="64.71", start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert dt.date(2026, 3, 23) in cal.joint_leave
    assert dt.date(2026, 3, 19) in cal.holidays


def test_pilkada_filing_window_known_on_saturday_rolls_forward_not_back(pilkada_2024):
    """Issue 10: known Sat 5 Oct 2024 in Balikpapan used to end Fri 11 Oct 16.30 (6 days, not 7).
    UU 10/2016 Pasal 134(4): day 1 = Sun 6 … day 7 = Sat 12 Oct, office shut; the shipped rule rolls
    forward (Sun 13 shut) → Mon 14 Oct, intake closes 16.00 WITA (Perbawaslu 9/2024)."""
    start = dt.datetime(2024, 10, 5, 10, 0, tzinfo=WITA)
    result = deadline_for("filing_window", start, pilkada_2024, BALIKPAPAN)
    assert result.due_at == dt.datetime(2024, 10, 14, 16, 0, tzinfo=WITA)
    assert "hari mulai tidak dihitung, hari ke-1 = Minggu, 6 Oktober 2024" in result.explanation
    assert "digeser" in result.explanation


def test_shipped_rules_cite_both_counting_conventions():
    """Every rule carries the citation and certainty of its day-1 and closed-last-day settings; the
    filing windows' day-1 setting is a conflict (Netra vs Bawaslu Kabupaten Bogor 2019)."""
    for rule in DeadlineRule.objects.all():
        assert rule.roll_basis, rule
        assert rule.day_count_basis, rule
        assert rule.roll_verification in Verification.values, rule
        assert rule.day_count_verification in Verification.values, rule
    pilkada = DeadlineRule.objects.get(kind="filing_window", election_kind="pilkada")
    assert pilkada.roll_to_working_day is True
    assert pilkada.roll_verification == "unverified"
    assert pilkada.day_count_verification == "conflict"
    assert "Bogor" in pilkada.day_count_basis


def test_admin_can_count_the_day_of_knowledge(pemilu_2024):
    """Pemilu filing window, 7 working days, known Tue 21 May 2019 in Purbalingga (WIB). Netra: day 1 =
    22 May: 22 23 24 27 28 29 [30 Kenaikan] 31 → Fri 31 May. Counting 21 May as day 1 (Bawaslu Kabupaten
    Bogor 2019): 21 22 23 24 27 28 29 → Wed 29 May 2019, the date that decision gave."""
    start = dt.datetime(2019, 5, 21, 10, 0, tzinfo=WIB)
    assert deadline_for("filing_window", start, pemilu_2024, PURBALINGGA).due_date == dt.date(2019, 5, 31)
    rule = DeadlineRule.objects.get(kind="filing_window", election_kind="pemilu")
    rule.counts_start_day = True
    rule.save()
    result = deadline_for("filing_window", start, pemilu_2024, PURBALINGGA, rule=rule)
    assert result.due_at == dt.datetime(2019, 5, 29, 23, 59, 59, tzinfo=WIB)
    assert "hari mulai dihitung sebagai hari ke-1" in result.explanation


def test_convention_sync_keeps_an_administrators_roll():
    """The data migration's loader fills the citations but never switches off a roll an administrator
    chose, and turns the retired walk-back (office-close rule without roll) into the shipped choice."""
    from netra.clocks.loader import sync_rule_conventions

    rule = DeadlineRule.objects.get(kind="follow_up", election_kind="pilkada")
    rule.roll_to_working_day, rule.roll_basis = True, ""
    rule.save()
    DeadlineRule.objects.filter(kind="filing_window", election_kind="pilkada").update(
        roll_to_working_day=False
    )
    sync_rule_conventions(DeadlineRule)
    rule.refresh_from_db()
    assert rule.roll_to_working_day is True
    assert rule.roll_basis
    assert DeadlineRule.objects.get(kind="filing_window", election_kind="pilkada").roll_to_working_day is True
