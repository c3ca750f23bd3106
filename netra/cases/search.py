"""Case search text: what `Case.search_text` / `Case.search_text_reports` hold and how a query matches.

PostgreSQL has no Indonesian dictionary, so words are stemmed here, in Python, with the rulebook's
tokenizer (`netra.rules.search.tokenize`: PySastrawi plus the self-check's slang and phrase handling), and
the stored text is read by PostgreSQL as a 'simple' tsvector (no further stemming). Each word is stored
both as written and as its stem, so "kampanye" finds "berkampanye" and a partial word ("pendid") finds
"pendidikan" as a prefix. Identifiers (report and case numbers, NIP) are stored squeezed to letters and
digits ("LAP-2024-000012" → "lap2024000012") and matched as substrings, so a partial NIP or number is
found too.

Pure functions, no database: `netra.cases.services.search` builds the columns, the case selector queries.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from netra.rules.search import tokenize

_WORD = re.compile(r"[a-z0-9]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
MIN_IDENTIFIER_CHARS = 3  # "12" would match nearly every NIP and number
MAX_QUERY_TERMS = 8


def _words(text: str) -> list[str]:
    """Every word as written (lower-case) and its stem, in order, without repeats."""
    text = (text or "").lower()
    seen: dict[str, None] = {}
    for word in _WORD.findall(text):
        if len(word) >= 2:
            seen.setdefault(word, None)
    for stem in tokenize(text):
        seen.setdefault(stem, None)
    return list(seen)


def squeeze(identifier: str) -> str:
    """An identifier as stored and searched: lower-case letters and digits only."""
    return _NOT_ALNUM.sub("", (identifier or "").lower())


def document(texts: Iterable[str], identifiers: Iterable[str] = ()) -> str:
    """The stored search text: words and stems of `texts`, then squeezed `identifiers`, space-separated
    and framed by spaces (the SQLite fallback matches " word" as a word start)."""
    tokens: dict[str, None] = {}
    for text in texts:
        for token in _words(text):
            tokens.setdefault(token, None)
    for identifier in identifiers:
        token = squeeze(identifier)
        if token:
            tokens.setdefault(token, None)
    return f" {' '.join(tokens)} " if tokens else ""


@dataclass(frozen=True)
class Term:
    """One part of a query; every term must match. A word matches any of `prefixes` at a word start; an
    identifier (a part with a digit) matches `substring` anywhere."""

    prefixes: tuple[str, ...] = ()
    substring: str = ""


def query_terms(q: str) -> list[Term]:
    """The terms of a query, at most `MAX_QUERY_TERMS`. Stopwords ("di", "yang") are dropped; a query of
    stopwords only has no terms (the caller then matches nothing rather than everything)."""
    terms: list[Term] = []
    for part in (q or "").lower().split():
        if any(c.isdigit() for c in part):
            squeezed = squeeze(part)
            if len(squeezed) >= MIN_IDENTIFIER_CHARS:
                terms.append(Term(substring=squeezed))
            continue
        for word in _WORD.findall(part):
            stems = tokenize(word)
            if len(word) < 2 or not stems:  # a stopword ("di", "dan") is not a useful term
                continue
            terms.append(Term(prefixes=tuple(dict.fromkeys((word, *stems)))))
    return terms[:MAX_QUERY_TERMS]


def tsquery(terms: list[Term]) -> str:
    """The word terms as a PostgreSQL raw tsquery: (word:* | stem:*) & … . Tokens are [a-z0-9] only
    (see `_WORD`), so nothing in them needs quoting."""
    groups = [" | ".join(f"{p}:*" for p in term.prefixes) for term in terms if term.prefixes]
    return " & ".join(f"({group})" for group in groups)
