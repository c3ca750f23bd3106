"""The screening engine: does a social-media text support a contestant, which one, and why.

`screen(text, registry)` and `screen_many(texts, registry)` are the whole interface (see types.py for
the dataclasses). Every text takes the rules path (rules.py: thousands of posts per second, every point
explained). Texts in which the rules found a contestant, account, hashtag, number or gesture — and only
those — also go through the model (model.py: an offline sentence embedding and a small classifier over
it and the rules' features), in batches; its probability becomes the score and a "model" line joins the
rules' evidence. Everyday posts that name nobody never pay for the model.

Labels: `support` (score ≥ 0.5), `against` (criticism, negated calls, mockery) or `neutral` (news,
chatter, a name without a stance). `contestant_key` is the supported contestant for `support`, the
criticised one for `against`, and None for `neutral`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from netra.patrol.screening import model
from netra.patrol.screening.rules import THRESHOLD, RuleResult, matcher_for, screen_rules
from netra.patrol.screening.types import ContestantTerms, Evidence, Registry, Screening

__all__ = [
    "ContestantTerms",
    "Evidence",
    "Registry",
    "Screening",
    "screen",
    "screen_many",
    "screen_rules_only",
]


def screen_rules_only(text: str, registry: Registry) -> Screening:
    """The rules path alone (no model call)."""
    return screen_rules(text, matcher_for(registry)).screening


def screen(text: str, registry: Registry) -> Screening:
    """Screen one text (see `screen_many`)."""
    return screen_many([text], registry)[0]


def screen_many(texts: Sequence[str], registry: Registry, *, use_model: bool = True) -> list[Screening]:
    """Screen texts against one registry: rules for all, the model (batched) for the gated ones."""
    matcher = matcher_for(registry)
    results = [screen_rules(text, matcher) for text in texts]
    out = [r.screening for r in results]
    classifier = model.classifier() if use_model else None
    gated = [i for i, r in enumerate(results) if r.mentions_any]
    if classifier is None or not gated:
        return out
    embeddings = model.embed([texts[i] for i in gated])
    rule_features = np.array([results[i].features for i in gated], dtype=np.float32)
    probabilities = classifier.probabilities(embeddings, rule_features)
    for row, i in enumerate(gated):
        out[i] = combine(texts[i], results[i], probabilities[row])
    return out


def combine(text: str, rules: RuleResult, probabilities: np.ndarray) -> Screening:
    """The final answer for a gated text: the classifier's P(support) is the score (it already weighs the
    rules' features), the rules say which contestant and why."""
    p_support, p_against, p_neutral = (float(p) for p in probabilities)
    key: str | None
    if p_support >= THRESHOLD and rules.support_key is not None:
        label, key = "support", rules.support_key
    elif p_against > p_neutral and (rules.against_key or rules.support_key):
        label, key = "against", rules.against_key or rules.support_key
    else:
        label, key = "neutral", None
    line = Evidence(kind="model", text=text.strip()[:200], contestant_key=key, weight=round(p_support, 4))
    return Screening(
        score=round(p_support, 4),
        label=label,
        supports=label == "support",
        contestant_key=key,
        evidence=(*rules.screening.evidence, line),
        path="full",
    )
