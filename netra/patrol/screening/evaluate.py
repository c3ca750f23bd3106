"""Measuring the engine on the labelled set: loading it, the keyword baseline, precision/recall/F1.

Shared by the evaluation test, the benchmark and the training script so that all three count the same
way. A prediction is a true positive only when it says `support` *and* names the right contestant;
`against` and `neutral` are both "not support" (the queue only ranks support).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from netra.patrol.registry_io import registry_from_json
from netra.patrol.screening.types import Registry, Screening

DATA = Path(__file__).resolve().parent / "data"
EVERYDAY = ("chatter", "chatter_number")  # everyday posts: no contestant, at most a number or a hand


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    split: str
    registry: str
    label: str
    contestant: str | None
    category: str
    template: str
    text: str


@cache
def registries() -> dict[str, Registry]:
    """The registries of the labelled set, by file name (loaded with the patrol app's own reader)."""
    out = {}
    for path in sorted((DATA / "registries").glob("*.json")):
        out[path.stem] = registry_from_json(json.loads(path.read_text(encoding="utf-8")))
    return out


@cache
def items(split: str | None = None) -> tuple[Item, ...]:
    rows = []
    with (DATA / "labelled.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            raw = json.loads(line)
            rows.append(Item(**{k: raw[k] for k in Item.__slots__}))
    return tuple(r for r in rows if split is None or r.split == split)


def keyword_baseline(text: str, registry: Registry) -> Screening:
    """The plain baseline: any name, nickname, hashtag, handle, tagline or gesture of a contestant
    present (case-insensitive, whole words) → support for the first one found."""
    low = text.lower()
    for c in registry.contestants:
        terms = (*c.names, *c.nicknames, *c.hashtags, *c.handles, *c.taglines, *c.gestures)
        for term in terms:
            if term and re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", low):
                return Screening(score=1.0, label="support", supports=True, contestant_key=c.key)
    return Screening(score=0.0, label="neutral", supports=False, contestant_key=None)


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int
    everyday_fp_rate: float  # share of everyday posts (no contestant) flagged as support
    everyday: int

    def line(self) -> str:
        return (
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}; everyday FP {self.everyday_fp_rate:.1%} of {self.everyday})"
        )


def score(rows: Sequence[Item], predictions: Sequence[Screening]) -> Scores:
    tp = fp = fn = everyday = everyday_fp = 0
    for row, pred in zip(rows, predictions, strict=True):
        gold = row.label == "support"
        hit = pred.label == "support"
        right = hit and gold and pred.contestant_key == row.contestant
        if right:
            tp += 1
        elif hit:
            fp += 1
        if gold and not right:
            fn += 1
        if row.category in EVERYDAY:
            everyday += 1
            everyday_fp += int(hit)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, tp, fp, fn, everyday_fp / everyday if everyday else 0.0, everyday)


def predict(
    rows: Sequence[Item], screen_many: Callable[[list[str], Registry], list[Screening]]
) -> list[Screening]:
    """Screen `rows` registry by registry (batched), in the rows' order."""
    regs = registries()
    out: list[Screening | None] = [None] * len(rows)
    by_registry: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_registry.setdefault(row.registry, []).append(i)
    for name, indices in by_registry.items():
        results = screen_many([rows[i].text for i in indices], regs[name])
        for i, result in zip(indices, results, strict=True):
            out[i] = result
    return [r for r in out if r is not None]
