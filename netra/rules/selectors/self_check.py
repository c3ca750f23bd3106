"""Self-check: an ASN's own words → a first answer (boleh / tidak boleh / tergantung) and the matching
acts, each classified (see netra/rules/search.py)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.elections.selectors import election_candidates_determined_on
from netra.rules import search
from netra.rules.models import Conduct, EmploymentType, PermittedAct, Verdict
from netra.rules.selectors.catalogue import conduct_list, sanctions_by_level
from netra.rules.selectors.classification import Classification, check_employment_type, classify

if TYPE_CHECKING:
    from netra.elections.models import Election

MIN_SELF_CHECK_LENGTH = 3


_INDEX_CACHE = search.IndexCache()


def _fingerprint(model) -> tuple:
    row = model.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    return (row["n"], row["last"], row["top"])


def _act_index() -> search.Index:
    """The search index over conducts and active permitted acts, rebuilt when either table changes."""
    key = (_fingerprint(Conduct), _fingerprint(PermittedAct))

    def build() -> search.Index:
        return search.build_index(
            search.catalogue_documents(
                conducts=Conduct.objects.all(), permitted_acts=PermittedAct.objects.filter(is_active=True)
            )
        )

    return _INDEX_CACHE.get(key, build)


class SelfCheckStatus:
    OK = "ok"
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    NO_MATCH = "no_match"


@dataclass(frozen=True)
class SelfCheckMatch:
    """One act that matches: a prohibited conduct (with its classification) or a permitted act (with the
    conducts it turns into when its condition fails)."""

    score: float
    matched_terms: tuple[str, ...]  # internal tokens (for tests and tuning, never shown)
    matched_words: tuple[str, ...]  # the user's own words, as typed
    verdict: str
    conduct: Conduct | None = None
    classification: Classification | None = None
    permitted: PermittedAct | None = None
    related: tuple[Conduct, ...] = ()

    @property
    def key(self) -> str:
        return self.conduct.code if self.conduct is not None else self.permitted.code  # type: ignore[union-attr]

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)


@dataclass(frozen=True)
class SelfCheckResult:
    text: str
    tokens: tuple[str, ...]
    status: str
    message: str
    matches: tuple[SelfCheckMatch, ...] = field(default_factory=tuple)

    @property
    def answer(self) -> SelfCheckMatch | None:
        """The best match: its verdict is the page's first answer."""
        return self.matches[0] if self.matches else None

    @property
    def verdict(self) -> str | None:
        return self.answer.verdict if self.answer is not None else None


def _unreadable(text: str) -> SelfCheckResult | None:
    """Answer an empty or too short description before searching (None: the text can be searched)."""
    if not text:
        return SelfCheckResult(
            text,
            (),
            SelfCheckStatus.EMPTY,
            _(
                "Ceritakan kegiatan Anda terlebih dahulu, misalnya: "
                "“menyukai unggahan calon bupati di Instagram”."
            ),
        )
    if sum(ch.isalpha() for ch in text) < MIN_SELF_CHECK_LENGTH:
        return SelfCheckResult(
            text,
            (),
            SelfCheckStatus.TOO_SHORT,
            _("Uraian terlalu pendek. Tuliskan kegiatan Anda dalam satu kalimat."),
        )
    return None


def _matches(
    hits, *, text: str, election: "Election | None", incident_date: dt.date | None, employment_type: str
) -> tuple[SelfCheckMatch, ...]:
    """The hits as acts, best first; conducts classified (the catalogue and sanctions read once)."""
    keys = [h.key for h in hits]
    permitted = {p.code: p for p in PermittedAct.objects.filter(is_active=True, code__in=keys)}
    related_codes = {c for p in permitted.values() for c in p.related_conducts}
    conducts = {c.code: c for c in conduct_list().filter(code__in=[*keys, *related_codes])}
    determined_on = election_candidates_determined_on(election=election) if election is not None else None
    by_level = sanctions_by_level(employment_type=employment_type, on=incident_date or timezone.localdate())
    out = []
    for h in hits:
        words = search.matched_words(text, h.matched)
        if h.key in permitted:
            act = permitted[h.key]
            out.append(
                SelfCheckMatch(
                    score=round(h.score, 3),
                    matched_terms=h.matched,
                    matched_words=words,
                    verdict=act.verdict,
                    permitted=act,
                    related=tuple(conducts[c] for c in act.related_conducts if c in conducts),
                )
            )
        elif h.key in conducts:
            conduct = conducts[h.key]
            out.append(
                SelfCheckMatch(
                    score=round(h.score, 3),
                    matched_terms=h.matched,
                    matched_words=words,
                    verdict=conduct.verdict,
                    conduct=conduct,
                    classification=classify(
                        conduct=conduct,
                        incident_date=incident_date,
                        election=election,
                        employment_type=employment_type,
                        determined_on=determined_on,
                        sanctions_by_level=by_level,
                    ),
                )
            )
    return tuple(out)


def self_check(
    *,
    text: str,
    election: "Election | None" = None,
    incident_date: dt.date | None = None,
    employment_type: str = EmploymentType.PNS,
    limit: int = 5,
) -> SelfCheckResult:
    """An ASN describes an activity in everyday Indonesian; we answer boleh / tidak boleh / tergantung
    from the best-matching act, and list the matching acts, best first, each classified for the
    election/date/employment type given. No match gives an empty result and a message, never a guess."""
    check_employment_type(employment_type)
    text = (text or "").strip()
    refused = _unreadable(text)
    if refused is not None:
        return refused
    tokens = tuple(search.tokenize(text))
    hits = _act_index().search(tokens, limit=limit)
    matches = (
        _matches(
            hits, text=text, election=election, incident_date=incident_date, employment_type=employment_type
        )
        if hits
        else ()
    )
    if not matches:
        return SelfCheckResult(
            text,
            tokens,
            SelfCheckStatus.NO_MATCH,
            _(
                "Tidak ditemukan bentuk pelanggaran netralitas yang cocok dengan uraian Anda. Coba jelaskan "
                "dengan kata lain (mis. “membagikan video kampanye”, “memasang baliho”) atau "
                "baca daftar aturan lengkap. Tidak cocok belum tentu berarti boleh."
            ),
        )
    return SelfCheckResult(
        text,
        tokens,
        SelfCheckStatus.OK,
        _(
            "Jawaban di atas berasal dari kegiatan yang paling cocok; kegiatan lain yang mirip ada di bawahnya."
        ),
        matches,
    )
