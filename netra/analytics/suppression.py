"""Small-cell and complementary suppression for the public statistics page (issue 11).

A pure engine, free of the database and of settings, so that it can be tested exhaustively (and attacked
by brute force) on hand-made tables; the public page's selector builds the table, reads the threshold
from the setting ``NETRA_PUBLIC_MIN_CELL`` and calls `suppress`, then `ensure_safe` before it renders.

**What is published.** A table maps a key (a tuple such as ``(region_code, category)``) to a count. Some
cells are totals of others; each published identity ``total = part + part + ...`` is a `Relation`. An
attacker sees every shown cell and can write down every relation: the question is what they can then
compute about the hidden cells.

**Primary suppression** (the minimum-frequency rule; Hundepool et al., *Statistical Disclosure Control*,
Wiley 2012, ch. 5): a cell with ``0 < n < k`` is hidden, totals included (a kab/kota with three cases
in all hides its row total too).

**Zeros are shown.** A zero says that nobody was alleged there; it describes no person, and hiding the
zeros of a sparse table would hide most of it. Zeros are also never chosen as complements (below): a
hidden zero protects nothing against a reader who knows the cell cannot occur (a category that does not
apply to that election), and a complement of zero leaves the hidden sum of its line as small as the
primary cell it was meant to cover. The price, which the line rule pays: since the rule is public,
every reader knows that a hidden cell holds at least 1, and that a shown non-zero cell holds at least k.

**Complementary suppression**, three tests:

1. *The line rule*, for each relation. If its total is hidden, at least one part is hidden too (else the
   total is the sum of the shown parts). If its total is shown and ``m >= 1`` parts are hidden, their sum
   ``s`` is public (total minus shown parts), so there must be ``m >= 2`` of them and
   ``s - (m - 1) >= k``: each hidden part is at least 1, so ``s - (m - 1)`` is the most any one of them
   can hold, and within the line it must reach k (the upper protection level of τ-ARGUS). Without it
   two hidden 1s under a shown total are both disclosed (``s = m = 2``). A complement is a shown
   non-zero cell (so at least k), which satisfies the rule at once. Cheap and local, it does most of the
   work; the two global tests below catch what it cannot see.
2. *No exact recovery by algebra.* In a two-way table, two separate rectangles of hidden cells joined by
   one more hidden cell pass every line test, yet the joining cell equals a sum of rows minus a sum of
   columns (a bridge in the rows × columns graph; Cox, "Suppression methodology and statistical
   disclosure control", JASA 75, 1980). `disclosed` solves the published relations exactly (sparse
   Gauss-Jordan elimination over the integers: no floating point to round a cell into or out of view).
3. *No exact recovery by inequalities.* Algebra misses what "at least 1" does across lines: with the
   grand total 3 shown and its three hidden leaf cells each at least 1, all three are 1 although no
   line rule fails and no equation isolates them. `bounds` propagates intervals over the relations to
   a fixed point (a part between the total's bounds less the others', a total between its parts'
   sums); a cell whose interval is one value is *pinned*. On synthetic tables of 600 kab/kota × 20
   categories it pins 7-51 cells after the line rule in about half of the runs; algebra, none.

A cell caught by test 2 or 3 gets one more complement: the cheapest shown non-zero cell of its own
lines (failing that, of the lines around the hidden cells next to it), unless a complement put in for
another cell in the same round is as near. The line rule is closed again and the global tests repeat,
on the part of the table connected to the new complements only, until nothing is exposed. Adding a
hidden cell never narrows what a reader can deduce about the others (more unknowns, same equations),
so the cells checked before stay safe.

**Choice of complements** (deterministic). A line that fails takes one shown non-zero part: among its
`WINDOW` cheapest (by count, the information lost), the one that opens the fewest untouched lines (each
would need a complement of its own: the hypercube heuristic of closing rectangles), then the smallest
count, then the key's ``repr``. The total is hidden only when no part is left. Measured on random two-way
tables, the window saves ~6% of complements over "smallest count" alone. Lines are processed in a
canonical order (sorted by ``repr``), so the result depends on the table and the *set* of relations only.

**Hierarchies and many-way tables.** A `Dimension` lists its values (leaves and totals) and which values
add up to which: a flat list with its total, or the region codes ("64" → "64.71" → "64.71.01"; the parent
is the prefix before the last dot, the top level adds up to `ALL`). `relations_for` builds every relation
of their cross product (region × category: each kab/kota row, each province's category column, each
province row, the national column, ...). Each published total is itself a cell that may be hidden.

**Filters.** Two views of the page differ cell by cell, so a filter the page offers (election, agency,
...) must be a dimension of one table that is suppressed once, with its "all" value as a total; each
filtered view is then a slice of that one result. Free date ranges cannot be protected this way (two
overlapping ranges difference to a narrow one): the public page offers fixed periods only. Nested counts
(a funnel: reported ⊇ proven ⊇ sanctioned) are modelled as ``reported = proven + not_proven`` with the
difference as a cell of its own, since anyone can subtract two shown stages.

**Speed** (this machine, 2 cores, CPU time): 600 kab/kota in 38 provinces × 20 categories, 13,419
cells and 1,458 relations, 2,300-5,900 cells hidden: `suppress` 30-75 ms, `ensure_safe` 30-50 ms.

**Limits.** No hidden cell can be computed exactly from the page by linear algebra or by interval
reasoning with "at least 1", and none is left alone or with too small a sum in a published line. Not
excluded: (a) tighter bounds from a linear or integer programme over all lines at once (τ-ARGUS's
audit; it needs a solver this project does not carry). Interval propagation is sound but not always
as tight; the tests attack tiny tables by exhaustive integer search and find no cell pinned. (b) A
reader can often bound a hidden cell below k by combining lines (shown as "—", it may still be
provably small): what they learn is "fewer than k", what a "<k" marker would say, never the count.
(c) Outside knowledge: a reader who knows some of the cases (their own, a press report) can subtract
them, and differences between two publications of different dates show the cases that moved between
them; no table-level method protects against that (publish on a fixed schedule, not on demand).
(d) Zeros are hidden only as a last resort, when every non-zero cell near an exposed one is already
hidden (tiny tables; the whole table is then hidden).
"""

import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

Key = tuple[Hashable, ...]
Table = Mapping[Key, int]

# The "all" value of every dimension: (ALL, ALL) is the grand total of a two-way table.
ALL = "__all__"

# How many of a line's cheapest shown cells compete as its complement (see the module's docstring).
WINDOW = 8


class DisclosureError(ValueError):
    """A table would show a small cell or let a hidden one be worked out (or cannot be protected)."""


@dataclass(frozen=True)
class Relation:
    """One published identity: ``table[total] == sum(table[part] for part in parts)``."""

    total: Key
    parts: frozenset[Key]


@dataclass(frozen=True)
class Dimension:
    """One axis of a table: its values (leaves and totals) and the groups of values that add up."""

    values: tuple[Hashable, ...]
    groups: tuple[tuple[Hashable, tuple[Hashable, ...]], ...]  # (total value, the values that sum to it)


def flat(values: Iterable[Hashable], *, total: Hashable = ALL) -> Dimension:
    """A breakdown (categories, agencies, stages) and its total."""
    parts = tuple(dict.fromkeys(values))
    if not parts or total in parts:
        raise ValueError("a breakdown needs at least one value, and its total must not be one of them")
    return Dimension(values=(*parts, total), groups=((total, parts),))


def regions(codes: Iterable[str], *, national: str = ALL) -> Dimension:
    """Region codes in the Kemendagri hierarchy ("64" province, "64.71" kab/kota, "64.71.01" kecamatan).

    The parent of a code is its prefix before the last dot; provinces add up to `national`. Parents that
    are not listed are added, so a list of kab/kota codes gives the provinces and the national total too.
    """
    known: set[str] = set()
    for code in codes:
        parts = code.split(".")
        known.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    if not known or national in known:
        raise ValueError("no region codes, or a code equal to the national total")
    children: dict[str, list[str]] = defaultdict(list)
    for code in sorted(known):
        children[code.rpartition(".")[0] or national].append(code)
    groups = tuple((parent, tuple(kids)) for parent, kids in sorted(children.items()))
    return Dimension(values=(*sorted(known), national), groups=groups)


def relations_for(*dimensions: Dimension) -> list[Relation]:
    """Every published identity of the cross product of `dimensions` (keys are tuples, one value each)."""
    relations = []
    for axis, dim in enumerate(dimensions):
        others = [d.values for d in dimensions[:axis] + dimensions[axis + 1 :]]
        for rest in itertools.product(*others):
            head, tail = rest[:axis], rest[axis:]
            for total, parts in dim.groups:
                relations.append(
                    Relation((*head, total, *tail), frozenset((*head, part, *tail) for part in parts))
                )
    return relations


def relations_1d(values: Iterable[Hashable], *, total: Hashable = ALL) -> list[Relation]:
    """A breakdown with its total: keys ``(value,)`` and ``(total,)``."""
    return relations_for(flat(values, total=total))


def relations_2d(
    rows: Iterable[Hashable], columns: Iterable[Hashable], *, total: Hashable = ALL
) -> list[Relation]:
    """A two-way table with row, column and grand totals: keys ``(row, column)``, totals under `total`."""
    return relations_for(flat(rows, total=total), flat(columns, total=total))


def complete_table(leaf_counts: Table, *dimensions: Dimension) -> dict[Key, int]:
    """Every cell of the cross product, totals summed from the leaf counts (missing leaves count 0).

    Needs each dimension to be a tree (a value adds into at most one total): a leaf count then reaches
    every total above it exactly once.
    """
    parents = [_parents(dim) for dim in dimensions]
    leaves = [set(dim.values) - {total for total, _parts in dim.groups} for dim in dimensions]
    table = dict.fromkeys(itertools.product(*(dim.values for dim in dimensions)), 0)
    for key, count in leaf_counts.items():
        if len(key) != len(dimensions) or any(v not in leaf for v, leaf in zip(key, leaves, strict=True)):
            raise ValueError(f"{key!r} is not a leaf cell of this table")
        lines = [_ancestors(value, parent) for value, parent in zip(key, parents, strict=True)]
        for cell in itertools.product(*lines):
            table[cell] += count
    return table


def _parents(dim: Dimension) -> dict[Hashable, Hashable]:
    parent: dict[Hashable, Hashable] = {}
    for total, parts in dim.groups:
        for part in parts:
            if part in parent:
                raise ValueError(f"{part!r} adds into two totals; complete_table needs a tree")
            parent[part] = total
    return parent


def _ancestors(value: Hashable, parent: Mapping[Hashable, Hashable]) -> list[Hashable]:
    line = [value]
    while line[-1] in parent:
        line.append(parent[line[-1]])
    return line


def primary_suppression(table: Table, *, threshold: int) -> set[Key]:
    """The cells too small to show: ``0 < n < threshold``."""
    return {key for key, count in table.items() if 0 < count < threshold}


def suppress(table: Table, relations: Iterable[Relation], *, threshold: int) -> frozenset[Key]:
    """The cells to hide: the small ones and enough complements that no hidden cell can be worked out.

    `threshold` is k (the caller reads ``settings.NETRA_PUBLIC_MIN_CELL``). Every key of every relation
    must be in `table`, and the table must satisfy its relations.
    """
    _check_threshold(threshold)
    cells = _Cells(table, relations)
    lines = _Lines(cells, threshold)
    lines.hide_all(cells.ids_of(primary_suppression(table, threshold=threshold)))  # any order: see close
    checked: set[int] | None = None  # None: check every line; else only around the newly hidden
    while True:
        lines.close()
        view = lines.view(None if checked is None else lines.hidden - checked)
        exposed = set(_System(cells.count, lines.hidden, view).solve())
        exposed |= _Bounds(cells.count, lines.hidden, view).pinned()
        if not exposed:
            return frozenset(cells.keys[i] for i in lines.hidden)
        checked = set(lines.hidden)
        lines.protect(exposed)


def disclosed(table: Table, suppressed: Iterable[Key], relations: Iterable[Relation]) -> dict[Key, int]:
    """The hidden cells whose values follow exactly from the shown cells and the relations, with them.

    Only shown values are read. A cell is determined when its unit vector lies in the row space of the
    relations restricted to hidden cells: after Gauss-Jordan elimination, when its pivot row has no
    other entry.
    """
    cells = _Cells(table, relations)
    hidden = cells.ids_of(suppressed)
    solved = _System(cells.count, hidden, cells.view(hidden)).solve()
    return {cells.keys[i]: int(value) for i, value in solved.items()}


def recoverable(table: Table, suppressed: Iterable[Key], relations: Iterable[Relation]) -> set[Key]:
    """The hidden cells that can be computed exactly from what is shown (should be empty)."""
    return set(disclosed(table, suppressed, relations))


def bounds(
    table: Table, suppressed: Iterable[Key], relations: Iterable[Relation]
) -> dict[Key, tuple[int, int | None]]:
    """The interval a reader can put each hidden cell in (None: no upper bound).

    Interval reasoning over the relations, repeated until nothing moves: a total lies between the sums
    of its parts' bounds, a part between the total's bounds less the other parts'. The reader knows that
    a hidden cell holds at least 1 (zeros are shown); a zero hidden as a last resort is given its true
    lower bound 0, as if the reader knew it (a stronger reader, so a safe approximation). Sound, not
    tight: a linear programme can do better (see the module's limits).
    """
    cells = _Cells(table, relations)
    hidden = cells.ids_of(suppressed)
    found = _Bounds(cells.count, hidden, cells.view(hidden))
    found.solve()
    result: dict[Key, tuple[int, int | None]] = {}
    for i in sorted(hidden):
        low, high = found.low.get(i, min(1, cells.count[i])), found.high.get(i, math.inf)
        result[cells.keys[i]] = (int(low), None if high == math.inf else int(high))
    return result


def pinned(table: Table, suppressed: Iterable[Key], relations: Iterable[Relation]) -> set[Key]:
    """The hidden cells whose interval has shrunk to one value (disclosed by inequalities)."""
    return {key for key, (low, high) in bounds(table, suppressed, relations).items() if low == high}


@dataclass(frozen=True)
class Audit:
    """What is wrong with a publication: shown small cells, hidden cells computable (by algebra) or
    pinned (by bounds), and lines failing the line rule."""

    small_shown: frozenset[Key]
    recoverable: frozenset[Key]
    pinned: frozenset[Key] = field(default=frozenset())
    weak_lines: tuple[Relation, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not (self.small_shown or self.recoverable or self.pinned or self.weak_lines)


def audit(table: Table, suppressed: Iterable[Key], relations: Iterable[Relation], *, threshold: int) -> Audit:
    """Check a suppression pattern, whoever produced it, against every test of the module's docstring."""
    _check_threshold(threshold)
    cells = _Cells(table, relations)
    hidden = cells.ids_of(suppressed)
    lines = _Lines(cells, threshold)
    lines.hide_all(hidden)
    view = cells.view(hidden)  # from the shown values only
    bounded = _Bounds(cells.count, hidden, view)
    return Audit(
        small_shown=frozenset(primary_suppression(table, threshold=threshold) - set(suppressed)),
        recoverable=frozenset(cells.keys[i] for i in _System(cells.count, hidden, view).solve()),
        pinned=frozenset(cells.keys[i] for i in bounded.pinned()),
        weak_lines=tuple(cells.relations[i] for i in range(len(cells.lines)) if lines.violated(i)),
    )


def ensure_safe(
    table: Table, suppressed: Iterable[Key], relations: Iterable[Relation], *, threshold: int
) -> None:
    """The assertion before publishing: raise `DisclosureError` unless the pattern passes `audit`."""
    result = audit(table, suppressed, relations, threshold=threshold)
    if not result.ok:
        raise DisclosureError(
            f"unsafe publication: {len(result.small_shown)} small cells shown, "
            f"{len(result.recoverable)} hidden cells recoverable, {len(result.pinned)} pinned by bounds, "
            f"{len(result.weak_lines)} weak lines"
        )


def publish(table: Table, suppressed: Iterable[Key]) -> dict[Key, int | None]:
    """The table as shown: hidden cells are None (rendered as one marker, "—", whatever hid them)."""
    hidden = set(suppressed)
    return {key: None if key in hidden else count for key, count in table.items()}


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError("threshold must be a positive integer")


# A line as the global checks see it: (total, its hidden parts, the sum of its shown parts), for the
# lines that hold a hidden cell. Cells are numbered (ints hash fast; the keys are tuples).
_Line = tuple[int, list[int], int]


class _Cells:
    """A checked table with its cells numbered and its relations in canonical order.

    Canonical: sorted by the total's ``repr``, then (one total, two lines) by the parts' ``repr``s, so
    the result does not depend on the order the caller lists relations in.
    """

    def __init__(self, table: Table, relations: Iterable[Relation]) -> None:
        self.keys: list[Key] = list(table)
        self.count: list[int] = list(table.values())
        self.id = {key: i for i, key in enumerate(self.keys)}
        self._names: dict[int, str] = {}
        for key, count in table.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"{key!r}: a count must be a non-negative integer, not {count!r}")
        self.relations = _canonical(relations)
        self.lines: list[tuple[int, list[int]]] = []  # (total, parts)
        for rel in self.relations:
            missing = [k for k in (rel.total, *rel.parts) if k not in self.id]
            if missing or not rel.parts or rel.total in rel.parts:
                raise ValueError(f"relation for {rel.total!r}: missing cells {missing!r} or malformed parts")
            parts = [self.id[p] for p in rel.parts]
            total = self.id[rel.total]
            if self.count[total] != sum(self.count[p] for p in parts):
                raise ValueError(f"{rel.total!r} is not the sum of its parts: the table is inconsistent")
            self.lines.append((total, parts))

    def name(self, i: int) -> str:
        """The key's ``repr``, computed once: the tie-break of every deterministic choice."""
        if i not in self._names:
            self._names[i] = repr(self.keys[i])
        return self._names[i]

    def ids_of(self, keys: Iterable[Key]) -> set[int]:
        try:
            return {self.id[key] for key in keys}
        except KeyError as missing:
            raise ValueError(f"{missing} is not a cell of the table") from None

    def view(self, hidden: set[int]) -> list[_Line]:
        """The lines that hold a hidden cell, from the shown values only."""
        view = []
        for total, parts in self.lines:
            hidden_parts = [p for p in parts if p in hidden]
            if hidden_parts or total in hidden:
                shown = sum(self.count[p] for p in parts if p not in hidden)
                view.append((total, hidden_parts, shown))
        return view


def _canonical(relations: Iterable[Relation]) -> list[Relation]:
    names: dict[Key, str] = {}

    def name(key: Key) -> str:
        if key not in names:
            names[key] = repr(key)
        return names[key]

    rels = sorted(set(relations), key=lambda rel: name(rel.total))
    for _name, group in itertools.groupby(range(len(rels)), key=lambda i: name(rels[i].total)):
        span = list(group)
        if len(span) > 1:
            rels[span[0] : span[-1] + 1] = sorted(
                rels[span[0] : span[-1] + 1], key=lambda rel: sorted(name(p) for p in rel.parts)
            )
    return rels


class _Lines:
    """The line rule, kept incrementally: per relation the hidden parts' count and sum."""

    def __init__(self, cells: _Cells, threshold: int) -> None:
        self.cells, self.k = cells, threshold
        self.count, self.lines = cells.count, cells.lines
        n = len(cells.lines)
        self.hidden: set[int] = set()
        self.parts: list[list[int]] = [[] for _line in range(n)]  # the hidden parts of each line
        self.total = [0] * n  # their sum
        self.part_of: list[list[int]] = [[] for _cell in cells.keys]  # the lines a cell is a part of
        self.total_of: list[list[int]] = [[] for _cell in cells.keys]  # the lines it is the total of
        # Each line's non-zero parts, cheapest first (sorted when first needed), and a cursor past the
        # ones already hidden.
        self.cheap: list[list[int] | None] = [None] * n
        self.cursor = [0] * n
        for i, (total, parts) in enumerate(cells.lines):
            self.total_of[total].append(i)
            for part in parts:
                self.part_of[part].append(i)
        self.touched: list[int] = []  # lines that gained a hidden cell since the last close()

    def cost(self, cell: int) -> tuple[int, str]:
        return self.count[cell], self.cells.name(cell)

    def hide_all(self, cells: Iterable[int]) -> None:
        for cell in cells:
            self.hide(cell)

    def hide(self, cell: int) -> None:
        if cell in self.hidden:
            return
        self.hidden.add(cell)
        count = self.count[cell]
        for i in self.part_of[cell]:
            self.parts[i].append(cell)
            self.total[i] += count
        self.touched += self.part_of[cell]
        self.touched += self.total_of[cell]

    def violated(self, i: int) -> bool:
        m = len(self.parts[i])
        if self.lines[i][0] in self.hidden:
            return m == 0
        return m > 0 and (m < 2 or self.total[i] - (m - 1) < self.k)

    def close(self) -> None:
        """Add complements until every line passes (lowest line first, so the result is deterministic)."""
        queue = sorted(set(self.touched))  # a sorted list is a heap
        self.touched = []
        while queue:
            i = heapq.heappop(queue)
            if self.violated(i):
                self.hide(self._complement(i))
                for j in self.touched:
                    heapq.heappush(queue, j)
                self.touched = []

    def _complement(self, i: int) -> int:
        """A shown non-zero part (see WINDOW); else the total; else (a hidden total of zeros) a zero part."""
        cheap = self.cheap[i]
        if cheap is None:
            cheap = self.cheap[i] = sorted((p for p in self.lines[i][1] if self.count[p]), key=self.cost)
        while self.cursor[i] < len(cheap) and cheap[self.cursor[i]] in self.hidden:
            self.cursor[i] += 1
        window = [c for c in cheap[self.cursor[i] : self.cursor[i] + WINDOW] if c not in self.hidden]
        if window:
            return min(window, key=lambda c: (self.opens(c), *self.cost(c)))
        total, parts = self.lines[i]
        if total not in self.hidden:
            return total
        return min((p for p in parts if p not in self.hidden), key=self.cost)

    def lines_of(self, cell: int) -> list[int]:
        return self.part_of[cell] + self.total_of[cell]

    def view(self, around: set[int] | None = None) -> list[_Line]:
        """The lines that hold a hidden cell (the sum of shown parts is the total less the hidden ones).

        With `around`, only the lines connected to those cells through hidden cells: the equations and
        the bounds split into such components, and a component without a newly hidden cell is unchanged
        since it was last checked (every exposed cell's complement is put in its own component).
        """
        if around is None:
            chosen = [
                i for i, (total, _parts) in enumerate(self.lines) if self.parts[i] or total in self.hidden
            ]
        else:
            chosen = sorted(self._component(around))
        return [
            (self.lines[i][0], self.parts[i], self.count[self.lines[i][0]] - self.total[i]) for i in chosen
        ]

    def _component(self, start: set[int]) -> set[int]:
        found: set[int] = set()
        seen, stack = set(start), list(start)
        while stack:
            for i in self.lines_of(stack.pop()):
                if i in found:
                    continue
                found.add(i)
                total = self.lines[i][0]
                for other in (total, *self.parts[i]) if total in self.hidden else self.parts[i]:
                    if other not in seen:
                        seen.add(other)
                        stack.append(other)
        return {i for i in found if self.parts[i] or self.lines[i][0] in self.hidden}

    def opens(self, cell: int) -> int:
        """How many lines, now untouched, hiding `cell` would open (each then needs a complement)."""
        return sum(
            1 for i in self.lines_of(cell) if not self.parts[i] and self.lines[i][0] not in self.hidden
        )

    def protect(self, exposed: set[int]) -> None:
        """One complement near each exposed cell, unless one put in this round is at least as near as any
        shown cell (it may cover this one too: the next round tells)."""
        added: set[int] = set()
        for cell in sorted(exposed, key=self.cells.name):
            complement = self.complement_near(cell, added)
            if complement is not None:
                self.hide(complement)
                added.add(complement)
        if not added:
            names = sorted(map(self.cells.name, exposed))
            raise DisclosureError(f"{', '.join(names)} cannot be protected: nothing left to hide")

    def complement_near(self, cell: int, added: set[int]) -> int | None:
        """The cheapest shown non-zero cell in the nearest lines of an exposed cell.

        Its own lines first; if they hold nothing shown and non-zero, the lines of the hidden cells in
        them, and so on outwards. None if a cell in `added` is as near; a zero only when no non-zero
        cell is left anywhere near.
        """
        seen_lines: set[int] = set()
        seen_cells, ring = {cell}, [cell]
        zeros: list[int] = []
        while ring:
            shown: list[int] = []
            next_ring = []
            for hidden in ring:
                for i in self.lines_of(hidden):
                    if i in seen_lines:
                        continue
                    seen_lines.add(i)
                    for other in (self.lines[i][0], *self.lines[i][1]):
                        if other in self.hidden and other not in seen_cells:
                            seen_cells.add(other)
                            next_ring.append(other)
                        elif other not in self.hidden:
                            (shown if self.count[other] else zeros).append(other)
            if added & seen_cells:
                return None
            if shown:
                return min(shown, key=self.cost)
            ring = next_ring
        return min(zeros, key=self.cost) if zeros else None


class _Bounds:
    """Interval propagation over the relations (bounds consistency), driven by a work list of lines."""

    def __init__(self, count: list[int], hidden: set[int], lines: list[_Line]) -> None:
        self.count, self.hidden, self.lines = count, hidden, lines
        self.member: dict[int, list[int]] = defaultdict(list)  # the hidden cells of these lines
        for i, (total, parts, _shown) in enumerate(lines):
            for key in (total, *parts) if total in hidden else parts:
                self.member[key].append(i)
        # Whole numbers throughout; float only so that an upper bound can be math.inf.
        self.low: dict[int, float] = {key: min(1, count[key]) for key in self.member}
        self.high: dict[int, float] = dict.fromkeys(self.member, math.inf)

    def solve(self) -> None:
        """Tighten until nothing moves. Bounds only narrow, by whole units, and always hold the true
        value (the starting ones do), so this ends; the fixed point does not depend on the order."""
        queue = set(range(len(self.lines)))
        while queue:
            for key in self._tighten(queue.pop()):
                queue.update(self.member[key])

    def pinned(self) -> set[int]:
        self.solve()
        return {key for key in self.member if self.low[key] == self.high[key]}

    def _span(self, key: int) -> tuple[float, float]:
        if key in self.hidden:
            return self.low[key], self.high[key]
        return self.count[key], self.count[key]

    def _tighten(self, i: int) -> list[int]:
        """One line's bounds; the cells whose bounds moved.

        Each bound is computed from values no tighter than the current ones (a part's new upper bound
        from the lower bounds, its new lower bound from the upper bounds as they were): sound, and the
        line is queued again whenever one of its cells moved, so the fixed point is the same.
        """
        total, parts, shown = self.lines[i]
        low, high = self.low, self.high
        t_low, t_high = self._span(total)
        low_sum = shown + sum(low[p] for p in parts)
        unbounded = [p for p in parts if high[p] == math.inf]
        finite_high = shown + sum(high[p] for p in parts if high[p] != math.inf)
        moved = []
        if total in self.hidden:
            new_high = finite_high if not unbounded else math.inf
            if low_sum > t_low or new_high < t_high:
                low[total], high[total] = max(t_low, low_sum), min(t_high, new_high)
                moved.append(total)
        slack = t_high - low_sum  # what the total leaves for any one part above its lower bound
        if slack != math.inf:
            for p in parts:
                if low[p] + slack < high[p]:
                    high[p] = low[p] + slack
                    moved.append(p)
        if len(unbounded) <= 1:
            excess = t_low - finite_high  # what the total needs from one part beyond the others' maximum
            for p in unbounded or parts:
                floor = excess + (0 if p in unbounded else high[p])
                if floor > low[p]:
                    low[p] = floor
                    moved.append(p)
        return moved


class _System:
    """Sparse linear equations over the integers, solved by Gauss-Jordan elimination.

    Rows are eliminated shortest first, each on the variable that occurs in the fewest rows (Markowitz's
    rule, which keeps the fill-in of these ±1 systems small); rows are kept primitive (gcd 1), so the
    coefficients stay small and no fraction appears until a solved value is read off.
    """

    def __init__(self, count: list[int], hidden: set[int], lines: list[_Line]) -> None:
        self.rows: list[dict[int, int]] = []
        self.rhs: list[int] = []
        self.where: dict[int, set[int]] = defaultdict(set)
        for total, parts, shown in lines:
            # sum(hidden parts) - [hidden total] = [shown total] - sum(shown parts)
            row = dict.fromkeys(parts, 1)
            if total in hidden:
                row[total] = -1
                self._add(row, -shown)
            else:
                self._add(row, count[total] - shown)

    def _add(self, row: dict[int, int], rhs: int) -> None:
        index = len(self.rows)
        self.rows.append(row)
        self.rhs.append(rhs)
        for var in row:
            self.where[var].add(index)

    def solve(self) -> dict[int, Fraction]:
        """The variables the equations determine, with their values."""
        pending = [(len(row), i) for i, row in enumerate(self.rows)]
        heapq.heapify(pending)
        pivots: dict[int, int] = {}
        while pending:
            length, i = heapq.heappop(pending)
            row = self.rows[i]
            if length != len(row):
                heapq.heappush(pending, (len(row), i))
                continue
            if not row:
                continue  # a dependent equation (its right-hand side is 0 for a consistent table)
            # Any pivot gives the same answer (the determined set is a property of the system).
            var = min(row, key=lambda v: len(self.where[v]))
            for other in sorted(self.where[var] - {i}):
                self._eliminate(other, i, var)
            pivots[i] = var
        return {
            var: Fraction(self.rhs[i], self.rows[i][var])
            for i, var in pivots.items()
            if len(self.rows[i]) == 1
        }

    def _eliminate(self, target: int, source: int, var: int) -> None:
        """Remove `var` from row `target` using row `source`: target := a*target - b*source, reduced."""
        row, pivot_row = self.rows[target], self.rows[source]
        a, b = pivot_row[var], row[var]
        if b % a == 0:
            scale, factor = 1, b // a
        else:
            scale, factor = a, b
            for v in row:
                row[v] *= scale
            self.rhs[target] *= scale
        for v, c in pivot_row.items():
            value = row.get(v, 0) - factor * c
            if value:
                if v not in row:
                    self.where[v].add(target)
                row[v] = value
            elif v in row:
                del row[v]
                self.where[v].discard(target)
        self.rhs[target] -= factor * self.rhs[source]
        if scale != 1:
            divisor = math.gcd(self.rhs[target], *row.values())
            if divisor > 1:
                for v in row:
                    row[v] //= divisor
                self.rhs[target] //= divisor
