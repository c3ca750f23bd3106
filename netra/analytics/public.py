"""The public transparency table: ASN alleged per province and election, national totals included,
with small-cell and complementary suppression (`suppression.py`) so that no count under
`NETRA_PUBLIC_MIN_CELL` is shown and no hidden cell can be recovered from the shown cells and totals.

One table, suppressed once, is all the public sees: every figure on the page and in the open data is
a cell of it (offering more filters, or a second table sharing its margins, would let a reader subtract
one from the other). Never a name, an NIP, an agency's case list or any reporter data: only counts.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count

from netra.analytics.models import WAITING_STAGES, SubjectFact
from netra.analytics.selectors import clocks_within_time, ended_clocks
from netra.analytics.suppression import (
    ALL,
    complete_table,
    ensure_safe,
    flat,
    publish,
    relations_for,
    suppress,
)


@dataclass(frozen=True)
class PublicTable:
    provinces: list[str]  # codes, then ALL (national)
    elections: list[str]  # codes, then ALL (every election)
    cells: dict[tuple[str, str], int | None]  # None: suppressed
    threshold: int
    hidden: int

    def rows(self) -> list[dict]:
        """Long form for the open data: one row per cell (province "", election "" for totals)."""
        return [
            {
                "province": "" if p == ALL else p,
                "election": "" if e == ALL else e,
                "asn_alleged": self.cells[(p, e)],
            }
            for p in self.provinces
            for e in self.elections
        ]


def _suppressed_grid(leaf: dict[tuple[str, str], int]) -> tuple[list[str], list[str], dict, int, int]:
    """A two-way table of counts with its margins, suppressed and audited (refused rather than leaked)."""
    threshold = int(getattr(settings, "NETRA_PUBLIC_MIN_CELL", 5))
    if not leaf:
        return [], [], {}, threshold, 0
    rows = sorted({r for r, _c in leaf})
    columns = sorted({c for _r, c in leaf})
    dims = (flat(rows), flat(columns))
    table = complete_table(leaf, *dims)
    relations = relations_for(*dims)
    hidden = suppress(table, relations, threshold=threshold)
    ensure_safe(table, hidden, relations, threshold=threshold)
    return [*rows, ALL], [*columns, ALL], publish(table, hidden), threshold, len(hidden)


def public_table() -> PublicTable:
    counts = (
        SubjectFact.objects.exclude(province_code="")
        .exclude(election_code="")
        .values_list("province_code", "election_code")
        .annotate(n=Count("pk"))
    )
    provinces, elections, cells, threshold, hidden = _suppressed_grid({(p, e): n for p, e, n in counts})
    return PublicTable(
        provinces=provinces, elections=elections, cells=cells, threshold=threshold, hidden=hidden
    )


@dataclass(frozen=True)
class PublicWaiting:
    """Where ASN wait now, per province and stage (Bawaslu, the oversight body, the PPK), suppressed
    like the main table; it shares no cell or margin with it (waiting now is not a part of "alleged"
    that the page shows), so neither can be subtracted from the other."""

    provinces: list[str]
    stages: list[str]
    cells: dict[tuple[str, str], int | None]
    threshold: int
    hidden: int


def public_waiting() -> PublicWaiting:
    counts = (
        SubjectFact.objects.exclude(province_code="")
        .filter(stage__in=WAITING_STAGES)
        .values_list("province_code", "stage")
        .annotate(n=Count("pk"))
    )
    provinces, stages, cells, threshold, hidden = _suppressed_grid({(p, s): n for p, s, n in counts})
    order = {stage: i for i, stage in enumerate(WAITING_STAGES)}
    stages = sorted(stages, key=lambda s: order.get(s, len(order)))
    return PublicWaiting(provinces=provinces, stages=stages, cells=cells, threshold=threshold, hidden=hidden)


def public_within_time() -> list[dict]:
    """Per legal clock and office or agency: how many clocks ended and the share met in time, only
    where at least `NETRA_PUBLIC_MIN_CELL` ended (no totals are published, so nothing to subtract).
    Live cases only: imported history has no clocks."""
    threshold = int(getattr(settings, "NETRA_PUBLIC_MIN_CELL", 5))
    from netra.cases.models import Deadline

    rows = clocks_within_time(ended_clocks(Deadline.objects.filter(agency__isnull=False)))
    kinds = dict(Deadline._meta.get_field("kind").flatchoices)
    out = [
        {
            "clock": r["kind"],
            "clock_label": str(kinds.get(r["kind"], r["kind"])),
            "agency": r["agency__name"],
            "ended": r["n"],
            "share_within": round(r["within"] / r["n"], 2),
        }
        for r in rows
        if r["n"] >= threshold
    ]
    out.sort(key=lambda r: (r["clock"], r["share_within"], r["agency"]))
    return out
