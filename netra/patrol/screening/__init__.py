"""The screening engine: does a social-media text support a contestant, which one, and why.

`screen(text, registry)` and `screen_many(texts, registry)` are the whole interface (see types.py for
the dataclasses). The rules path (rules.py) runs on every text; texts in which it finds a contestant,
account or gesture also go through the model (model.py), batched, and the two are combined.
"""

from __future__ import annotations

from collections.abc import Sequence

from netra.patrol.screening.rules import matcher_for, screen_rules
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


def screen_many(texts: Sequence[str], registry: Registry) -> list[Screening]:
    """Screen texts against one registry."""
    matcher = matcher_for(registry)
    return [screen_rules(text, matcher).screening for text in texts]
