"""The rules path: registry terms and stance cues found in one pass, combined into an explained score.

Why rules first: the registry says exactly who the contestants are, and most supporting posts name a
contestant and a call to vote or praise in a few words ("coblos no 2", "#AMINajaDulu", "lanjutkan pak").
A rule finds those at thousands of posts per second on one core, and every point of the score points
at words a reviewer can see. The model (model.py) only refines posts the rules found a contestant in.

How it works, per registry (compiled once and cached, see `matcher_for`):

1. Every term (names, nicknames, parties, taglines, gestures, handles of each contestant, and the
   generic cue words of lexicon.py) is normalised and compiled into one trie-shaped regular expression
   anchored on token boundaries; one `finditer` over the canonical text finds them all. Ballot numbers
   need context ("nomor urut 2", "paslon 02", "coblos no 2", "salam dua jari", "✌"), found by a second
   fixed pattern; hashtags and handles are compared on the raw text.
2. Cues (calls to vote, praise, criticism) are attributed to the nearest contestant mention, looking
   forward first (Indonesian puts the object after the verb: "pilih 02"). A negator up to three tokens
   before a cue flips it ("jangan pilih", "gak akan coblos"); before a mention it makes the mention
   criticism ("bukan 02").
3. Per contestant, a log-odds sum: identification + support cues − criticism − news − sarcasm. The
   score is its logistic; the label is `support` above 0.5, `against` when the criticism outweighs,
   `neutral` otherwise (news, chatter, a name with no stance).

No Django, no ORM: the engine reads only the dataclasses of types.py.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from netra.patrol.screening import lexicon
from netra.patrol.screening.normalize import Normalized, normalize, normalize_term
from netra.patrol.screening.types import ContestantTerms, Evidence, Registry, Screening

THRESHOLD = 0.5
BIAS_SUPPORT = -2.6
BIAS_AGAINST = -1.2
CHANT = 1.0  # the same contestant's number said twice or more
SUFFIXES = "(?:nya|ku|lah|mu|pun|kah|tuh|dong|deh|sih)?"

# Identification weights (log-odds) per kind of contestant term.
ID_WEIGHT = {
    "name": 1.0,
    "name_part": 0.85,  # "Prabowo" of "Prabowo Subianto"
    "nickname": 0.9,
    "party": 0.4,
    "handle": 1.0,
    "hashtag": 1.1,
    "tagline": 1.0,
    "gesture": 0.9,
    "number": 1.0,
}
# Campaign hashtags, taglines and gestures say "I am with them" by themselves.
SELF_SUPPORT = {"hashtag": 1.7, "tagline": 1.4, "gesture": 0.8}
FEATURES = (
    "ident",
    "support",
    "against",
    "news",
    "sarcasm",
    "mentions",
    "contestants",
    "logit",
    "against_logit",
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One match in the canonical text: what it is, for whom, where (token index and characters)."""

    kind: str
    key: str | None
    weight: float
    token: int
    start: int
    end: int


@dataclass(slots=True)
class _Tally:
    ident: list[Hit] = field(default_factory=list)
    support: list[tuple[Hit, float]] = field(default_factory=list)
    against: list[tuple[Hit, float]] = field(default_factory=list)


def _trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of `words`, factored as a trie so one pass is cheap."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?" if len(branches) > 1 else "(?:" + body + ")?"
        return body

    return walk(trie)


_NUM_ALT = "|".join(
    sorted([*lexicon.NUMBER_WORDS, *(f"0{n}" for n in range(1, 10)), *map(str, range(1, 10))], key=len)[::-1]
)
_CTX_ALT = "|".join(sorted(lexicon.NUMBER_CONTEXT, key=len)[::-1])
_PREFIX_ALT = "|".join(sorted(lexicon.NUMBER_PREFIX, key=len)[::-1])
_VOTE_ALT = "coblos|nyoblos|mencoblos|pilih|pilihlah|milih|memilih|dukung|mendukung|menangkan|menangin|vote"
NUMBER_RE = re.compile(
    rf"(?<= )(?:(?P<ctx>(?:{_CTX_ALT})(?: (?:{_PREFIX_ALT}))?(?: urut)?)"
    rf"|(?P<vote>(?:{_VOTE_ALT})(?: (?:{_PREFIX_ALT}))?(?: urut)?)"
    rf"|(?P<bare>(?:{_PREFIX_ALT})(?: urut)?)) (?P<num>{_NUM_ALT})(?= )"
    rf"|(?<= )(?P<zero>0[1-9])(?= )"
    rf"|(?<= )(?P<fnum>{_NUM_ALT}) jari(?= )|(?<= )jari (?P<fnum2>{_NUM_ALT})(?= )"
    rf"|(?<= )(?P<emoji>[☝✌])(?= )"
)
HASHTAG_RE = re.compile(r"#(\w+)")
HANDLE_RE = re.compile(r"@([\w.]+)")


def _number_value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return lexicon.NUMBER_WORDS.get(token)


def _tag_key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


class Matcher:
    """The compiled patterns of one registry (build with `matcher_for`, which caches)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.terms: dict[str, list[tuple[str, str | None, float]]] = {}
        self.by_number: dict[int, list[str]] = {}
        self.hashtags: dict[str, str] = {}
        self.handles: dict[str, str] = {}
        for c in registry.contestants:
            self._add_contestant(c)
        for word, weight in lexicon.CALL_TO_VOTE.items():
            self._add(word, "call_to_vote", None, weight)
        for word, weight in lexicon.STANCE.items():
            self._add(word, "stance", None, weight)
        for word, weight in lexicon.CRITICISM.items():
            self._add(word, "criticism", None, weight)
        for word, weight in lexicon.SARCASM.items():
            self._add(word, "sarcasm", None, weight)
        for word, weight in lexicon.NEWS.items():
            self._add(word, "news", None, weight)
        for word in lexicon.NEGATION:
            self._add(word, "negation", None, 1.0)
        for word in lexicon.EXCEPT:
            self._add(word, "except", None, 1.0)
        for word in lexicon.IDIOMS:
            self._add(word, "idiom", None, 0.0)
        for word in lexicon.QUESTION:
            self._add(word, "question", None, 1.0)
        for word in lexicon.NEUTRALITY:
            self._add(word, "neutrality", None, 1.0)
        self._cues_inside_registry_terms()
        words = sorted(self.terms, key=len, reverse=True)
        self.pattern = re.compile(rf"(?<= )(?P<t>{_trie_pattern(words)}){SUFFIXES}(?= )")

    def _add_contestant(self, c: ContestantTerms) -> None:
        for kind, values in (
            ("name", c.names),
            ("nickname", c.nicknames),
            ("party", c.parties),
            ("tagline", c.taglines),
            ("gesture", c.gestures),
        ):
            for value in values:
                self._add(value, kind, c.key, ID_WEIGHT[kind])
        for name in c.names:
            for part in normalize_term(name).split():
                if len(part) >= 4 and part not in lexicon.COMMON_NAME_PARTS:
                    self._add(part, "name", c.key, ID_WEIGHT["name_part"])
        for tag in c.hashtags:
            self.hashtags[_tag_key(tag)] = c.key
        for handle in c.handles:
            self.handles[handle.lower().lstrip("@")] = c.key
        if c.ballot_number is not None:
            self.by_number.setdefault(c.ballot_number, []).append(c.key)
        if c.is_empty_box:
            for phrase in ("kolom kosong", "kotak kosong", "koko"):
                self._add(phrase, "name", c.key, ID_WEIGHT["name"])

    def _cues_inside_registry_terms(self) -> None:
        """A registry term that contains a stance word also counts as that word: the gesture "coblos
        kotak kosong" is a call to vote too (one pass matches the longest term, which would hide it)."""
        for term, entries in self.terms.items():
            if all(key is None for _, key, _ in entries) or " " not in term:
                continue
            for word in term.split():
                for kind, key, weight in self.terms.get(word, ()):
                    cue = key is None and kind in ("call_to_vote", "stance", "criticism")
                    if cue and (kind, key, weight) not in entries:
                        entries.append((kind, key, weight))

    def _add(self, word: str, kind: str, key: str | None, weight: float) -> None:
        term = normalize_term(word)
        if not term:
            return
        entries = self.terms.setdefault(term, [])
        if (kind, key, weight) not in entries:
            entries.append((kind, key, weight))

    def scan(self, norm: Normalized) -> list[Hit]:
        """Every term, number and hashtag of the registry and the lexicon found in `norm`."""
        text = norm.text
        hits: list[Hit] = []
        for m in self.pattern.finditer(text):
            start, end = m.span()
            token = text.count(" ", 0, start) - 1
            for kind, key, weight in self.terms[m.group("t")]:
                hits.append(Hit(kind, key, weight, token, start, end))
        for m in NUMBER_RE.finditer(text):
            hits.extend(self._number_hits(m, text))
        if "#" in norm.original:
            hits.extend(self._tag_hits(norm, HASHTAG_RE, self.hashtags, "hashtag"))
        if "@" in norm.original:
            hits.extend(self._tag_hits(norm, HANDLE_RE, self.handles, "handle"))
        return hits

    def _number_hits(self, m: re.Match, text: str) -> list[Hit]:
        start, end = m.span()
        token = text.count(" ", 0, start) - 1
        if m.group("num"):
            value = _number_value(m.group("num"))
            weight = 0.45 if m.group("bare") else ID_WEIGHT["number"]
            kind = "number"
            if m.group("ctx") and m.group("ctx").startswith("salam"):
                kind = "gesture"
        elif m.group("zero"):
            value, weight, kind = int(m.group("zero")), 0.75, "number"
        elif m.group("fnum") or m.group("fnum2"):
            value, weight, kind = _number_value(m.group("fnum") or m.group("fnum2")), 0.5, "gesture"
        else:
            value, weight, kind = lexicon.GESTURE_EMOJI[m.group("emoji")], 0.6, "gesture"
        return [Hit(kind, key, weight, token, start, end) for key in self.by_number.get(value or -1, ())]

    def _tag_hits(self, norm: Normalized, pattern: re.Pattern, table: dict[str, str], kind: str) -> list[Hit]:
        hits = []
        for m in pattern.finditer(norm.original):
            key = table.get(_tag_key(m.group(1)) if kind == "hashtag" else m.group(1).lower().rstrip("."))
            if key is None:
                continue
            # the canonical position of the tag, for attribution (first canonical char at or after it)
            pos = next((k for k, s in enumerate(norm.starts) if s >= m.start() and norm.text[k] != " "), 0)
            token = norm.text.count(" ", 0, pos) - 1
            hits.append(Hit(kind, key, ID_WEIGHT[kind], token, -m.start() - 1, -m.end() - 1))
        return hits


_CACHE: OrderedDict[int, tuple[Registry, Matcher]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 32


def matcher_for(registry: Registry) -> Matcher:
    """The compiled matcher of `registry`, built once (registries are frozen; keyed by identity, and the
    registry is kept alive with its matcher so the id cannot be reused while cached)."""
    with _CACHE_LOCK:
        found = _CACHE.get(id(registry))
        if found is not None and found[0] is registry:
            _CACHE.move_to_end(id(registry))
            return found[1]
    matcher = Matcher(registry)
    with _CACHE_LOCK:
        _CACHE[id(registry)] = (registry, matcher)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return matcher


def _negated(position: int, negators: list[int], excepts: list[int], stops: list[int], span: int) -> bool:
    """A negator within `span` tokens before `position`, with no contestant mention in between (its
    scope ends there: "jangan pilih 01, pilih 03") and not cancelled by a nearby "selain"/"kecuali"
    ("gak ada pilihan lain selain 03")."""
    for t in negators:
        if not 0 < position - t <= span:
            continue
        if any(t < e <= t + 5 for e in excepts) or any(t < m < position for m in stops):
            continue
        return True
    return False


def _attribute(token: int, mentions: dict[str, list[int]]) -> tuple[str | None, float]:
    """The contestant a cue at `token` is about (the nearest mention, forward first) and a decay."""
    best: tuple[float, str | None] = (math.inf, None)
    for key, tokens in mentions.items():
        for t in tokens:
            distance = (t - token) if t >= token else (token - t) * 1.5
            if distance < best[0]:
                best = (distance, key)
    if best[1] is None:
        return None, 0.0
    decay = 1.0 if best[0] <= 6 else (0.7 if len(mentions) == 1 else 0.3)
    return best[1], decay


@dataclass(frozen=True, slots=True)
class RuleResult:
    """The rules' answer plus the features the model stage combines with the embedding."""

    screening: Screening
    features: tuple[float, ...]  # see FEATURES
    mentions_any: bool  # a contestant, account, hashtag, number or gesture was found: the model's gate
    against_key: str | None = None  # the contestant criticism is aimed at most
    support_key: str | None = None  # the contestant the support cues point at most


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def screen_rules(text: str, matcher: Matcher) -> RuleResult:  # noqa: C901 (the scoring, read in one place)
    """Score one text with the rules only (see the module docstring for the method)."""
    norm = normalize(text)
    hits = matcher.scan(norm)
    mentions: dict[str, list[int]] = {}
    negators = [h.token for h in hits if h.kind == "negation"]
    excepts = [
        h.token
        for h in hits
        if h.kind == "except" or (h.start >= 0 and "selain" in norm.text[h.start : h.end])
    ]
    tallies: dict[str, _Tally] = {}
    for h in hits:
        if h.key is not None:
            mentions.setdefault(h.key, []).append(h.token)
            tallies.setdefault(h.key, _Tally()).ident.append(h)
    stops = sorted({t for tokens in mentions.values() for t in tokens})
    news = min(sum(h.weight for h in hits if h.kind == "news"), 3.0)
    sarcasm = min(sum(h.weight for h in hits if h.kind == "sarcasm"), 2.0)
    question = min(sum(h.weight for h in hits if h.kind in ("question", "neutrality")), 2.0)
    for h in hits:
        if h.kind not in ("call_to_vote", "stance", "criticism"):
            continue
        key, decay = _attribute(h.token, mentions)
        if key is None:
            continue
        flipped = _negated(h.token, negators, excepts, stops, 3)
        if h.kind == "criticism":
            target = tallies[key].support if flipped else tallies[key].against
            target.append((h, h.weight * decay * (0.5 if flipped else 1.0)))
        elif flipped:
            tallies[key].against.append((h, h.weight * decay))
        else:
            tallies[key].support.append((h, h.weight * decay))
    for key, tally in tallies.items():
        numbers = [h for h in tally.ident if h.kind == "number"]
        if len(numbers) >= 2:  # a chant: "02 02 02!!!", "no 2 ... no 2"
            tally.support.append((numbers[1], CHANT))
        for h in tally.ident:
            if _negated(h.token, negators, excepts, stops, 2):
                tally.against.append((Hit("negation", key, 1.2, h.token, h.start, h.end), 1.2))
            if h.kind in SELF_SUPPORT:
                tally.support.append((h, SELF_SUPPORT[h.kind]))

    best_key, best_logit, best_feat = None, -math.inf, (0.0,) * 8
    against_key, against_logit = None, -math.inf
    for key, tally in tallies.items():
        # a weak number or hand ("no 2", "jari dua") counts fully once the text takes a stance for it
        # when a call or praise stands right before it ("pilihannya jelas no 2"), not anywhere in the post
        # ("pilih yg mana ya, baju no 1": the call is about a shirt)
        cues = [c.token + norm.text.count(" ", c.start, c.end) for c, _ in tally.support if c.key is None]
        weights = sorted(
            (
                max(h.weight, 0.9) if any(-2 <= h.token - t <= 3 for t in cues) else h.weight
                for h in tally.ident
            ),
            reverse=True,
        )
        ident = min(weights[0] + 0.25 * sum(weights[1:]), 2.5)
        pos = min(sum(w for _, w in tally.support), 4.0)
        neg = min(sum(w for _, w in tally.against), 4.0)
        sarc = sarcasm if pos > 0 else sarcasm * 0.3
        logit = BIAS_SUPPORT + ident + 1.1 * pos - 1.6 * neg - 1.0 * news - 1.2 * sarc - 1.2 * question
        alogit = BIAS_AGAINST + 0.2 * ident + 1.4 * neg + 0.9 * sarcasm - 0.5 * news
        if logit > best_logit:
            best_key, best_logit = key, logit
            best_feat = (ident, pos, neg, news, sarc, float(len(tally.ident)), float(len(tallies)), logit)
        if alogit > against_logit:
            against_key, against_logit = key, alogit

    features = (*best_feat, against_logit if against_key is not None else -5.0)
    score = _sigmoid(best_logit) if best_key is not None else 0.0
    if best_key is not None and score >= THRESHOLD:
        label, key = "support", best_key
    elif against_key is not None and against_logit > 0:
        label, key = "against", against_key
    else:
        label, key = "neutral", None
    evidence = _explain(norm, hits, tallies)
    screening = Screening(
        score=round(score, 4),
        label=label,
        supports=label == "support",
        contestant_key=key,
        evidence=tuple(evidence),
        path="rules",
    )
    return RuleResult(
        screening=screening,
        features=features,
        mentions_any=bool(tallies),
        against_key=against_key,
        support_key=best_key,
    )


def _explain(norm: Normalized, hits: list[Hit], tallies: dict[str, _Tally]) -> list[Evidence]:
    """Every match, as the user's own words, with the contestant it was attributed to."""
    owner: dict[int, tuple[str | None, float]] = {}
    for owner_key, tally in tallies.items():
        for h, w in (*tally.support, *tally.against):
            owner[id(h)] = (owner_key, w)
    evidence: list[Evidence] = []
    seen: set[tuple[str, str, str | None]] = set()
    for h in sorted(hits, key=lambda h: (h.token, h.start)):
        if h.kind in ("except", "idiom"):
            continue
        source = norm.original[-h.start - 1 : -h.end - 1] if h.start < 0 else norm.source(h.start, h.end)
        key, weight = (h.key, h.weight) if h.key is not None else owner.get(id(h), (None, h.weight))
        kind = h.kind
        # one line per piece of text and contestant: "Prabowo" is a nickname and a part of a name
        item = ("id" if kind in ID_WEIGHT else kind, source.lower(), key)
        if not source or item in seen:
            continue
        seen.add(item)
        evidence.append(Evidence(kind=kind, text=source, contestant_key=key, weight=round(weight, 3)))
    return evidence
