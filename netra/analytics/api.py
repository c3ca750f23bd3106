"""`/api/v1/stats/...`: the dashboard's numbers with its filters, for the reader's jurisdiction only
(the same selectors as the pages and downloads: one number, wherever it is shown)."""

import datetime as dt
import enum

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from netra.analytics.models import WAITING_STAGES, Stage
from netra.analytics.selectors import (
    DIMENSIONS,
    StatsFilter,
    facts_for,
    oldest_waiting,
    stats_breakdown,
    stats_clarification,
    stats_funnel,
    stats_ppk_follow_up,
    stats_waiting,
    stats_waiting_by_agency,
    stats_within_time,
)
from netra.analytics.vulnerability import stats_vulnerability

router = Router(tags=["statistik"])

# The breakdown dimensions (selectors.DIMENSIONS), as an enum so the API documents and checks them.
Dimension = enum.StrEnum("Dimension", {key.upper(): key for key in DIMENSIONS})


class StatsQuery(Schema):
    """Filters shared by every statistic (all optional)."""

    election_code: str = Field("", max_length=60, description="Kode pemilihan, mis. pilkada-2024")
    date_from: dt.date | None = Field(None, description="Diterima sejak (YYYY-MM-DD)")
    date_to: dt.date | None = Field(None, description="Diterima sampai (YYYY-MM-DD)")
    region_code: str = Field("", max_length=13, pattern=r"^(\d{2}(\.\d{2}(\.\d{2})?)?)?$")
    agency_id: int | None = Field(None, ge=1)
    violation_code: str = Field("", max_length=12)
    violation_category: str = Field("", max_length=60)
    position_category: str = Field("", max_length=20)
    employment_type: str = Field("", max_length=20)
    stage: str = Field("", max_length=14)
    include_imported: bool = True

    def filters(self) -> StatsFilter:
        return StatsFilter(**self.dict())


class WaitingStageOut(Schema):
    stage: str
    label: str
    n: int
    median: float | None
    p90: float | None
    longest: float | None


class WaitingAgencyOut(Schema):
    agency_id: int | None
    agency: str
    n: int
    median: float | None
    p90: float | None
    longest: float | None


class OldestCaseOut(Schema):
    case_id: int
    reference: str | None = Field(None, alias="case__reference")
    waiting_since: dt.date | None
    region_code: str


class WaitingOut(Schema):
    stages: list[WaitingStageOut]
    agencies: list[WaitingAgencyOut] = []
    oldest: list[OldestCaseOut] = []


class FunnelStepOut(Schema):
    step: str
    label: str
    n: int
    of_previous: float | None
    of_first: float | None


class BreakdownRowOut(Schema):
    key: str | None
    n: int
    proven: int
    sanctioned: int


class PpkFollowUpOut(Schema):
    employer_id: int | None
    employer_name: str
    recommended: int
    sanctioned: int
    waiting: int
    rate: float | None


class WithinTimeOut(Schema):
    kind: str
    agency_id: int | None
    agency: str | None = Field(None, alias="agency__name")
    n: int
    within: int
    share: float | None
    median: float | None
    p90: float | None


class ClarificationStatsOut(Schema):
    invited: int
    absent: int
    absence_rate: float | None


def _facts(request, query: StatsQuery):
    return facts_for(user=request.user, filters=query.filters())


@router.get("/waiting", response=WaitingOut, summary="Di mana kasus menunggu sekarang")
def waiting(request, query: Query[StatsQuery], at_stage: Stage | None = None):
    """Per stage: how many ASN wait and for how long; with `at_stage`, per agency it waits for and the
    cases waiting longest."""
    facts = _facts(request, query)
    today = timezone.localdate()
    out: dict = {"stages": stats_waiting(facts, today=today)}
    if at_stage is not None and at_stage in WAITING_STAGES:
        out["agencies"] = stats_waiting_by_agency(facts, stage=at_stage, today=today)
        out["oldest"] = oldest_waiting(facts, stage=at_stage)
    return out


@router.get("/funnel", response=list[FunnelStepOut], summary="Corong penanganan")
def funnel(request, query: Query[StatsQuery]):
    return stats_funnel(_facts(request, query))


@router.get("/breakdown", response=list[BreakdownRowOut], summary="Rincian menurut satu dimensi")
def breakdown(request, query: Query[StatsQuery], dimension: Dimension = Dimension.PROVINCE):
    return stats_breakdown(_facts(request, query), dimension=str(dimension))


@router.get("/ppk-follow-up", response=list[PpkFollowUpOut], summary="Tindak lanjut rekomendasi oleh PPK")
def ppk_follow_up(request, query: Query[StatsQuery]):
    return stats_ppk_follow_up(_facts(request, query), today=timezone.localdate())


@router.get("/within-time", response=list[WithinTimeOut], summary="Ditangani dalam batas waktu")
def within_time(request, query: Query[StatsQuery]):
    return stats_within_time(user=request.user, filters=query.filters())


class VulnerabilityOut(Schema):
    region: str
    grade: str
    latest_election: str
    latest: int
    previous: int | None
    trend: str
    reason: str
    grade_label: str = Field("", description="Kerawanan dalam bahasa pembaca")
    trend_label: str = Field("", description="Tren dalam bahasa pembaca")


@router.get("/vulnerability", response=list[VulnerabilityOut], summary="Kerawanan netralitas ASN per wilayah")
def vulnerability(request, query: Query[StatsQuery], level: str = "province"):
    """Each province (or kab/kota, `level=region`) graded from its own history and trend; the method
    is in netra/analytics/vulnerability.py and every grade says why."""
    return stats_vulnerability(_facts(request, query), level="region" if level == "region" else "province")


@router.get("/clarification", response=ClarificationStatsOut, summary="Kehadiran klarifikasi terlapor")
def clarification(request, query: Query[StatsQuery]):
    return stats_clarification(_facts(request, query))
