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

from netra.analytics.models import SubjectFact
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


def public_table() -> PublicTable:
    threshold = int(getattr(settings, "NETRA_PUBLIC_MIN_CELL", 5))
    counts = (
        SubjectFact.objects.exclude(province_code="")
        .exclude(election_code="")
        .values_list("province_code", "election_code")
        .annotate(n=Count("pk"))
    )
    leaf = {(p, e): n for p, e, n in counts}
    provinces = sorted({p for p, _e in leaf})
    elections = sorted({e for _p, e in leaf})
    dims = (flat(provinces), flat(elections))
    table = complete_table(leaf, *dims)
    relations = relations_for(*dims)
    hidden = suppress(table, relations, threshold=threshold)
    ensure_safe(table, hidden, relations, threshold=threshold)  # refuse to publish rather than leak
    return PublicTable(
        provinces=[*provinces, ALL],
        elections=[*elections, ALL],
        cells=publish(table, hidden),
        threshold=threshold,
        hidden=len(hidden),
    )
