"""Indonesian text → ranked acts and a first answer, for the self-check ("Boleh tidak saya like postingan
calon bupati?" → tidak boleh: KE-4/D-6).

Pure functions, no database: the selectors build an `Index` from the catalogue rows (conducts and
permitted acts) and cache it.

Normalisation (`tokenize`), in this order (each step exists because the next would otherwise get it wrong):
1. phrases → one token ("tim sukses" → timses, "kepala desa" → kades, "hak pilih" → hakpilih), and the
   question form ("boleh gak") is dropped so it is not read as a negation;
2. slang and loanwords → one canonical token *before* stemming (Sastrawi would turn "pasangan" into
   "pasang"; "relawan" into "rawan"); colloquial affixes are undone against Sastrawi's dictionary
   ("ngumpulin" → kumpul, "nyoblos" → coblos, "milih" → pilih);
3. stopwords are removed (Sastrawi's list plus chat slang; negations and "cuma" are kept: "tanpa atribut,
   cuma nonton" is a different act from "nonton lalu bersorak");
4. the rest is stemmed with Sastrawi.

Ranking: BM25 over the weighted fields (keywords > title > examples > description), plus a bonus for
each *cue* — a phrase of the act written in the data ("kumpul kades", "coblos tps") — whose words all
occur in the question. An act with `requires` matches only if the question names one of them (the KTP
item needs "KTP"/"fotokopi"/"surat dukungan", not just "kumpul"; the spouse item needs a spouse). Without
a phrase cue, an act matches only if the question names one of its distinctive terms; either way the
question must be about an election (a context word: calon, partai, kampanye, TPS, baliho, …, or a term
most acts share), so "rapat anggaran di kantor" or "share resep ke grup WA" match nothing.

The answer (`Index.answer`) is the verdict of the best act: tidak boleh, boleh or tergantung.
"""

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from netra.rules.search_vocab import (
    CONTEXT_TERMS,
    EXTRA_STOPWORDS,
    PHRASES,
    SLANG_PREFIXES,
    SLANG_SUFFIXES,
    SYNONYM_GROUPS,
    SYNONYMS,
    TOKEN,
)

_SYNONYM_GROUPS = SYNONYM_GROUPS  # the name the tests have always used

FIELD_WEIGHTS: dict[str, float] = {"keywords": 3.0, "title": 2.0, "examples": 1.5, "description": 1.0}
BM25_K1 = 1.2
BM25_B = 0.75
# Score added per distinct question word covered by the act's matching cues, and per multi-word cue.
CUE_WEIGHT = 4.0
PHRASE_BONUS = 2.0
# An act is listed only if it scores at least this share of the best match (drops the long tail).
RELATIVE_CUTOFF = 0.35
# A term found in more than this share of the acts is not distinctive enough to match on its own.
DISTINCTIVE_MAX_SHARE = 0.5

VERDICT_PROHIBITED = "tidak_boleh"
VERDICT_ALLOWED = "boleh"
VERDICT_DEPENDS = "tergantung"

_NASAL = (("ny", ("c", "s")), ("ng", ("k", "")), ("m", ("p",)), ("n", ("t",)))


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    keep = {w for w, c in SYNONYMS.items() if c in ("tanpa", "cuma")}
    return (frozenset(StopWordRemoverFactory().get_stop_words()) - keep) | EXTRA_STOPWORDS


def _canonical(token: str) -> str | None:
    """The canonical form of a slang/loanword token, also with affixes (ngeshare, komenin, sharenya)."""
    if token in SYNONYMS:
        return SYNONYMS[token]
    for prefix in SLANG_PREFIXES:
        if token.startswith(prefix) and token[len(prefix) :] in SYNONYMS:
            return SYNONYMS[token[len(prefix) :]]
    for suffix in SLANG_SUFFIXES:
        if token.endswith(suffix) and token[: -len(suffix)] in SYNONYMS:
            return SYNONYMS[token[: -len(suffix)]]
    return None


def _colloquial_root(token: str) -> str | None:
    """Undo Jakarta/Javanese-flavoured affixes Sastrawi does not know: nasal prefix (ngumpul → kumpul,
    nyoblos → coblos, milih → pilih, nonton → tonton) and the -in suffix (kumpulin → kumpul). A root is
    accepted only if Sastrawi's dictionary knows it."""
    words = _stemmer().delegatedStemmer.dictionary
    if words.contains(token):
        return None
    bases = [token]
    if token.endswith("in") and len(token) > 5:
        bases.append(token[:-2])
    for base in bases:
        if base != token and words.contains(base):
            return base
        for nasal, replacements in _NASAL:
            if base.startswith(nasal) and len(base) > len(nasal) + 2:
                for replacement in replacements:
                    root = replacement + base[len(nasal) :]
                    if words.contains(root):
                        return root
    return None


@lru_cache(maxsize=4096)
def _normalise_token(token: str) -> str | None:
    canonical = _canonical(token)
    if canonical is not None:
        return canonical
    if token in _stopwords() or len(token) < 2 or token.isdigit():
        return None
    root = _colloquial_root(token)
    if root is not None:
        return SYNONYMS.get(root) or _canonical(root) or root
    stem = _stemmer().stem(token)
    if not stem or len(stem) < 2:
        return None
    return SYNONYMS.get(stem, stem)


def _prepare(text: str) -> str:
    text = (text or "").lower()
    text = re.sub(r"\b(nge|di|me)-(?=[a-z])", r"\1", text)  # nge-like → ngelike, di-share → dishare
    text = re.sub(r"\b(\w+)-\1\b", r"\1", text)  # reduplication: guru-guru → guru
    return text.replace("e-ktp", "ektp")


def tokenize(text: str) -> list[str]:
    """Normalised tokens of an Indonesian text (order kept, duplicates kept)."""
    text = _prepare(text)
    for pattern, replacement in PHRASES:
        text = re.sub(pattern, replacement, text)
    tokens = []
    for raw in TOKEN.findall(text):
        token = _normalise_token(raw)
        if token:
            tokens.append(token)
    return tokens


def matched_words(text: str, terms: Iterable[str]) -> tuple[str, ...]:
    """The user's own words (as typed) behind the matched terms, in the order they were typed: a
    phrase ("tim sukses") is shown whole, never the internal token ("timses")."""
    wanted = set(terms)
    original = re.sub(r"\s+", " ", (text or "").strip())
    lowered = original.lower()
    spans: list[tuple[int, int]] = []
    for pattern, replacement in PHRASES:
        if not set(tokenize(replacement)) & wanted:
            continue
        spans.extend(m.span() for m in re.finditer(pattern, lowered))
    for m in re.finditer(r"[a-z0-9]+(?:-[a-z0-9]+)*", lowered):
        if any(s <= m.start() < e for s, e in spans):
            continue
        if set(tokenize(m.group(0))) & wanted:
            spans.append(m.span())
    words = [original[s:e].strip() for s, e in sorted(spans)]
    return tuple(dict.fromkeys(w for w in words if w))


@dataclass(frozen=True)
class Document:
    """What the index needs of one act (the selectors build these from the rows)."""

    key: str
    title: str
    description: str
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    verdict: str = VERDICT_PROHIBITED


@dataclass(frozen=True)
class Hit:
    key: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    verdict: str | None  # None: no act matched; the page says so and never guesses
    hits: tuple[Hit, ...]


@dataclass
class Index:
    """BM25 over weighted term frequencies of the four fields, plus cue phrases and required terms."""

    tf: dict[str, dict[str, float]] = field(default_factory=dict)
    length: dict[str, float] = field(default_factory=dict)
    df: Counter = field(default_factory=Counter)
    avg_length: float = 0.0
    cues: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    requires: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    verdicts: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.tf)

    def idf(self, term: str) -> float:
        n, df = self.size, self.df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def is_distinctive(self, term: str) -> bool:
        return 0 < self.df.get(term, 0) <= max(1, DISTINCTIVE_MAX_SHARE * self.size)

    def _cue_bonus(self, key: str, present: set[str]) -> tuple[float, set[str], bool]:
        """The cue bonus, the question words the cues cover, and whether a multi-word cue matched (a
        phrase stands in for a distinctive term; a one-word cue only weighs in once the act matches otherwise, so
        "like" alone still matches nothing)."""
        matched = [cue for cue in self.cues.get(key, ()) if cue <= present]
        covered: set[str] = set().union(*matched) if matched else set()
        phrases = sum(1 for cue in matched if len(cue) > 1)
        return CUE_WEIGHT * len(covered) + PHRASE_BONUS * phrases, covered, phrases > 0

    def search(self, tokens: Iterable[str], *, limit: int = 5) -> list[Hit]:
        terms = list(dict.fromkeys(tokens))  # each query term counts once, in order
        present = set(terms)
        if not self.size or not terms:
            return []
        in_context = any(t in CONTEXT_TERMS or (t in self.df and not self.is_distinctive(t)) for t in terms)
        hits = []
        for key, tf in self.tf.items():
            required = self.requires.get(key, ())
            if required and not any(group <= present for group in required):
                continue
            bonus, covered, phrase = self._cue_bonus(key, present)
            matched = tuple(t for t in terms if t in tf or t in covered)
            distinctive = [t for t in matched if self.is_distinctive(t)]
            # Every act needs the election context ("like foto kucing teman", "share resep ke grup WA",
            # "pasang spanduk HUT RI" share terms and even phrases with catalogue items but concern no
            # election), and a phrase cue or a distinctive term.
            if not in_context or not (phrase or distinctive):
                continue
            norm = BM25_K1 * (1 - BM25_B + BM25_B * self.length[key] / self.avg_length)
            score = bonus + sum(
                self.idf(t) * tf[t] * (BM25_K1 + 1) / (tf[t] + norm) for t in matched if t in tf
            )
            hits.append(Hit(key, score, matched))
        if not hits:
            return []
        hits.sort(key=lambda h: (-h.score, h.key))
        best = hits[0].score
        return [h for h in hits if h.score >= RELATIVE_CUTOFF * best][:limit]

    def answer(self, tokens: Iterable[str], *, limit: int = 5) -> Answer:
        """The best acts and the verdict of the best one."""
        hits = tuple(self.search(tokens, limit=limit))
        return Answer(self.verdicts.get(hits[0].key) if hits else None, hits)


def _phrase_sets(phrases: Iterable[str]) -> tuple[frozenset[str], ...]:
    out = []
    for phrase in phrases:
        tokens = frozenset(tokenize(phrase))
        if tokens:
            out.append(tokens)
    return tuple(out)


def build_index(documents: Iterable[Document]) -> Index:
    index = Index()
    for doc in documents:
        fields = {
            "keywords": " . ".join(doc.keywords),
            "title": doc.title,
            "examples": " . ".join(doc.examples),
            "description": doc.description,
        }
        tf: dict[str, float] = {}
        length = 0.0
        for name, text in fields.items():
            tokens = tokenize(text)
            weight = FIELD_WEIGHTS[name]
            for token in tokens:
                tf[token] = tf.get(token, 0.0) + weight
            length += weight * len(tokens)
        index.tf[doc.key] = dict(tf)
        index.length[doc.key] = length or 1.0
        index.df.update(tf.keys())
        index.cues[doc.key] = _phrase_sets(doc.cues)
        index.requires[doc.key] = _phrase_sets(doc.requires)
        index.verdicts[doc.key] = doc.verdict
    index.avg_length = (sum(index.length.values()) / index.size) if index.size else 1.0
    return index


class IndexCache:
    """One index per process, rebuilt when the catalogue's fingerprint changes (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: object = None
        self._index: Index | None = None

    def get(self, key: object, build) -> Index:
        with self._lock:
            if self._index is None or self._key != key:
                self._index = build()
                self._key = key
            return self._index

    def clear(self) -> None:
        with self._lock:
            self._key, self._index = None, None


def _field(row, name: str, default=None):
    return row.get(name, default) if isinstance(row, dict) else getattr(row, name, default)


def catalogue_documents(*, conducts: Iterable, permitted_acts: Iterable = ()) -> list[Document]:
    """Documents for the catalogue's conducts and permitted acts, from model rows or from the data files'
    dicts (the accuracy test reads the files; the selectors read the database): one mapping for both."""
    docs = []
    for row, description_field, default_verdict in (
        *((c, "description", VERDICT_PROHIBITED) for c in conducts),
        *((p, "explanation", VERDICT_ALLOWED) for p in permitted_acts),
    ):
        docs.append(
            Document(
                key=_field(row, "code"),
                title=_field(row, "title", ""),
                description=_field(row, description_field, ""),
                keywords=tuple(_field(row, "keywords") or ()),
                examples=tuple(_field(row, "examples") or ()),
                cues=tuple(_field(row, "cues") or ()),
                requires=tuple(_field(row, "requires") or ()),
                verdict=_field(row, "verdict") or default_verdict,
            )
        )
    return docs
