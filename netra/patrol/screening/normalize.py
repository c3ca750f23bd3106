"""Normalisation of Indonesian social-media text, keeping a map back to the user's own characters.

Posts spell the same word many ways ("dukunggg", "pr4bowo", "Mas'ud", "#AniesMuhaimin", "2️⃣"). The
matcher works on one canonical form so that a registry term is written once; every character of that
form remembers the span of the original text it came from, so the evidence a reviewer reads is always a
slice of the post itself, never the canonical token.

The canonical form is a sequence of tokens separated by single spaces, with a space at both ends, so
that a compiled pattern can anchor terms on token boundaries with a one-character look-around (fast,
and it works for emoji tokens where `\\b` would not):

- lower case, accents stripped (é → e);
- runs of the same letter squeezed to one ("bangeeet" → "banget", "Bobby" → "boby": registry terms go
  through the same function, so both sides agree);
- a digit between two letters read as the letter it imitates ("pr4bowo" → "prabowo", "g1bran"); digits
  elsewhere are numbers and stay ("no 2", "02");
- keycap emoji read as their digit ("2️⃣" → "2"); other emoji become tokens of their own ("✌");
  variation selectors, joiners and skin tones are dropped;
- apostrophes inside words vanish ("Mas'ud" → "masud"); other punctuation separates tokens;
- hashtags and handles lose their sign, and a camel-case hashtag is split ("#AniesMuhaimin" → "anies
  muhaimin") so names inside it are found like any other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_LEET = {"4": "a", "3": "e", "1": "i", "0": "o", "5": "s", "7": "t", "8": "b", "9": "g"}
_EMOJI = "\U0001f000-\U0001f3fa\U0001f400-\U0001faff\u2600-\u27bf\u2b00-\u2bff"
# One pass of the C regex engine cuts the text into its tokens: a keycap digit, a word (with inner
# apostrophes), a hashtag or handle sign, or an emoji (with its selector and skin tone).
_TOKEN = re.compile(
    rf"(?P<key>\d)[\ufe0f\ufe0e]?\u20e3"
    rf"|(?P<word>[^\W_]+(?:['\u2019\u2018`\u00b4][^\W_]+)*)"
    rf"|(?P<sign>[#@])"
    rf"|(?P<emoji>[{_EMOJI}])[\ufe0f\ufe0e\u200d\U0001f3fb-\U0001f3ff]*"
)
_APOSTROPHE = re.compile("['\u2019\u2018`\u00b4]")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[^\W\d_A-Z]+|\d+|[^\W_]")
_SQUEEZE = re.compile(r"([^\W\d_])\1+")
_INNER_LEET = re.compile(r"(?<=[^\W\d_])[0134579](?=[^\W\d_])")
_TAIL_DIGITS = re.compile(r"^(.*[^\W\d_])(\d+)$")


@dataclass(frozen=True, slots=True)
class Normalized:
    """The canonical form and, per canonical character, the span [start, end) of the original token it
    came from (a separator space points at an empty span). Matches are whole tokens, so a match's
    first and last characters give the user's own words behind it."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original: str

    def source(self, start: int, end: int) -> str:
        """The original text behind canonical characters [start, end), trimmed."""
        lo, hi = start, end - 1
        while lo <= hi and self.starts[lo] == self.ends[lo]:
            lo += 1
        while hi >= lo and self.starts[hi] == self.ends[hi]:
            hi -= 1
        if lo > hi:
            return ""
        return self.original[self.starts[lo] : self.ends[hi]].strip()


def _fold(word: str) -> str:
    """Lower case, accents stripped."""
    low = word.lower()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Words after which a number glued to them is a number ("no2", "paslon02", "juara1").
_NUMBER_BEFORE = frozenset(
    (
        *("no", "nmr", "nr", "nomor", "nomer", "urut", "paslon", "capres", "cawapres", "cagub", "cawagub"),
        *("cabup", "cawabup", "cawalkot", "calon", "kandidat", "angka", "jari", "salam", "kelas", "juara"),
        *("lantai", "tim", "pilih", "coblos", "gibran", "prabowo", "anies", "ganjar"),
    )
)


def _word_tokens(word: str) -> list[str]:
    """The canonical tokens of one word (already lower case): leetspeak inside, digits glued to the end
    read as a number ("no2" → "no 2"), a reduplication mark ("hati2" → "hati") or a letter ("luthf1")."""
    word = _INNER_LEET.sub(lambda m: _LEET[m.group()], word)
    tail = _TAIL_DIGITS.match(word)
    if tail is not None:
        stem, digits = tail.groups()
        base = _SQUEEZE.sub(r"\1", stem)
        if (
            base in _NUMBER_BEFORE
            or len(digits) > 1
            or not (digits == "2" or (digits in _LEET and len(base) >= 4))
        ):
            return [base, digits]
        if digits == "2":  # "hati2" is a reduplication; "a2", "x2" read as a letter and a number
            return [base] if len(base) >= 2 else [base, digits]
        return [_SQUEEZE.sub(r"\1", stem + _LEET[digits])]
    return [_SQUEEZE.sub(r"\1", word)]


@lru_cache(maxsize=1 << 16)
def _canonical(word: str) -> tuple[str, ...]:
    """The canonical tokens of one raw word, cached: words repeat across posts (Zipf), so most words of a
    batch are looked up rather than recomputed."""
    return tuple(_word_tokens(_fold(word)))


def normalize(text: str) -> Normalized:
    """The canonical form of `text` with its map back to the original (see the module docstring)."""
    pieces: list[str] = [" "]
    starts: list[int] = [0]
    ends: list[int] = [0]
    tag_end = -1  # where the last "#" ended: a word starting there is a hashtag (split its camel case)
    last_emoji = ("", -1)  # the last emoji token and where it ended: "✌✌✌" is one token

    def emit(token: str, start: int, end: int) -> None:
        pieces.append(token)
        pieces.append(" ")
        starts.extend([start] * len(token))
        starts.append(end)
        ends.extend([end] * len(token))
        ends.append(end)

    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        start, end = m.span()
        if kind == "word":
            raw = m.group("word")
            if "'" in raw or "\u2019" in raw or "`" in raw or "\u2018" in raw or "\u00b4" in raw:
                raw = _APOSTROPHE.sub("", raw)
            parts = [(raw, start, end)]
            if start == tag_end and not raw.islower() and not raw.isupper():
                parts = [(p.group(), start + p.start(), start + p.end()) for p in _CAMEL.finditer(raw)]
            for part, s0, e0 in parts:
                for token in _canonical(part):
                    emit(token, s0, e0)
        elif kind == "key":
            emit(m.group("key"), start, end)
        elif kind == "emoji":
            emoji = m.group("emoji")
            if last_emoji[0] == emoji and last_emoji[1] == start:
                for k in range(len(ends) - 2, 0, -1):  # extend the previous emoji token
                    if pieces and ends[k] != last_emoji[1]:
                        break
                    ends[k] = end
            else:
                emit(emoji, start, end)
            last_emoji = (emoji, end)
        else:
            tag_end = end if m.group("sign") == "#" else -1
    canonical = "".join(pieces)
    return Normalized(text=canonical, starts=tuple(starts), ends=tuple(ends), original=text)


def normalize_term(term: str) -> str:
    """A registry or lexicon term in the canonical form, without the boundary spaces."""
    return normalize(term).text.strip()
