"""The fact table follows live cases after commit, and the dashboard's numbers come out of it exactly:
a case walked through the whole chain by the services is counted at each step, in its stage, by the
PPK's follow-up and by the clocks it met; a reader counts only what they may open."""

import datetime as dt

import pytest

from netra.analytics.models import Stage, SubjectFact
from netra.analytics.selectors import (
    StatsFilter,
    facts_for,
    stats_breakdown,
    stats_funnel,
    stats_ppk_follow_up,
    stats_waiting,
    stats_waiting_by_agency,
    stats_within_time,
)
from netra.cases.services.subjects import subject_add
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects, days

T = NOW + dt.timedelta(hours=5)


def _move(world, user, name, when, **payload):
    return case_transition(
        case_id=world["case"].pk, user=world["users"][user], name=name, payload=payload, now=when
    )


def _to_ppk(world, capture) -> None:
    """Two terlapor of Pemkot Balikpapan, walked to the PPK's stage; one sanctioned."""
    u, a, case = world["users"], world["agencies"], world["case"]
    with capture(execute=True):
        subject_add(
            case_id=case.pk,
            user=u["bpp_officer"],
            data={"name": "Staf Kelurahan", "nip": "198001012005011002", "agency_id": a["pemkot"].pk},
        )
        _move(world, "bpp_officer", "register", T)
        _move(world, "bpp_officer", "start_study", T + days(1))
        _move(world, "bpp_head", "decide", T + days(1), outcome="terbukti", decided_on="2024-10-11")
        classify_subjects(case, u["bpp_officer"])
        _move(
            world,
            "bpp_head",
            "forward",
            T + days(1),
            destination="oversight_body",
            recipient_id=a["bkn"].pk,
            forwarding_summary="Ringkasan",
        )
        _move(world, "bkn_officer", "examine", T + days(2))
        ids = sorted(case.subjects.values_list("pk", flat=True))
        recs = [{"subject_id": pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15"} for pk in ids]
        _move(world, "bkn_officer", "recommend", T + days(3), recommendations=recs)
        sanction = {
            "subject_id": ids[0],
            "decision_number": "800/1/BKPSDM",
            "decision_date": "2024-10-20",
            "punishment": "Pernyataan secara terbuka",
            "sanction_code": "pns-moral-terbuka",
        }
        _move(world, "bkpsdm_officer", "record_sanction", T + days(10), sanctions=[sanction])


@pytest.mark.django_db
def test_a_new_case_is_one_fact_per_terlapor_at_bawaslu(case_world):
    case = case_world["case"]
    facts = list(SubjectFact.objects.filter(case=case))
    assert len(facts) == 1
    fact = facts[0]
    assert fact.stage == Stage.BAWASLU
    assert fact.region_code.startswith("64.71")
    assert fact.province_code == "64"
    assert fact.office_id == case_world["agencies"]["bpp"].pk
    assert fact.received_on == NOW.date()
    assert fact.waiting_since == NOW.date()
    assert fact.registered_on is None


@pytest.mark.django_db
def test_the_chain_is_counted_step_by_step(case_world, django_capture_on_commit_callbacks):
    _to_ppk(case_world, django_capture_on_commit_callbacks)
    facts = SubjectFact.objects.filter(case=case_world["case"])
    assert facts.count() == 2
    # the case moved on with the first sanction; the other ASN still waits for the PPK
    assert sorted(facts.values_list("stage", flat=True)) == sorted([Stage.SANCTIONED, Stage.EMPLOYER])
    u = case_world["users"]
    mine = facts_for(user=u["bpp_officer"], filters=StatsFilter())
    funnel = {row["step"]: row["n"] for row in stats_funnel(mine)}
    assert funnel == {
        "alleged": 2,
        "registered": 2,
        "proven": 2,
        "forwarded": 2,
        "recommended": 2,
        "sanctioned": 1,
    }
    assert stats_funnel(mine)[-1]["of_previous"] == 0.5
    ppk = stats_ppk_follow_up(mine, today=dt.date(2024, 10, 25))
    assert [
        (r["employer_name"], r["recommended"], r["sanctioned"], r["rate"], r["waiting"]) for r in ppk
    ] == [(case_world["agencies"]["pemkot"].name, 2, 1, 0.5, 1)]
    waiting = {r["stage"]: r for r in stats_waiting(mine, today=dt.date(2024, 10, 25))}
    assert waiting[Stage.EMPLOYER]["n"] == 1
    recommended_on = facts.first().recommended_on
    assert waiting[Stage.EMPLOYER]["longest"] == (dt.date(2024, 10, 25) - recommended_on).days
    assert waiting[Stage.BAWASLU]["n"] == 0
    by_ppk = stats_waiting_by_agency(mine, stage=Stage.EMPLOYER, today=dt.date(2024, 10, 25))
    assert by_ppk[0]["agency_id"] == case_world["agencies"]["pemkot"].pk
    assert {r["key"]: r["n"] for r in stats_breakdown(mine, dimension="province")} == {"64": 2}


@pytest.mark.django_db
def test_clocks_met_within_their_time_are_counted_per_office(case_world, django_capture_on_commit_callbacks):
    _to_ppk(case_world, django_capture_on_commit_callbacks)
    rows = stats_within_time(user=case_world["users"]["bpp_head"], filters=StatsFilter())
    by_kind = {(r["kind"], r["agency_id"]): r for r in rows}
    review = by_kind[("initial_review", case_world["agencies"]["bpp"].pk)]
    assert review["n"] == 1
    assert review["within"] == 1
    assert review["share"] == 1.0
    assert review["median"] == pytest.approx(5 / 24, abs=0.01)  # registered 5 hours after receipt


@pytest.mark.django_db
def test_each_reader_counts_only_what_they_may_open(case_world, django_capture_on_commit_callbacks):
    u = case_world["users"]
    everyone = StatsFilter()
    assert facts_for(user=u["bpp_officer"], filters=everyone).count() == 1
    assert facts_for(user=u["pbg"], filters=everyone).count() == 0  # Purbalingga: another jurisdiction
    assert facts_for(user=u["bkn_officer"], filters=everyone).count() == 0  # not forwarded yet
    _to_ppk(case_world, django_capture_on_commit_callbacks)
    assert facts_for(user=u["bkn_officer"], filters=everyone).count() == 2
    assert facts_for(user=u["bkpsdm_officer"], filters=everyone).count() == 2
    assert facts_for(user=u["bpp_officer"], filters=StatsFilter(region_code="33")).count() == 0
    assert facts_for(user=u["bpp_officer"], filters=StatsFilter(region_code="64.71")).count() == 2


@pytest.mark.django_db
def test_a_sanction_that_deviates_is_stored_on_its_fact():
    """Every SanctionDeviation value fits the fact's column (a DataError would silently stop the
    refresh of that case's facts: the refresh runs after commit and only logs)."""
    from netra.cases.models import SanctionDeviation

    for value in SanctionDeviation.values:
        SubjectFact.objects.create(
            row_key=f"import:dev:{value}", is_imported=True, stage=Stage.SANCTIONED, deviation=value
        )
    assert SubjectFact.objects.filter(row_key__startswith="import:dev:").count() == len(
        SanctionDeviation.values
    )
