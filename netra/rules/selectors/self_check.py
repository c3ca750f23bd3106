"""Self-check: an ASN's own words → matching conducts, each classified (see netra/rules/search.py)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.elections.selectors import election_candidates_determined_on
from netra.rules import search
from netra.rules.models import Conduct, EmploymentType
from netra.rules.selectors.catalogue import conduct_list, sanctions_by_level
from netra.rules.selectors.classification import Classification, check_employment_type, classify

if TYPE_CHECKING:
    from netra.elections.models import Election

MIN_SELF_CHECK_LENGTH = 3


_INDEX_CACHE = search.IndexCache()


def _conduct_index() -> search.Index:
    """The search index, rebuilt when a conduct is added, removed or saved (updated_at moves)."""
    fingerprint = Conduct.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    key = (fingerprint["n"], fingerprint["last"], fingerprint["top"])

    def build() -> search.Index:
        return search.build_index(
            search.Document(
                key=c.code,
                title=c.title,
                description=c.description,
                keywords=tuple(c.keywords or ()),
                examples=tuple(c.examples or ()),
            )
            for c in Conduct.objects.all()
        )

    return _INDEX_CACHE.get(key, build)


class SelfCheckStatus:
    OK = "ok"
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    NO_MATCH = "no_match"


@dataclass(frozen=True)
class SelfCheckMatch:
    conduct: Conduct
    score: float
    matched_terms: tuple[str, ...]
    classification: Classification


@dataclass(frozen=True)
class SelfCheckResult:
    text: str
    tokens: tuple[str, ...]
    status: str
    message: str
    matches: tuple[SelfCheckMatch, ...] = field(default_factory=tuple)


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


def _classified_matches(
    hits, *, election: "Election | None", incident_date: dt.date | None, employment_type: str
) -> tuple[SelfCheckMatch, ...]:
    """The hits as conducts, best first, each classified (the catalogue and sanctions read once)."""
    conducts = {c.code: c for c in conduct_list().filter(code__in=[h.key for h in hits])}
    determined_on = election_candidates_determined_on(election=election) if election is not None else None
    by_level = sanctions_by_level(employment_type=employment_type, on=incident_date or timezone.localdate())
    return tuple(
        SelfCheckMatch(
            conduct=conducts[h.key],
            score=round(h.score, 3),
            matched_terms=h.matched,
            classification=classify(
                conduct=conducts[h.key],
                incident_date=incident_date,
                election=election,
                employment_type=employment_type,
                determined_on=determined_on,
                sanctions_by_level=by_level,
            ),
        )
        for h in hits
        if h.key in conducts
    )


def self_check(
    *,
    text: str,
    election: "Election | None" = None,
    incident_date: dt.date | None = None,
    employment_type: str = EmploymentType.PNS,
    limit: int = 5,
) -> SelfCheckResult:
    """An ASN describes an activity in everyday Indonesian; we return the matching conducts, best first,
    each classified for the election/date/employment type given. No match gives an empty result and a
    message, never a forced guess."""
    check_employment_type(employment_type)
    text = (text or "").strip()
    refused = _unreadable(text)
    if refused is not None:
        return refused
    tokens = tuple(search.tokenize(text))
    hits = _conduct_index().search(tokens, limit=limit)
    if not hits:
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
    matches = _classified_matches(
        hits, election=election, incident_date=incident_date, employment_type=employment_type
    )
    return SelfCheckResult(
        text,
        tokens,
        SelfCheckStatus.OK,
        _("Kegiatan Anda paling mirip dengan bentuk pelanggaran berikut (yang paling cocok di atas)."),
        matches,
    )
