"""Indonesian text → ranked conducts, for the self-check ("Boleh tidak saya like postingan calon bupati?").

Pure functions, no database: the selectors build an `Index` from the catalogue rows and cache it.

Normalisation, in this order (each step exists because the next would otherwise get it wrong):
1. phrases → one token ("tim sukses" → timses, "dua jari" → simboljari, "alat peraga" → apk);
2. slang and loanwords → one canonical token *before* stemming (Sastrawi would turn "pasangan" into
   "pasang" and confuse "pasangan calon" with "pasang baliho"; "relawan" into "rawan"; and its stopword
   list drops "datang", "bagi" and "bersama", which matter here);
3. Sastrawi stopwords (plus chat slang like "gak", "sih") are removed;
4. the rest is stemmed with Sastrawi (built once per process: building it loads its dictionary).

Ranking is BM25 over fields weighted keywords > title > examples > description. A conduct matches only
if the text names at least one of its *distinctive* terms (present in at most half of the conducts), and
either a second distinctive term or an election context word (a term most conducts share, like "calon"
or "partai", or one of `CONTEXT_TERMS`). So "calon" alone matches nothing, and neither does an everyday
"rapat anggaran di kantor" that happens to share one word with a conduct.
"""

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

FIELD_WEIGHTS: dict[str, float] = {"keywords": 3.0, "title": 2.0, "examples": 1.5, "description": 1.0}
BM25_K1 = 1.2
BM25_B = 0.75
# A conduct is listed only if it scores at least this share of the best match (drops the long tail).
RELATIVE_CUTOFF = 0.35
# A term found in more than this share of the conducts is not distinctive enough to match on its own.
DISTINCTIVE_MAX_SHARE = 0.5

# Words that put a text in an election context, besides the terms most conducts share.
CONTEXT_TERMS = frozenset(
    {
        "calon",
        "partai",
        "kampanye",
        "timses",
        "pemilu",
        "pilkada",
        "pilpres",
        "pileg",
        "pilih",
        "politik",
        "coblos",
    }
)

# Multi-word expressions, applied to the lower-cased text before tokenising.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"\b(simbol|salam|pose|gaya|gestur|isyarat)\s+(\w+\s+)?(jari|tangan)\b", " simboljari "),
    (r"\b(satu|dua|tiga|empat|lima|[1-5])\s+jari\b", " simboljari "),
    (r"\bgerakan\s+tangan\b", " simboljari "),
    (r"\btim\s+(sukses|pemenangan|kampanye)\b", " timses "),
    (r"\btim\s+ahli\b", " timahli "),
    (r"\bjuru\s+kampanye\b", " jurkam "),
    (r"\brapat\s+umum\b", " rapatumum "),
    (r"\bwali\s+kota\b", " walikota "),
    (r"\balat\s+peraga(\s+kampanye)?\b", " apk "),
    (r"\bkartu\s+tanda\s+penduduk\b", " ktp "),
    (r"\bsurat\s+keterangan(\s+tanda)?(\s+penduduk)?\b", " suket "),
    (r"\bcuti\s+di\s+luar\s+tanggungan\s+negara\b", " cltn "),
    (r"\bmedia\s+sosial\b", " medsos "),
    (r"\bpartai\s+politik\b", " partai "),
    (r"\b(calon|jalur)\s+(perseorangan|independen)\b", " calon perseorangan "),
    (r"\bbakal\s+calon\b", " calon "),
    (r"\bpasangan\s+calon\b", " calon "),
    (r"\bbantuan\s+sosial\b", " bansos "),
    (r"\bfoto\s?(copy|kopi)\b", " fotokopi "),
    (r"\bkartu\s+(tanda\s+)?anggota\b", " kta "),
)

# Slang, loanwords and inflections → canonical token (checked on the raw token, before stemming).
_SYNONYM_GROUPS: dict[str, tuple[str, ...]] = {
    "like": ("like", "likes", "liked", "ngelike", "nglike", "dilike", "love", "suka", "menyukai", "disukai"),
    "komentar": ("komentar", "komen", "comment", "komentari", "berkomentar", "dikomentari", "ngomen"),
    "share": (
        "share",
        "bagikan",
        "membagikan",
        "dibagikan",
        "sebar",
        "sebarkan",
        "menyebarkan",
        "disebarkan",
        "repost",
        "retweet",
        "regram",
        "reshare",
        "forward",
        "teruskan",
        "meneruskan",
    ),
    "posting": (
        "posting",
        "postingan",
        "post",
        "memposting",
        "diposting",
        "unggah",
        "unggahan",
        "mengunggah",
        "diunggah",
        "upload",
        "diupload",
        "postang",
    ),
    "follow": ("follow", "followers", "follower", "memfollow", "difollow", "subscribe", "subscribers"),
    "gabung": ("gabung", "bergabung", "join", "masuk"),
    "grup": ("grup", "group", "grub", "gc", "wag"),
    "whatsapp": ("wa", "whatsapp", "watsap", "telegram"),
    "medsos": (
        "medsos",
        "sosmed",
        "facebook",
        "fb",
        "instagram",
        "ig",
        "twitter",
        "tiktok",
        "youtube",
        "online",
        "daring",
        "threads",
    ),
    "foto": ("foto", "poto", "photo", "selfie", "swafoto", "wefie", "berfoto", "difoto", "potret"),
    "bersama": ("bersama", "bareng", "barengan"),
    "ikut": ("ikut", "ikuti", "mengikuti", "diikuti", "ikutan", "turut", "keikutsertaan"),
    "calon": (
        "calon",
        "paslon",
        "capres",
        "cawapres",
        "cagub",
        "cawagub",
        "cabup",
        "cawabup",
        "cawalkot",
        "cawawalkot",
        "caleg",
        "bacaleg",
        "bacalon",
        "kandidat",
        "petahana",
        "incumbent",
        "bupati",
        "gubernur",
        "walikota",
        "presiden",
        "wapres",
        "pasangan",
    ),
    "partai": ("partai", "parpol"),
    "nyalon": ("nyalon", "nyaleg", "mencalonkan", "dicalonkan", "pencalonan", "maju"),
    "kampanye": ("kampanye", "berkampanye", "kampanyekan", "dikampanyekan", "campaign", "kampanyenya"),
    "hadir": ("hadir", "menghadiri", "dihadiri", "hadiri", "datang", "mendatangi", "dateng"),
    "timses": ("timses", "relawan", "sukarelawan", "volunteer"),
    "ktp": ("ktp", "ektp", "e-ktp", "kk"),
    "fotokopi": ("fotokopi", "fotocopy", "fc", "salinan"),
    "perseorangan": ("perseorangan", "independen", "nonpartai"),
    "suamiistri": ("suami", "istri", "isteri", "bini"),
    "dukung": ("dukung", "support", "mendukung", "dukungan", "didukung", "pendukung"),
    "pasang": ("pasang", "memasang", "dipasang", "pasangin", "tempel", "menempel", "ditempel", "nempel"),
    "spanduk": ("spanduk", "banner", "spanduknya"),
    "stiker": ("stiker", "sticker"),
    "kaus": ("kaus", "kaos", "jersey"),
    "anggota": ("anggota", "member", "keanggotaan"),
    "deklarasi": ("deklarasi", "deklarasikan", "mendeklarasikan"),
    "sosialisasi": ("sosialisasi", "sosialisasikan", "mensosialisasikan"),
}
SYNONYMS: dict[str, str] = {
    _word: _canonical for _canonical, _words in _SYNONYM_GROUPS.items() for _word in _words
}

# Chat slang the Sastrawi list lacks, and place words that say where, not what (a meeting "di kantor
# kecamatan" is not a campaign because a catalogue example mentions a kecamatan).
EXTRA_STOPWORDS = frozenset(
    {
        "kecamatan",
        "kelurahan",
        "kabupaten",
        "kota",
        "provinsi",
        "kampung",
        "rt",
        "rw",
        "balai",
        "kantor",
        "lapangan",
        "gedung",
        "aula",
        "pns",
        "asn",
        "pppk",
        "cpns",
        "gak",
        "ga",
        "nggak",
        "ngga",
        "enggak",
        "tdk",
        "gk",
        "sih",
        "dong",
        "deh",
        "nih",
        "tuh",
        "aja",
        "saja",
        "yg",
        "kalo",
        "kalau",
        "gimana",
        "bagaimana",
        "pak",
        "bu",
        "bapak",
        "ibu",
        "min",
        "kak",
        "mas",
        "mbak",
        "apakah",
        "apa",
        "bolehkah",
        "boleh",
        "tidak",
        "saya",
        "aku",
        "kami",
        "kita",
        "sy",
        "dgn",
        "utk",
        "untuk",
        "ke",
        "di",
        "dari",
        "pada",
        "yang",
        "dan",
        "atau",
        "itu",
        "ini",
        "jadi",
    }
)
_SLANG_PREFIXES = ("nge", "ng", "di", "ter", "me")
_SLANG_SUFFIXES = ("in", "kan", "nya")
_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words()) | EXTRA_STOPWORDS


def _canonical(token: str) -> str | None:
    """The canonical form of a slang/loanword token, also with affixes (ngeshare, komenin, sharenya)."""
    if token in SYNONYMS:
        return SYNONYMS[token]
    for prefix in _SLANG_PREFIXES:
        if token.startswith(prefix) and token[len(prefix) :] in SYNONYMS:
            return SYNONYMS[token[len(prefix) :]]
    for suffix in _SLANG_SUFFIXES:
        if token.endswith(suffix) and token[: -len(suffix)] in SYNONYMS:
            return SYNONYMS[token[: -len(suffix)]]
    return None


@lru_cache(maxsize=4096)
def _normalise_token(token: str) -> str | None:
    canonical = _canonical(token)
    if canonical is not None:
        return canonical
    if token in _stopwords() or len(token) < 2 or token.isdigit():
        return None
    stem = _stemmer().stem(token)
    if not stem or len(stem) < 2:
        return None
    return SYNONYMS.get(stem, stem)


def tokenize(text: str) -> list[str]:
    """Normalised tokens of an Indonesian text (order kept, duplicates kept)."""
    text = (text or "").lower()
    text = re.sub(r"\b(nge|di|me)-(?=[a-z])", r"\1", text)  # nge-like → ngelike, di-share → dishare
    text = text.replace("e-ktp", "ektp")
    for pattern, replacement in PHRASES:
        text = re.sub(pattern, replacement, text)
    tokens = []
    for raw in _TOKEN.findall(text):
        token = _normalise_token(raw)
        if token:
            tokens.append(token)
    return tokens


@dataclass(frozen=True)
class Document:
    """What the index needs of one conduct (the selectors build these from the rows)."""

    key: str
    title: str
    description: str
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    key: str
    score: float
    matched: tuple[str, ...]


@dataclass
class Index:
    """BM25 over weighted term frequencies of the four fields."""

    tf: dict[str, dict[str, float]] = field(default_factory=dict)
    length: dict[str, float] = field(default_factory=dict)
    df: Counter = field(default_factory=Counter)
    avg_length: float = 0.0

    @property
    def size(self) -> int:
        return len(self.tf)

    def idf(self, term: str) -> float:
        n, df = self.size, self.df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def is_distinctive(self, term: str) -> bool:
        return 0 < self.df.get(term, 0) <= max(1, DISTINCTIVE_MAX_SHARE * self.size)

    def search(self, tokens: Iterable[str], *, limit: int = 5) -> list[Hit]:
        terms = list(dict.fromkeys(tokens))  # each query term counts once, in order
        if not self.size or not any(self.is_distinctive(t) for t in terms):
            return []
        in_context = any(t in CONTEXT_TERMS or (t in self.df and not self.is_distinctive(t)) for t in terms)
        hits = []
        for key, tf in self.tf.items():
            matched = tuple(t for t in terms if t in tf)
            distinctive = [t for t in matched if self.is_distinctive(t)]
            if not distinctive or (len(distinctive) < 2 and not in_context):
                continue
            norm = BM25_K1 * (1 - BM25_B + BM25_B * self.length[key] / self.avg_length)
            score = sum(self.idf(t) * tf[t] * (BM25_K1 + 1) / (tf[t] + norm) for t in matched)
            hits.append(Hit(key, score, matched))
        if not hits:
            return []
        hits.sort(key=lambda h: (-h.score, h.key))
        best = hits[0].score
        return [h for h in hits if h.score >= RELATIVE_CUTOFF * best][:limit]


def build_index(documents: Iterable[Document]) -> Index:
    index = Index()
    for doc in documents:
        fields = {
            "keywords": " . ".join(doc.keywords),
            "title": doc.title,
            "examples": " . ".join(doc.examples),
            "description": doc.description,
        }
        tf: Counter = Counter()
        length = 0.0
        for name, text in fields.items():
            tokens = tokenize(text)
            weight = FIELD_WEIGHTS[name]
            for token in tokens:
                tf[token] += weight
            length += weight * len(tokens)
        index.tf[doc.key] = dict(tf)
        index.length[doc.key] = length or 1.0
        index.df.update(tf.keys())
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
