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

import unicodedata
from dataclasses import dataclass

_LEET = {"4": "a", "3": "e", "1": "i", "0": "o", "5": "s", "7": "t", "8": "b", "9": "g"}
_DROP = {"\ufe0f", "\ufe0e", "\u200d", "\u200b", "\u20e3"}
_APOSTROPHES = {"'", "\u2019", "\u2018", "`", "\u00b4"}


@dataclass(frozen=True, slots=True)
class Normalized:
    """The canonical form and, per canonical character, the span [start, end) of the original it came
    from (a separator space inserted by normalisation points at an empty span)."""

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


def _fold(ch: str) -> str:
    """One character, lower case and without accents ('' if it folds to nothing)."""
    low = ch.lower()
    if low.isascii():
        return low[:1]
    decomposed = unicodedata.normalize("NFKD", low)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base[:1] if base.isascii() and base.isalnum() else low[:1]


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2B00 <= code <= 0x2BFF
        or code in (0x261D, 0x270C, 0x2764)
    )


def _skin_tone(ch: str) -> bool:
    return 0x1F3FB <= ord(ch) <= 0x1F3FF


def normalize(text: str) -> Normalized:  # noqa: C901 (one pass over the characters, kept together)
    """The canonical form of `text` with its map back to the original (see the module docstring)."""
    out: list[str] = [" "]
    starts: list[int] = [0]
    ends: list[int] = [0]
    n = len(text)
    in_tag = False  # inside a hashtag: split camel case
    prev_raw = ""
    i = 0
    while i < n:
        ch = text[i]
        if ch in _DROP or _skin_tone(ch):
            if out[-1] != " ":
                ends[-1] = i + 1
            elif len(out) > 1 and not out[-2].isalnum():
                ends[-2] = i + 1  # the emoji's selector or skin tone belongs to its evidence
            i += 1
            continue
        if ch.isdigit() and i + 1 < n and text[i + 1] in "\ufe0f\u20e3":  # keycap "2️⃣"
            _sep(out, starts, ends, i)
            out.append(ch)
            starts.append(i)
            j = i + 1
            while j < n and text[j] in _DROP:
                j += 1
            ends.append(j)
            _sep(out, starts, ends, j)
            i = j
            prev_raw = ""
            continue
        if ch.isalnum():
            if in_tag and ch.isupper() and prev_raw.islower():
                _sep(out, starts, ends, i)
            elif ch.isdigit() and prev_raw.isalpha() and _number_ends_word(text, i):
                reading = _digit_after_word(out, text, i)
                if reading == "":  # "hati2", "ibu2": reduplication, the word stands
                    ends[-1] = i + 1
                    i += 1
                    continue
                if reading is None:
                    _sep(out, starts, ends, i)  # "no2", "paslon02", "#Gibran2024": the number is a token
                else:  # "luthf1": a letter
                    out.append(reading)
                    starts.append(i)
                    ends.append(i + 1)
                    i += 1
                    continue
            folded = _fold(ch)
            if not folded:
                i += 1
                continue
            if folded.isalpha() and out[-1] == folded:
                ends[-1] = i + 1  # squeeze a repeated letter, keep its span
            else:
                out.append(folded)
                starts.append(i)
                ends.append(i + 1)
            prev_raw = ch
            i += 1
            continue
        if ch in _APOSTROPHES and prev_raw.isalpha() and i + 1 < n and text[i + 1].isalpha():
            i += 1  # "Mas'ud" → "masud"
            continue
        in_tag = ch == "#" or (in_tag and ch == "_")
        if _is_emoji(ch):
            if out[-1] == " " and len(out) > 1 and out[-2] == ch:
                ends[-2] = i + 1  # "✌✌✌" is one token
            else:
                _sep(out, starts, ends, i)
                out.append(ch)
                starts.append(i)
                ends.append(i + 1)
                _sep(out, starts, ends, i + 1)
        else:
            _sep(out, starts, ends, i)
        prev_raw = ""
        i += 1
    _sep(out, starts, ends, n)
    _unleet(out)
    return Normalized(text="".join(out), starts=tuple(starts), ends=tuple(ends), original=text)


# Words after which a number glued to them is a number ("no2", "paslon02", "juara1").
_NUMBER_BEFORE = frozenset(
    (
        *("no", "nmr", "nr", "nomor", "nomer", "urut", "paslon", "capres", "cawapres", "cagub", "cawagub"),
        *("cabup", "cawabup", "cawalkot", "calon", "kandidat", "angka", "jari", "salam", "kelas", "juara"),
        *("lantai", "tim", "pilih", "coblos", "gibran", "prabowo", "anies", "ganjar"),
    )
)


def _digit_after_word(out: list[str], text: str, i: int) -> str | None:
    """How to read digits glued to the end of a word: None = a number of its own, "" = the
    reduplication mark ("hati2" = "hati-hati"), a letter = leetspeak ("luthf1")."""
    k = len(out)
    while out[k - 1] != " ":
        k -= 1
    word = "".join(out[k:])
    j = i
    while j < len(text) and text[j].isdigit():
        j += 1
    digits = text[i:j]
    if word in _NUMBER_BEFORE or len(digits) > 1:
        return None
    if digits == "2" and len(word) >= 2:
        return ""
    if digits in _LEET and len(word) >= 4:
        return _LEET[digits]
    return None


def _number_ends_word(text: str, i: int) -> bool:
    j = i
    while j < len(text) and text[j].isdigit():
        j += 1
    return j == len(text) or not text[j].isalpha()


def _sep(out: list[str], starts: list[int], ends: list[int], at: int) -> None:
    if out[-1] != " ":
        out.append(" ")
        starts.append(at)
        ends.append(at)


def _unleet(out: list[str]) -> None:
    """A digit between two letters imitates a letter ("pr4bowo"); numbers ("no 2", "02") are left."""
    for k in range(1, len(out) - 1):
        c = out[k]
        if c in _LEET and out[k - 1].isalpha() and out[k + 1].isalpha():
            out[k] = _LEET[c]


def normalize_term(term: str) -> str:
    """A registry or lexicon term in the canonical form, without the boundary spaces."""
    return normalize(term).text.strip()
