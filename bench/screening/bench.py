"""bench/screening (see run): throughput of the screening engine's paths on one core next to the bare
model call, and quality on the held-aside split next to the keyword baseline, all in the same run.

Throughput is reported twice: wall-clock posts/s, and posts per CPU-second of this process (what one
core does when it is not shared; on a busy machine the two differ, and the CPU figure is the capacity).
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from netra.patrol.screening import evaluate, model, screen_many, screen_rules_only  # noqa: E402
from netra.patrol.screening.rules import matcher_for, screen_rules  # noqa: E402

RULE_PASSES = int(os.environ.get("BENCH_RULE_PASSES", "20"))
MODEL_POSTS = int(os.environ.get("BENCH_MODEL_POSTS", "200"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def by_registry(rows):
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row.registry, []).append(row.text)
    return groups


def run_path(groups, use_model: bool) -> int:
    regs = evaluate.registries()
    n = 0
    for name, texts in groups.items():
        n += len(screen_many(texts, regs[name], use_model=use_model))
    return n


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:9.1f}" if seconds > 0 else "      inf"


def main() -> None:
    rows = evaluate.items()
    regs = evaluate.registries()
    affinity = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(
        f"screening bench: {len(rows)} labelled posts, {len(regs)} registries, CPUs {affinity}, "
        f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '-')}, load {os.getloadavg()[0]:.1f}"
    )
    model.embed(["pemanasan"])  # load the model once, outside the timings
    run_path(by_registry(rows[:50]), use_model=False)  # compile the registries outside the timings

    print("\nthroughput                          posts   wall posts/s   CPU posts/s")
    rule_rows = list(rows) * RULE_PASSES
    n, wall, cpu = timed(lambda: run_path(by_registry(rule_rows), use_model=False))
    print(f"rules path                        {n:7d}      {rate(n, wall)}     {rate(n, cpu)}")
    rules_cpu_rate = n / cpu

    count = min(MODEL_POSTS, len(rows))
    sample = [rows[i * len(rows) // count] for i in range(count)]  # spread over every category
    texts = [r.text for r in sample]
    gated = [r.text for r in sample if gate(r)]
    # the three model timings alternate, REPEAT rounds, and each keeps its best (least disturbed) round:
    # on a shared machine other processes take the core for a while, and the ratio should not depend on
    # which timing they happened to hit
    runs = {
        "bare": lambda: model.embed(texts),
        "gated": lambda: model.embed(gated),
        "full": lambda: run_path(by_registry(sample), use_model=True),
    }
    best = {name: (float("inf"), float("inf")) for name in runs}
    for _ in range(REPEAT):
        for name, fn in runs.items():
            _, wall, cpu = timed(fn)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    (bare_wall, bare_cpu), (gated_wall, gated_cpu), (full_wall, full_cpu) = (
        best["bare"],
        best["gated"],
        best["full"],
    )
    n = len(texts)
    print(f"bare model call (all posts)       {n:7d}      {rate(n, bare_wall)}     {rate(n, bare_cpu)}")
    print(
        f"bare model call (gated posts)     {len(gated):7d}      {rate(len(gated), gated_wall)}     "
        f"{rate(len(gated), gated_cpu)}"
    )
    print(f"full path (rules + gated model)   {n:7d}      {rate(n, full_wall)}     {rate(n, full_cpu)}")
    print(f"(model timings: best of {REPEAT} alternating rounds)")
    print(f"\ngated: {len(gated)} of {len(texts)} posts ({len(gated) / len(texts):.0%}) reach the model")
    print(
        f"full path / bare model call, same posts:   wall {full_wall / bare_wall:.2f}x   CPU {full_cpu / bare_cpu:.2f}x"
        "   (target <= 1.5x)"
    )
    print(
        f"full path / bare model on the gated posts: wall {full_wall / gated_wall:.2f}x   "
        f"CPU {full_cpu / gated_cpu:.2f}x   (the engine's own overhead around the model)"
    )
    print(f"rules path: {rules_cpu_rate:,.0f} posts per CPU-second (target >= 2,000 per core)")

    for split, note in SPLITS:
        quality(split, note)


SPLITS = (
    ("test", "held aside by template; looked at once during development"),
    ("fresh", "written after the engine was finished; measured once, then the engine was fixed for it"),
    ("fresh2", "written before the fixes from 'fresh' were measured on it; measured once, then fixed for it"),
    ("fresh3", "written and committed before the engine was measured on it: the figure nobody tuned on"),
)


def quality(split: str, note: str) -> None:
    rows = evaluate.items(split)
    support = sum(r.label == "support" for r in rows)
    print(
        f"\nsplit '{split}' ({note}): {len(rows)} posts, {support} support; "
        "a true positive is `support` for the right contestant"
    )
    base = evaluate.score(
        rows, evaluate.predict(rows, lambda t, r: [evaluate.keyword_baseline(x, r) for x in t])
    )
    rules = evaluate.score(rows, evaluate.predict(rows, lambda t, r: [screen_rules_only(x, r) for x in t]))
    full = evaluate.score(rows, evaluate.predict(rows, screen_many))
    print(f"keyword baseline  {base.line()}")
    print(f"rules only        {rules.line()}")
    print(f"full              {full.line()}")
    print(f"F1 full - baseline: {full.f1 - base.f1:+.3f}; rules - baseline: {rules.f1 - base.f1:+.3f}")


def gate(row) -> bool:
    """Whether the engine would send this post to the model (the rules found someone in it)."""
    return screen_rules(row.text, matcher_for(evaluate.registries()[row.registry])).mentions_any


if __name__ == "__main__":
    main()
