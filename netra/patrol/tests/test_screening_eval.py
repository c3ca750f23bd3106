"""The screening engine measured on the held-aside split of its labelled set, next to a plain keyword
baseline, computed here (nothing hard-coded). The split was written by template (see
netra/patrol/screening/data/make_labelled.py): a test post never shares its wording with a training post.

The floors are below the figures seen when this was written (test: rules F1 ≈ 0.89, full ≈ 0.93,
baseline ≈ 0.55 on 217 posts; fresh: see its fixture) so that they catch a regression, not noise.
"""

import pytest

from netra.patrol.screening import evaluate, screen_many, screen_rules_only


def _measure(split, *, full=True):
    rows = evaluate.items(split)
    measured = {
        "rows": rows,
        "baseline": evaluate.score(
            rows, evaluate.predict(rows, lambda t, r: [evaluate.keyword_baseline(x, r) for x in t])
        ),
        "rules": evaluate.score(
            rows, evaluate.predict(rows, lambda t, r: [screen_rules_only(x, r) for x in t])
        ),
    }
    if full:  # the model costs ~30 ms a post: CI measures it on two splits, the bench on all three
        measured["full"] = evaluate.score(rows, evaluate.predict(rows, screen_many))
    return measured


@pytest.fixture(scope="module")
def held_aside():
    assert len(evaluate.items("test")) >= 150
    return _measure("test")


@pytest.fixture(scope="module")
def fresh():
    """The second held-aside split (195 posts): measured once (rules F1 0.71, full 0.79, baseline 0.45),
    then the engine was fixed for what it showed (now rules ≈ 0.89, full ≈ 0.94)."""
    assert len(evaluate.items("fresh")) >= 150
    return _measure("fresh", full=False)


@pytest.fixture(scope="module")
def fresh2():
    """The third held-aside split (161 posts): measured once before any fix (rules F1 0.55, full 0.57,
    baseline 0.45), then the engine was fixed for what it showed (now rules ≈ 0.78, full ≈ 0.80)."""
    assert len(evaluate.items("fresh2")) >= 150
    return _measure("fresh2", full=False)


@pytest.fixture(scope="module")
def fresh3():
    """The fourth held-aside split (144 posts), written and committed before the engine was measured on
    it (rules F1 ≈ 0.88, full ≈ 0.97, baseline ≈ 0.48; small: 37 support posts)."""
    assert len(evaluate.items("fresh3")) >= 120
    return _measure("fresh3")


def test_the_set_is_large_varied_and_split_by_template():
    rows = evaluate.items()
    assert len(rows) >= 600
    assert {r.registry for r in rows} == set(evaluate.registries())
    assert {r.label for r in rows} == {"support", "against", "neutral"}
    train_templates = {r.template for r in evaluate.items("train") if r.category != "hand"}
    test_templates = {r.template for r in evaluate.items("test") if r.category != "hand"}
    assert not train_templates & test_templates
    fresh_templates = {r.template for split in ("fresh", "fresh2", "fresh3") for r in evaluate.items(split)}
    assert not train_templates & fresh_templates
    assert 0.2 <= len(evaluate.items("test")) / len(evaluate.items("train") + evaluate.items("test")) <= 0.4


def test_full_path_beats_the_keyword_baseline(held_aside):
    full, rules, baseline = held_aside["full"], held_aside["rules"], held_aside["baseline"]
    print(f"\nbaseline {baseline.line()}\nrules    {rules.line()}\nfull     {full.line()}")
    assert full.f1 >= 0.75
    assert full.f1 >= baseline.f1 + 0.15
    assert rules.f1 >= baseline.f1 + 0.10
    assert full.f1 >= rules.f1  # the model adds to the rules, not only costs
    assert full.precision >= 0.8


def test_everyday_posts_are_almost_never_flagged(held_aside):
    assert held_aside["full"].everyday >= 50
    assert held_aside["full"].everyday_fp_rate <= 0.01
    assert held_aside["rules"].everyday_fp_rate <= 0.01


def test_on_the_fresh_split_too(fresh):
    rules, baseline = fresh["rules"], fresh["baseline"]
    print(f"\nfresh baseline {baseline.line()}\nfresh rules    {rules.line()}")
    assert rules.f1 >= 0.75
    assert rules.f1 >= baseline.f1 + 0.15
    assert rules.everyday >= 40
    assert rules.everyday_fp_rate <= 0.01


def test_on_the_fresh2_split_too(fresh2):
    rules, baseline = fresh2["rules"], fresh2["baseline"]
    print(f"\nfresh2 baseline {baseline.line()}\nfresh2 rules    {rules.line()}")
    assert rules.f1 >= baseline.f1 + 0.15
    assert rules.precision >= 0.75
    assert rules.everyday_fp_rate <= 0.01


def test_on_unseen_phrasing(fresh3):
    """The split nobody tuned on: the full path well above the baseline, the model adding to the rules."""
    full, rules, baseline = fresh3["full"], fresh3["rules"], fresh3["baseline"]
    print(
        f"\nfresh3 baseline {baseline.line()}\nfresh3 rules    {rules.line()}\nfresh3 full     {full.line()}"
    )
    assert full.f1 >= 0.75
    assert full.f1 >= baseline.f1 + 0.15
    assert rules.f1 >= baseline.f1 + 0.10
    assert full.f1 >= rules.f1
    assert full.precision >= 0.8
    assert full.everyday >= 40
    assert full.everyday_fp_rate <= 0.01
