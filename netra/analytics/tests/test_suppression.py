"""Small-cell and complementary suppression (issue 11), attacked three ways.

The engine's own checks (`recoverable`: sparse Gauss-Jordan; `bounds`: interval propagation) are compared
with a textbook dense elimination over fractions written here, and all of them with an exhaustive
attacker on tiny tables: it tries every non-negative integer table that agrees with what is shown
(knowing, as every reader does, that a hidden cell holds at least 1 because zeros are shown) and reports
the hidden cells that only one value fits. No database.
"""

import itertools
import random
import time
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.analytics.suppression import (
    ALL,
    DisclosureError,
    Relation,
    audit,
    bounds,
    complete_table,
    disclosed,
    ensure_safe,
    flat,
    pinned,
    primary_suppression,
    publish,
    recoverable,
    regions,
    relations_1d,
    relations_2d,
    relations_for,
    suppress,
)

K = 5


def one_way(counts: dict[str, int]):
    table = {(name,): n for name, n in counts.items()} | {(ALL,): sum(counts.values())}
    return table, relations_1d(counts)


def two_way(grid: list[list[int]]):
    rows, cols = [f"r{i}" for i in range(len(grid))], [f"c{j}" for j in range(len(grid[0]))]
    leaf = {(r, c): grid[i][j] for i, r in enumerate(rows) for j, c in enumerate(cols)}
    dims = (flat(rows), flat(cols))
    return complete_table(leaf, *dims), relations_for(*dims)


# --- The attackers -------------------------------------------------------------------------------------


def dense_determined(table, hidden, relations) -> set:
    """Textbook Gauss-Jordan over fractions on the dense matrix (independent of the engine's sparse one)."""
    cells = sorted(hidden, key=repr)
    column = {key: j for j, key in enumerate(cells)}
    matrix = []
    for rel in relations:
        row = [Fraction(0)] * len(cells)
        for part in rel.parts:
            if part in column:
                row[column[part]] += 1
        if rel.total in column:
            row[column[rel.total]] -= 1
        matrix.append(row)
    pivot_row = 0
    pivots = {}
    for j in range(len(cells)):
        found = next((i for i in range(pivot_row, len(matrix)) if matrix[i][j]), None)
        if found is None:
            continue
        matrix[pivot_row], matrix[found] = matrix[found], matrix[pivot_row]
        lead = matrix[pivot_row][j]
        matrix[pivot_row] = [x / lead for x in matrix[pivot_row]]
        for i in range(len(matrix)):
            if i != pivot_row and matrix[i][j]:
                factor = matrix[i][j]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[pivot_row], strict=True)]
        pivots[j] = pivot_row
        pivot_row += 1
    return {cells[j] for j, i in pivots.items() if sum(1 for x in matrix[i] if x) == 1}


class BruteForce:
    """Every non-negative integer table that shows what was shown and satisfies every relation.

    Hidden cells are tried one by one; a relation with one unknown left forces it (propagation, not
    algebra). With `positive` the attacker also uses "a hidden cell is at least 1" (zeros are shown; a
    zero hidden anyway is known to them as such: a stronger attacker). `explore` stops as soon as every
    hidden cell has been seen with two values, one of them at least k, unless asked for every solution.
    """

    def __init__(self, table, hidden, relations, *, positive=True, threshold=K):
        self.shown = {key: n for key, n in table.items() if key not in hidden}
        self.hidden = sorted(hidden, key=repr)
        self.relations = relations
        self.low = {key: min(1, table[key]) if positive else 0 for key in hidden}
        self.bound = sum(table.values())  # a box that holds the true table: a safe over-approximation
        self.k = threshold
        self.seen = {key: set() for key in self.hidden}

    def value(self, key, values):
        return self.shown[key] if key in self.shown else values.get(key)

    def explore(self, *, every=False) -> dict:
        self.every = every
        self._search({})
        return self.seen

    def disclosed(self) -> set:
        """Hidden cells that only one value fits."""
        seen = self.explore()
        assert all(seen.values()), "the true table itself must be among the solutions"
        return {key for key, values in seen.items() if len(values) == 1}

    def small(self) -> set:
        """Hidden cells the attacker can bound below k (all that fits is a small count)."""
        return {key for key, values in self.explore().items() if max(values) < self.k}

    def _done(self) -> bool:
        return not self.every and all(len(v) >= 2 and max(v) >= self.k for v in self.seen.values())

    def _search(self, values) -> bool:
        values = self._propagate(dict(values))
        if values is None:
            return False
        free = [key for key in self.hidden if key not in values]
        if not free:
            for key in self.hidden:
                self.seen[key].add(values[key])
            return self._done()
        guesses = range(self.low[free[0]], self.bound + 1)
        return any(self._search({**values, free[0]: guess}) for guess in guesses)

    def _propagate(self, values):
        changed = True
        while changed:
            changed = False
            for rel in self.relations:
                total = self.value(rel.total, values)
                parts = [self.value(p, values) for p in rel.parts]
                unknown = [p for p in rel.parts if self.value(p, values) is None]
                known_sum = sum(x for x in parts if x is not None)
                if total is None:
                    if not unknown:
                        values[rel.total] = known_sum
                        changed = True
                    continue
                if known_sum + sum(self.low[p] for p in unknown) > total:
                    return None
                if len(unknown) == 1:
                    values[unknown[0]] = total - known_sum
                    changed = True
        if any(values[key] < self.low[key] or values[key] > self.bound for key in values):
            return None
        return values


# --- Shapes ----------------------------------------------------------------------------------------------


def test_relations_of_a_two_way_table():
    rels = relations_2d(["a", "b"], ["x", "y", "z"])
    by_total = {}
    for rel in rels:
        by_total.setdefault(rel.total, []).append(rel.parts)
    assert by_total[("a", ALL)] == [frozenset({("a", "x"), ("a", "y"), ("a", "z")})]
    assert by_total[(ALL, "y")] == [frozenset({("a", "y"), ("b", "y")})]
    # The grand total adds up both ways: the sum of row totals and the sum of column totals.
    assert sorted(map(sorted, by_total[(ALL, ALL)])) == [
        [(ALL, "x"), (ALL, "y"), (ALL, "z")],
        [("a", ALL), ("b", ALL)],
    ]
    assert len(rels) == 3 + 4  # a row relation per row value (incl. totals), a column relation per column


def test_region_hierarchy_adds_the_missing_parents():
    dim = regions(["64.71.01", "64.71.02", "64.72", "33.03"])
    assert dim.values == ("33", "33.03", "64", "64.71", "64.71.01", "64.71.02", "64.72", ALL)
    assert dict(dim.groups) == {
        "33": ("33.03",),
        "64": ("64.71", "64.72"),
        "64.71": ("64.71.01", "64.71.02"),
        ALL: ("33", "64"),
    }


def test_complete_table_sums_every_level():
    dims = (regions(["64.71", "64.72", "33.03"]), flat(["netralitas", "kampanye"]))
    table = complete_table(
        {("64.71", "netralitas"): 3, ("64.72", "netralitas"): 4, ("33.03", "kampanye"): 9}, *dims
    )
    assert table[("64", "netralitas")] == 7
    assert table[("64", ALL)] == 7
    assert table[(ALL, ALL)] == 16
    assert table[("33", "netralitas")] == 0
    for rel in relations_for(*dims):
        assert table[rel.total] == sum(table[p] for p in rel.parts)
    with pytest.raises(ValueError, match="not a leaf"):
        complete_table({("64", "netralitas"): 1}, *dims)


def test_bad_input_is_refused():
    table, rels = one_way({"a": 3, "b": 10})
    with pytest.raises(ValueError, match="inconsistent"):
        suppress({**table, ("a",): 4}, rels, threshold=K)
    with pytest.raises(ValueError, match="non-negative"):
        suppress({**table, ("a",): -1, ("b",): 14}, rels, threshold=K)
    with pytest.raises(ValueError, match="threshold"):
        suppress(table, rels, threshold=0)
    with pytest.raises(ValueError, match="missing"):
        suppress(table, [*rels, Relation(("z",), frozenset({("a",)}))], threshold=K)


# --- Hand-made tables --------------------------------------------------------------------------------------


def test_one_small_cell_takes_the_cheapest_shown_cell_with_it():
    table, rels = one_way({"a": 3, "b": 12, "c": 10, "d": 0})
    hidden = suppress(table, rels, threshold=K)
    # 3 alone would be the total minus the shown cells; 10 is the cheapest non-zero complement; the zero
    # stays shown (it is no complement: a + 0 would still be 3).
    assert hidden == {("a",), ("c",)}
    assert publish(table, hidden) == {("a",): None, ("b",): 12, ("c",): None, ("d",): 0, (ALL,): 25}
    assert BruteForce(table, hidden, rels).disclosed() == set()


def test_two_small_cells_in_a_line_are_not_enough_when_their_sum_is_small():
    # Hidden 1 and 1 under a shown total: the reader computes their sum (2) and, each being at least 1,
    # both values. The line rule asks for a third cell.
    table, rels = one_way({"a": 1, "b": 1, "c": 20})
    assert BruteForce(table, {("a",), ("b",)}, rels).disclosed() == {("a",), ("b",)}
    assert recoverable(table, {("a",), ("b",)}, rels) == set()  # linear algebra alone misses it
    assert not audit(table, {("a",), ("b",)}, rels, threshold=K).ok
    hidden = suppress(table, rels, threshold=K)
    assert hidden == {("a",), ("b",), ("c",)}
    assert BruteForce(table, hidden, rels).disclosed() == set()


def test_a_small_total_is_hidden_with_its_parts():
    table, rels = one_way({"a": 2, "b": 0, "c": 0})
    assert suppress(table, rels, threshold=K) == {("a",), (ALL,)}


def test_zeros_are_shown_and_nothing_small_is():
    table, rels = two_way([[0, 7, 2], [0, 9, 11], [0, 0, 6]])
    hidden = suppress(table, rels, threshold=K)
    assert all(table[key] for key in hidden)
    assert all(table[key] == 0 or table[key] >= K for key in table if key not in hidden)


def test_primary_suppression_alone_is_recoverable():
    """Why complements are needed: hide only the small cells and a reader subtracts them back."""
    table, rels = two_way([[3, 12, 9], [8, 15, 20], [10, 6, 14]])
    primary = primary_suppression(table, threshold=K)
    assert primary == {("r0", "c0")}
    # Row r0's total minus its two shown cells: 24 - 12 - 9.
    assert disclosed(table, primary, rels) == {("r0", "c0"): 3}
    assert BruteForce(table, primary, rels).disclosed() == primary
    with pytest.raises(DisclosureError):
        ensure_safe(table, primary, rels, threshold=K)

    hidden = suppress(table, rels, threshold=K)
    # The classic pattern: a rectangle of four hidden cells, each line holding two of them. Column c0
    # takes its cheapest cell (8), row r0 its cheapest (9); row r1 then takes 20 over the cheaper 15,
    # because 20 closes the rectangle in column c2 while 15 would open column c1.
    assert hidden == {("r0", "c0"), ("r0", "c2"), ("r1", "c0"), ("r1", "c2")}
    assert recoverable(table, hidden, rels) == set()
    assert BruteForce(table, hidden, rels).disclosed() == set()
    ensure_safe(table, hidden, rels, threshold=K)


def test_inequalities_pin_what_algebra_cannot():
    """The grand total 3 is shown; its three hidden leaf cells are each at least 1, so each is 1. No line
    fails the line rule and no equation isolates a cell: only the bounds see it."""
    table, rels = two_way([[0, 1], [1, 1]])
    hidden = {key for key, n in table.items() if n and key != (ALL, ALL)}
    assert audit(table, hidden, rels, threshold=2).weak_lines == ()
    assert recoverable(table, hidden, rels) == set()
    assert pinned(table, hidden, rels) == hidden
    assert bounds(table, hidden, rels)[("r1", ALL)] == (2, 2)
    assert BruteForce(table, hidden, rels, threshold=2).disclosed() == hidden
    protected = suppress(table, rels, threshold=2)
    assert protected == hidden | {(ALL, ALL)}  # nothing is left to publish but the zero
    assert pinned(table, protected, rels) == set()


def test_bounds_of_a_line():
    table, rels = one_way({"a": 3, "b": 12, "c": 10, "d": 0})
    # a + c = 25 - 12 - 0 = 13 and each is at least 1.
    assert bounds(table, {("a",), ("c",)}, rels) == {("a",): (1, 12), ("c",): (1, 12)}
    # Hide the total too and nothing bounds them from above.
    assert bounds(table, {("a",), ("c",), (ALL,)}, rels) == {
        ("a",): (1, None),
        ("c",): (1, None),
        (ALL,): (14, None),
    }


def test_the_line_rule_alone_misses_a_bridge():
    """Two rectangles joined by one cell: every line holds two hidden cells, yet the joining cell is the
    sum of rows r0, r1 minus the sum of columns c0, c1 (Cox 1980). The global check adds a complement."""
    grid = [
        [3, 4, 40, 50, 60],
        [4, 3, 4, 70, 80],
        [90, 91, 3, 4, 92],
        [93, 94, 4, 3, 95],
    ]
    table, rels = two_way(grid)
    primary = primary_suppression(table, threshold=K)
    assert audit(table, primary, rels, threshold=K).weak_lines == ()  # the line rule is satisfied
    assert disclosed(table, primary, rels) == {("r1", "c2"): 4}
    assert dense_determined(table, primary, rels) == {("r1", "c2")}
    hidden = suppress(table, rels, threshold=K)
    assert hidden > primary
    assert recoverable(table, hidden, rels) == set()
    assert audit(table, hidden, rels, threshold=K).ok


def test_differencing_attack_on_every_hidden_cell_fails():
    table, rels = two_way([[1, 6, 0], [7, 2, 9], [0, 5, 3]])
    hidden = suppress(table, rels, threshold=K)
    assert primary_suppression(table, threshold=K) <= hidden
    assert recoverable(table, hidden, rels) == set()
    assert dense_determined(table, hidden, rels) == set()
    attacker = BruteForce(table, hidden, rels)
    assert attacker.disclosed() == set()
    assert attacker.small() == set()  # nor can any hidden cell be bounded below k


def test_province_and_kabkota():
    """Kalimantan Timur (64) and Jawa Tengah (33) by kab/kota and category, with province and national
    totals: a small kab/kota cell must not come back from its province's column either."""
    dims = (regions(["64.71", "64.72", "33.02", "33.03"]), flat(["mobilisasi", "medsos"]))
    leaf = {
        ("64.71", "mobilisasi"): 2,
        ("64.71", "medsos"): 9,
        ("64.72", "mobilisasi"): 6,
        ("64.72", "medsos"): 7,
        ("33.02", "mobilisasi"): 12,
        ("33.02", "medsos"): 1,
        ("33.03", "mobilisasi"): 8,
        ("33.03", "medsos"): 10,
    }
    table, rels = complete_table(leaf, *dims), relations_for(*dims)
    assert table[("64", "mobilisasi")] == 8
    assert table[(ALL, ALL)] == 55
    primary = primary_suppression(table, threshold=K)
    assert primary == {("64.71", "mobilisasi"), ("33.02", "medsos")}
    assert disclosed(table, primary, rels) == {("64.71", "mobilisasi"): 2, ("33.02", "medsos"): 1}
    hidden = suppress(table, rels, threshold=K)
    assert audit(table, hidden, rels, threshold=K).ok
    assert dense_determined(table, hidden, rels) == set()
    assert BruteForce(table, hidden, rels).disclosed() == set()
    # Province and national totals stay shown: the complements are found inside each province.
    assert {key for key in hidden if key[0] in ("33", "64", ALL)} == set()


def test_result_does_not_depend_on_the_order_of_relations():
    table, rels = two_way([[1, 6, 0, 4], [7, 2, 9, 8], [0, 5, 3, 30]])
    expected = suppress(table, rels, threshold=K)
    for seed in range(5):
        shuffled = list(rels)
        random.Random(seed).shuffle(shuffled)
        assert suppress(dict(reversed(table.items())), shuffled, threshold=K) == expected


def test_filters_as_a_dimension():
    """Two elections and their sum: protected as one table, no small cell comes back by subtracting one
    election's view from the all-elections view."""
    dims = (flat(["pilkada2020", "pemilu2024"]), flat(["33", "64"]), flat(["a", "b"]))
    leaf = {
        ("pilkada2020", "33", "a"): 9,
        ("pilkada2020", "33", "b"): 3,
        ("pilkada2020", "64", "a"): 11,
        ("pilkada2020", "64", "b"): 7,
        ("pemilu2024", "33", "a"): 12,
        ("pemilu2024", "33", "b"): 6,
        ("pemilu2024", "64", "a"): 8,
        ("pemilu2024", "64", "b"): 10,
    }
    table, rels = complete_table(leaf, *dims), relations_for(*dims)
    hidden = suppress(table, rels, threshold=K)
    assert audit(table, hidden, rels, threshold=K).ok
    assert dense_determined(table, hidden, rels) == set()


def test_six_hundred_regions_by_twenty_categories_is_fast():
    """Guards against a slip into quadratic work (the figures for the report come from bench runs)."""
    rng = random.Random(11)
    kabs = [f"{11 + i % 38:02d}.{10 + i // 38:02d}" for i in range(600)]
    cats = [f"k{j:02d}" for j in range(20)]
    leaf = {(kab, cat): rng.choice((0, 0, 0, 1, 1, 2, 3, 4, 6, 9, 15)) for kab in kabs for cat in cats}
    dims = (regions(kabs), flat(cats))
    table, rels = complete_table(leaf, *dims), relations_for(*dims)
    start = time.perf_counter()
    hidden = suppress(table, rels, threshold=K)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    assert recoverable(table, hidden, rels) == set()


# --- Properties over random small tables -----------------------------------------------------------------

counts = st.sampled_from((0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12))
thresholds = st.integers(min_value=2, max_value=6)


@st.composite
def two_way_tables(draw, max_rows=4, max_cols=4):
    rows = draw(st.integers(min_value=1, max_value=max_rows))
    cols = draw(st.integers(min_value=1, max_value=max_cols))
    return two_way([[draw(counts) for _ in range(cols)] for _ in range(rows)])


@st.composite
def hierarchical_tables(draw):
    provinces = draw(st.integers(min_value=1, max_value=3))
    kabs = [f"{60 + p}.{71 + j}" for p in range(provinces) for j in range(draw(st.integers(1, 3)))]
    cats = [f"k{j}" for j in range(draw(st.integers(min_value=1, max_value=3)))]
    dims = (regions(kabs), flat(cats))
    leaf = {(kab, cat): draw(counts) for kab in kabs for cat in cats}
    return complete_table(leaf, *dims), relations_for(*dims)


tables = st.one_of(
    st.builds(one_way, st.dictionaries(st.sampled_from("abcdef"), counts, min_size=1)),
    two_way_tables(),
    hierarchical_tables(),
)


@given(tables, thresholds, st.randoms(use_true_random=False))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_safe_and_deterministic(shape, k, rng):
    table, rels = shape
    hidden = suppress(table, rels, threshold=k)
    shown = [n for key, n in table.items() if key not in hidden]
    assert not [n for n in shown if 0 < n < k]  # (1) no small cell shown
    assert recoverable(table, hidden, rels) == set()  # (2) nothing computable
    assert dense_determined(table, hidden, rels) == set()
    assert audit(table, hidden, rels, threshold=k).ok
    shuffled = list(rels)
    rng.shuffle(shuffled)
    assert suppress(table, shuffled, threshold=k) == hidden  # (3) deterministic


@given(st.one_of(two_way_tables(max_rows=3, max_cols=3), hierarchical_tables()), thresholds)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_exhaustive_attacker_pins_nothing(shape, k):
    table, rels = shape
    if sum(table.values()) > 60:
        return  # keep the exhaustive search small
    hidden = suppress(table, rels, threshold=k)
    attacker = BruteForce(table, hidden, rels, threshold=k)
    assert attacker.disclosed() == set()


@given(two_way_tables(max_rows=3, max_cols=4), st.randoms(use_true_random=False))
@settings(max_examples=200, deadline=None)
def test_property_verifier_agrees_with_dense_elimination(shape, rng):
    """For any pattern (not only the engine's), the sparse verifier finds exactly what the dense one does,
    with the true values, and whatever it finds an exhaustive attacker finds too."""
    table, rels = shape
    hidden = {key for key in table if rng.random() < 0.4}
    found = disclosed(table, hidden, rels)
    assert set(found) == dense_determined(table, hidden, rels)
    assert all(table[key] == value for key, value in found.items())
    if len(hidden) <= 6 and sum(table.values()) <= 40:
        assert set(found) <= BruteForce(table, hidden, rels, positive=False).disclosed()


@given(two_way_tables(max_rows=2, max_cols=3), st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_property_bounds_are_sound(shape, rng):
    """Every table an exhaustive attacker finds lies within `bounds`, and whatever `bounds` pins, the
    attacker pins too: the intervals never claim more than is true."""
    table, rels = shape
    hidden = {key for key in table if rng.random() < 0.5}
    if len(hidden) > 6 or sum(table.values()) > 30:
        return
    found = bounds(table, hidden, rels)
    assert all(
        low <= table[key] and (high is None or table[key] <= high) for key, (low, high) in found.items()
    )
    seen = BruteForce(table, hidden, rels).explore(every=True)
    for key, values in seen.items():
        low, high = found[key]
        assert low <= min(values)
        assert high is None or max(values) <= high
    assert pinned(table, hidden, rels) <= {key for key, values in seen.items() if len(values) == 1}


def test_cross_product_keys_are_complete():
    dims = (flat(["a", "b"]), regions(["64.71"]))
    cells = set(itertools.product(*(d.values for d in dims)))
    for rel in relations_for(*dims):
        assert {rel.total, *rel.parts} <= cells
