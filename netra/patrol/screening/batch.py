"""The batch format of `manage.py screen`: reading posts (one JSON object per line) and writing results.

Pure Python like the rest of the engine, so a Celery worker, the command and the tests share it.

Input line: `{"id": ..., "text": "..."}` (other fields are ignored). Output line: `{"id", "score",
"label", "contestant", "reasons", "path"}` where `reasons` lists the evidence as
`{"kind", "text", "contestant", "weight"}` (`text` always a piece of the post itself).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from netra.patrol.screening import screen_many
from netra.patrol.screening.types import Registry, Screening

MAX_TEXT = 20_000  # characters; a longer "post" is an export error, not a post


@dataclass(frozen=True, slots=True)
class Post:
    line: int
    id: Any
    text: str


@dataclass(frozen=True, slots=True)
class BadLine:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def read_posts(lines: Iterable[str]) -> tuple[list[Post], list[BadLine]]:
    """The posts of a JSONL stream and, separately, every line that is not one (with its number)."""
    posts: list[Post] = []
    bad: list[BadLine] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(BadLine(number, f"not valid JSON ({exc.msg}, column {exc.colno})"))
            continue
        problem = _problem(data)
        if problem:
            bad.append(BadLine(number, problem))
            continue
        post_id = _utf8(data["id"]) if isinstance(data["id"], str) else data["id"]
        posts.append(Post(line=number, id=post_id, text=_utf8(data["text"])))
    return posts, bad


def _utf8(text: str) -> str:
    """The text as it can be written back out: a lone surrogate ("\\ud800" is valid JSON, not valid
    UTF-8) becomes "?"."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _problem(data: Any) -> str:
    if not isinstance(data, dict):
        return "not a JSON object"
    if "id" not in data or data["id"] is None or isinstance(data["id"], dict | list):
        return 'no "id" (a string or a number)'
    if "text" not in data:
        return 'no "text"'
    if not isinstance(data["text"], str):
        return '"text" is not a string'
    if len(data["text"]) > MAX_TEXT:
        return f'"text" is longer than {MAX_TEXT:,} characters'
    return ""


def result_record(post_id: Any, screening: Screening) -> dict:
    return {
        "id": post_id,
        "score": screening.score,
        "label": screening.label,
        "contestant": screening.contestant_key,
        "reasons": [
            {"kind": e.kind, "text": e.text, "contestant": e.contestant_key, "weight": e.weight}
            for e in screening.evidence
        ],
        "path": screening.path,
    }


def screen_posts(posts: Sequence[tuple[Any, str]], registry: Registry) -> list[dict]:
    """Screen (id, text) pairs against one registry (the model batched over the gated ones)."""
    screenings = screen_many([text for _, text in posts], registry)
    return [result_record(post_id, s) for (post_id, _), s in zip(posts, screenings, strict=True)]
