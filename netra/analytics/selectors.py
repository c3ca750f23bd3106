"""The national picture, read from the fact table (`SubjectFact`) and the clocks (`cases.Deadline`),
always through the reader's scope. Every function takes the already-filtered facts (`facts_for`) so a
page, the API, a CSV/XLSX download and a recap show exactly the same numbers.

Medians and 90th percentiles are computed by PostgreSQL (`percentile_cont`) on the real path and in
Python on the embedded SQLite default: same definition (linear interpolation between closest ranks).
"""

import datetime as dt
from dataclasses import dataclass, fields
from statistics import quantiles

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DateField,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from netra.analytics.models import WAITING_STAGES, Stage, SubjectFact
from netra.analytics.rollup import rollup_for, waiting_from_cube
from netra.core.scoping import restrict


@dataclass(frozen=True)
class StatsFilter:
    """The dashboard's filters (all optional). `region_code` is a prefix: a province ("64") or a
    kab/kota ("64.71"); `agency_id` matches the handling office, the recipient or the PPK."""

    election_code: str = ""
    date_from: dt.date | None = None  # received on or after
    date_to: dt.date | None = None  # received on or before
    region_code: str = ""
    agency_id: int | None = None
    violation_code: str = ""
    violation_category: str = ""
    position_category: str = ""
    employment_type: str = ""
    stage: str = ""
    include_imported: bool = True

    def as_query(self) -> dict[str, str]:
        """The non-empty filters as query parameters (for links and downloads of what is shown)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "include_imported":
                if not value:
                    out[f.name] = "0"
            elif value not in (None, ""):
                out[f.name] = value.isoformat() if isinstance(value, dt.date) else str(value)
        return out


def _region_q(code: str) -> Q:
    return Q(region_code=code) | Q(region_code__startswith=code + ".")


def facts_for(*, user, filters: StatsFilter) -> QuerySet[SubjectFact]:
    """The facts `user` may count, narrowed by `filters`."""
    qs = restrict(SubjectFact.objects.all(), user, "view")
    f = filters
    exact = {
        "election_code": f.election_code,
        "violation_code": f.violation_code,
        "violation_category": f.violation_category,
        "position_category": f.position_category,
        "employment_type": f.employment_type,
        "stage": f.stage,
    }
    qs = qs.filter(**{k: v for k, v in exact.items() if v})
    if f.date_from:
        qs = qs.filter(received_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(received_on__lte=f.date_to)
    if f.region_code:
        qs = qs.filter(_region_q(f.region_code))
    if f.agency_id:
        qs = qs.filter(Q(office_id=f.agency_id) | Q(recipient_id=f.agency_id) | Q(employer_id=f.agency_id))
    if not f.include_imported:
        qs = qs.filter(is_imported=False)
    qs = qs.all()
    qs.rollup = rollup_for(user=user, filters=f)
    return qs


def _cube(facts: QuerySet, kind: str) -> QuerySet | None:
    """The `kind` cube ("fact", "waiting", "employer") that may answer for exactly these facts."""
    rollup = getattr(facts, "rollup", None)
    return None if rollup is None else getattr(rollup, f"{kind}_cube")()


# --- percentiles -------------------------------------------------------------------------------------


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate: the `fraction` quantile with linear interpolation."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def _py_quantile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return float(values[0])
    cuts = quantiles(sorted(values), n=100, method="inclusive")  # same interpolation as percentile_cont
    return float(cuts[round(fraction * 100) - 1])


def _days_expr(later: str | dt.date, earlier: str) -> Func:
    """PostgreSQL: whole days from `earlier` (a date field) to `later` (a date field or a date)."""
    left = Value(later, DateField()) if isinstance(later, dt.date) else F(later)
    return Func(left, F(earlier), template="(%(expressions)s)", arg_joiner=" - ", output_field=IntegerField())


def grouped_days(qs: QuerySet, group: list[str], later: str | dt.date, earlier: str) -> dict[tuple, dict]:
    """Per group: count, median and 90th percentile, and the largest number of days from `earlier` to
    `later` (rows where either is missing are left out)."""
    qs = qs.filter(**{f"{earlier}__isnull": False})
    if not isinstance(later, dt.date):
        qs = qs.filter(**{f"{later}__isnull": False})
    if connection.vendor == "postgresql":
        rows = (
            qs.annotate(_days=_days_expr(later, earlier))
            .values(*group)
            .annotate(
                n=Count("pk"),
                median=PercentileCont("_days", 0.5),
                p90=PercentileCont("_days", 0.9),
                longest=Max("_days"),
            )
        )
        return {tuple(r[g] for g in group): dict(r) for r in rows}
    buckets: dict[tuple, list[float]] = {}
    wanted = [*group, earlier] if isinstance(later, dt.date) else [*group, earlier, later]
    for row in qs.values(*wanted):
        end = later if isinstance(later, dt.date) else row[later]
        buckets.setdefault(tuple(row[g] for g in group), []).append(float((end - row[earlier]).days))
    return {
        key: {
            **dict(zip(group, key, strict=True)),
            "n": len(v),
            "median": _py_quantile(v, 0.5),
            "p90": _py_quantile(v, 0.9),
            "longest": max(v),
        }
        for key, v in buckets.items()
    }


# --- where cases wait now ----------------------------------------------------------------------------

# Who a waiting stage waits for, and the fact field naming that agency.
WAITING_AGENCY = {Stage.BAWASLU: "office", Stage.OVERSIGHT: "recipient", Stage.EMPLOYER: "employer"}


def stats_waiting(facts: QuerySet[SubjectFact], *, today: dt.date) -> list[dict]:
    """The bottleneck view: per waiting stage, how many ASN wait and for how long (days since the
    stage began: median, 90th percentile, longest)."""
    cube = _cube(facts, "waiting")
    if cube is not None:
        by_stage = {(k,): v for k, v in waiting_from_cube(cube, stages=WAITING_STAGES, today=today).items()}
    else:
        by_stage = grouped_days(facts.filter(stage__in=WAITING_STAGES), ["stage"], today, "waiting_since")
    rows = []
    for stage in WAITING_STAGES:
        row = by_stage.get((stage,), {"n": 0, "median": None, "p90": None, "longest": None})
        rows.append({"stage": stage, "label": str(Stage(stage).label), **_days_only(row)})
    return rows


def stats_waiting_by_agency(
    facts: QuerySet[SubjectFact], *, stage: str, today: dt.date, limit: int = 50
) -> list[dict]:
    """Per agency the stage waits for (the Bawaslu office, the oversight body, the PPK): count and
    ages, the longest waits first."""
    field = WAITING_AGENCY[Stage(stage)]
    grouped = grouped_days(
        facts.filter(stage=stage), [f"{field}_id", f"{field}__name"], today, "waiting_since"
    )
    rows = [{"agency_id": key[0], "agency": key[1] or "—", **_days_only(row)} for key, row in grouped.items()]
    rows.sort(key=lambda r: (-(r["longest"] or 0), -r["n"], r["agency"]))
    return rows[:limit]


def oldest_waiting(facts: QuerySet[SubjectFact], *, stage: str, limit: int = 10) -> list[dict]:
    """The cases waiting longest at a stage (one click away from the bottleneck view)."""
    qs = facts.filter(stage=stage, case__isnull=False).order_by("waiting_since", "case_id")
    return list(qs.values("case_id", "case__reference", "waiting_since", "region_code")[:limit])


def _days_only(row: dict) -> dict:
    return {k: row.get(k) for k in ("n", "median", "p90", "longest")}


# --- funnel --------------------------------------------------------------------------------------------

FUNNEL = (
    ("alleged", _("Dilaporkan/ditemukan"), Q()),
    ("registered", _("Diregistrasi"), Q(registered_on__isnull=False)),
    ("proven", _("Terbukti"), Q(proven=True)),
    ("forwarded", _("Diteruskan"), Q(forwarded_on__isnull=False)),
    ("recommended", _("Direkomendasikan sanksi"), Q(recommended_on__isnull=False)),
    ("sanctioned", _("Disanksi PPK"), Q(sanctioned_on__isnull=False)),
)


def stats_funnel(facts: QuerySet[SubjectFact]) -> list[dict]:
    """Reports and findings → registered → proven → forwarded → recommended → sanctioned, with the
    share of the previous step and of the first (one query)."""
    cube = _cube(facts, "fact")
    if cube is not None:
        totals = cube.aggregate(**{key: Sum("n" if key == "alleged" else key) for key, _l, _q in FUNNEL})
        counts = {key: n or 0 for key, n in totals.items()}
    else:
        counts = facts.aggregate(**{key: Count("pk", filter=q) for key, _label, q in FUNNEL})
    rows, first, previous = [], counts["alleged"], None
    for key, label, _q in FUNNEL:
        n = counts[key]
        rows.append(
            {
                "step": key,
                "label": str(label),
                "n": n,
                "of_previous": _share(n, previous),
                "of_first": _share(n, first),
            }
        )
        previous = n
    return rows


def _share(n: int, of: int | None) -> float | None:
    return round(n / of, 4) if of else None


# --- breakdowns ----------------------------------------------------------------------------------------

DIMENSIONS = {
    "violation_category": "violation_category",
    "violation": "violation_code",
    "position": "position_category",
    "employment_type": "employment_type",
    "province": "province_code",
    "region": "region_code",
    "employer": "employer_name",
    "election": "election_code",
    "stage": "stage",
    "level": "level",
    "kabkota": "region_code",  # the kab/kota of the incident (PP.KK), whatever its depth
}


def stats_breakdown(facts: QuerySet[SubjectFact], *, dimension: str, limit: int = 100) -> list[dict]:
    """Counts by one dimension (the KASN tables' shape): alleged, proven, sanctioned, the largest first."""
    key = Substr("region_code", 1, 5) if dimension == "kabkota" else F(DIMENSIONS[dimension])
    cube = _cube(facts, "employer" if dimension == "employer" else "fact")
    if cube is not None:
        summed = (
            cube.values(key=key)
            .annotate(total_n=Sum("n"), total_proven=Sum("proven"), total_sanctioned=Sum("sanctioned"))
            .filter(total_n__gt=0)
            .order_by("-total_n", "key")
        )
        rows = [
            {
                "key": r["key"],
                "n": r["total_n"],
                "proven": r["total_proven"],
                "sanctioned": r["total_sanctioned"],
            }
            for r in summed
        ]
    else:
        rows = (
            facts.values(key=key)
            .annotate(
                n=Count("pk"),
                proven=Count("pk", filter=Q(proven=True)),
                sanctioned=Count("pk", filter=Q(sanctioned_on__isnull=False)),
            )
            .order_by("-n", "key")
        )
    return [dict(r) for r in rows[:limit]]


def stats_ppk_follow_up(facts: QuerySet[SubjectFact], *, today: dt.date, limit: int = 100) -> list[dict]:
    """The chronic gap, per PPK: recommended, sanctioned, the follow-up rate, and how long the rest have
    waited; the worst rates first (ties: more waiting first)."""
    cube = _cube(facts, "employer")
    if cube is not None:
        summed = (
            cube.values("employer_id", "employer_name")
            .annotate(
                total_recommended=Sum("recommended"),
                total_sanctioned=Sum("recommended_sanctioned"),
                waiting=Sum("recommended_waiting"),
            )
            .filter(total_recommended__gt=0)
        )
        rows = [
            {
                "employer_id": r["employer_id"],
                "employer_name": r["employer_name"],
                "recommended": r["total_recommended"],
                "sanctioned": r["total_sanctioned"],
                "waiting": r["waiting"],
            }
            for r in summed
        ]
    else:
        rows = (
            facts.filter(recommended_on__isnull=False)
            .values("employer_id", "employer_name")
            .annotate(
                recommended=Count("pk"),
                sanctioned=Count("pk", filter=Q(sanctioned_on__isnull=False)),
                waiting=Count("pk", filter=Q(stage=Stage.EMPLOYER)),
            )
        )
    out = [{**r, "rate": _share(r["sanctioned"], r["recommended"])} for r in rows]
    out.sort(key=lambda r: (r["rate"] if r["rate"] is not None else 1.0, -r["waiting"], r["employer_name"]))
    return out[:limit]


def stats_clarification(facts: QuerySet[SubjectFact]) -> dict:
    """Summonses sent to terlapor and left unheeded (Bawaslu cannot compel attendance)."""
    cube = _cube(facts, "fact")
    source = facts if cube is None else cube
    totals = source.aggregate(invited=Sum("clarification_invited"), absent=Sum("clarification_absent"))
    invited, absent = totals["invited"] or 0, totals["absent"] or 0
    return {"invited": invited, "absent": absent, "absence_rate": _share(absent, invited)}


# --- within the legal time -----------------------------------------------------------------------------


def stats_within_time(*, user, filters: StatsFilter) -> list[dict]:
    """Per legal clock and per office or agency that answered for it: how many ran out, how many were
    met within their due time, the share, and median/p90 days taken (clocks of live cases only:
    imported history has no clocks)."""
    from netra.cases.models import Deadline

    cases = facts_for(user=user, filters=filters).filter(case__isnull=False).values("case_id")
    done = ended_clocks(Deadline.objects.filter(case_id__in=cases))
    rows = clocks_within_time(done)
    taken = _deadline_days(done)
    out = []
    for r in rows:
        stats = taken.get((r["kind"], r["agency_id"]), {})
        out.append(
            {
                **r,
                "share": _share(r["within"], r["n"]),
                "median": stats.get("median"),
                "p90": stats.get("p90"),
            }
        )
    out.sort(key=lambda r: (r["kind"], r["share"] if r["share"] is not None else 1.0))
    return out


def ended_clocks(deadlines: QuerySet) -> QuerySet:
    """The legal clocks that ended (met or ran out), cancelled ones left out."""
    from netra.cases.models import DeadlineState

    ended = deadlines.exclude(state=DeadlineState.CANCELLED)
    return ended.filter(Q(met_at__isnull=False) | Q(breached_at__isnull=False))


def clocks_within_time(ended: QuerySet) -> QuerySet:
    """Per clock kind and agency: how many ended (`n`) and how many were met by their due time."""
    return ended.values("kind", "agency_id", "agency__name").annotate(
        n=Count("pk"), within=Count("pk", filter=Q(met_at__isnull=False, met_at__lte=F("due_at")))
    )


def _deadline_days(qs) -> dict[tuple, dict]:
    """Days from a clock's start to when it was met (met clocks only)."""
    met = qs.filter(met_at__isnull=False)
    buckets: dict[tuple, list[float]] = {}
    for kind, agency_id, start, end in met.values_list("kind", "agency_id", "starts_at", "met_at"):
        buckets.setdefault((kind, agency_id), []).append((end - start).total_seconds() / 86400)
    return {k: {"median": _py_quantile(v, 0.5), "p90": _py_quantile(v, 0.9)} for k, v in buckets.items()}


# --- trend across elections --------------------------------------------------------------------------


def stats_trend(facts: QuerySet[SubjectFact], *, region_code: str = "", limit: int = 40) -> list[dict]:
    """ASN alleged per region and election, side by side (Balikpapan 2020 next to 2024): per province
    nationally, per kab/kota within a province or kab/kota filter. One row per region with a count per
    election code (0 where none), the regions with the most first."""
    key = Substr("region_code", 1, 5) if region_code else F("province_code")
    cube = _cube(facts, "fact")
    source = facts if cube is None else cube
    count = Count("pk") if cube is None else Sum("n")
    grouped = (
        source.exclude(election_code="")
        .values("election_code", region=key)
        .annotate(total_n=count)
        .filter(total_n__gt=0)
    )
    by_region: dict[str, dict[str, int]] = {}
    for r in grouped:
        by_region.setdefault(r["region"] or "", {})[r["election_code"]] = r["total_n"]
    elections = sorted({e for counts in by_region.values() for e in counts}, key=_election_order)
    rows = [
        {"key": region, **{e: counts.get(e, 0) for e in elections}, "total": sum(counts.values())}
        for region, counts in by_region.items()
    ]
    rows.sort(key=lambda r: (-r["total"], r["key"]))
    return rows[:limit]


def _election_order(code: str) -> tuple[str, str]:
    """Elections in time order: the year in the code ("pilkada-2020"), then the code."""
    year = code.rsplit("-", 1)[-1]
    return (year if year.isdigit() else "9999", code)


def trend_elections(rows: list[dict]) -> list[str]:
    """The election codes of `stats_trend` rows, in their column order."""
    return [k for k in (rows[0] if rows else {}) if k not in ("key", "name", "total")]
