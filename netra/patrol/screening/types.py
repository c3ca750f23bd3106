"""The contract between the patrol app (ORM, queue, UI) and the screening engine (pure Python).

The patrol app builds a `Registry` from its tables; the engine reads only these dataclasses, never the
ORM, so it can be benchmarked and tested on plain data. Keep this file small and stable: both sides
import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ContestantTerms:
    """What identifies one contestant in text: names, nicknames, ballot number, running mate, parties,
    taglines, hashtags, slogans, gesture codes (e.g. "salam dua jari"), and its accounts' handles."""

    key: str  # stable id, e.g. str(Contestant.pk) or "pilkada-2024/6471/2"
    label: str  # what a reviewer reads, e.g. "2. Rahmad Mas'ud – Bagus Susetyo"
    names: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    ballot_number: int | None = None
    parties: tuple[str, ...] = ()
    taglines: tuple[str, ...] = ()  # slogans and taglines
    hashtags: tuple[str, ...] = ()  # without "#", any case
    gestures: tuple[str, ...] = ()  # e.g. "salam dua jari", "salam tiga jari"
    handles: tuple[str, ...] = ()  # official/campaign accounts, without "@", lower case
    is_empty_box: bool = False


@dataclass(frozen=True, slots=True)
class Registry:
    """The contestants of one election and region that a text is screened against."""

    contestants: tuple[ContestantTerms, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason behind a score, in words a reviewer can check against the text."""

    kind: str  # "name", "nickname", "number", "hashtag", "handle", "tagline", "gesture", "call_to_vote",
    # "stance", "negation", "criticism", "news", "sarcasm", "question", "neutrality", "party", "model"
    text: str  # the user's own words that matched (a slice of the input), never an internal token
    contestant_key: str | None = None
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class Screening:
    """The engine's answer for one text: a risk score a person reviews, never a verdict."""

    score: float  # 0..1, the probability-like risk that the text supports a contestant
    label: str  # "support" / "against" / "neutral" (the batch CLI's `label`)
    supports: bool  # label == "support" (score >= the engine's threshold)
    contestant_key: str | None  # which contestant it supports (None if none)
    evidence: tuple[Evidence, ...] = field(default=())
    path: str = "rules"  # "rules" (no model call) or "full" (rules + model)
