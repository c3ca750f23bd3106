"""Possible duplicates of a case: other cases about the same subject, post or file (PEERS.md §7 gap 3).

Two steps, so the work stays bounded however many cases an office holds:

1. **Prefilter in SQL.** Cases the user may see (`restrict`), still open (a merge moves reports into
   a case still being handled: never into a closed, stopped or merged one), of the same election (or
   of none recorded: a Pemilu report is not the same incident as a Pilkada one, and a merge across
   elections would put it on the wrong clocks), created within
   `NETRA_DUPLICATE_WINDOW_DAYS` of this one, and either *near* (same kab/kota, or same election) or
   sharing a *strong key* with it (the same subject record, an identical file, the same stored link —
   found through indexed columns, so a report filed with the wrong office is still found). At most
   `POOL_LIMIT` of them, newest first.
2. **Score in Python** with explainable weights (Dispatch's entity + time window, Atlos' URL/hash):

   ======================================  ======  ==========================================
   signal                                  weight  reason shown to the officer
   ======================================  ======  ==========================================
   same NIP (same subject record)           0.60   NIP terlapor sama (19800101…)
   same subject record (no NIP yet)         0.50   terlapor yang sama (data terlapor tertaut)
   same post URL (tracking removed)         0.60   tautan unggahan yang sama
   identical file (SHA-256)                 0.60   bukti berkas identik (SHA-256)
   same name + agency (titles removed)      0.35   nama dan instansi terlapor sama
   same name, agency unknown on one side    0.25   nama terlapor sama
   incident dates within ±N days            0.15   tanggal kejadian berdekatan (±3 hari)
   similar description (cosine ≥ 0.35)      0.30×s uraian mirip (0,62)
   ======================================  ======  ==========================================

   A case is proposed when its score reaches `THRESHOLD` (0.5). One strong signal is enough; a
   name match needs a second signal (close dates or a similar description: a reporter who knows only
   "Lurah Manggar" and sends the same text twice is proposed); the weak signals
   together reach at most 0.45, so an unrelated case in the same city, in the same week and about the
   same kind of conduct — the everyday situation in a Pilkada — is never proposed on wording alone.
"""

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from netra.agencies.scoping import agency_subtree_ids
from netra.cases.models import TERMINAL_STATES, Case, CaseReport, CaseSubject
from netra.core.exceptions import ApplicationError
from netra.core.scoping import Scope, registered_rules, restrict
from netra.evidence.models import Evidence, EvidenceLink
from netra.rules.search import tokenize

W_NIP = 0.60
W_SAME_PERSON = 0.50
W_URL = 0.60
W_FILE = 0.60
W_NAME_AGENCY = 0.35
W_NAME = 0.25
W_DATE = 0.15
W_TEXT = 0.30
TEXT_MIN_SIMILARITY = 0.35
THRESHOLD = 0.50
POOL_LIMIT = 200
TEXT_MAX_CHARS = 4000
DEFAULT_WINDOW_DAYS = 90
DEFAULT_DATE_TOLERANCE_DAYS = 3
# The weak signals together must stay below the threshold: wording and timing alone never propose a case.
if W_DATE + W_TEXT >= THRESHOLD or W_NAME + W_DATE >= THRESHOLD:
    raise RuntimeError("weak duplicate signals alone must not reach the threshold")

# Host prefixes that serve the same post ("m.facebook.com/…" and "www.facebook.com/…").
_HOST_PREFIXES = ("www.", "m.", "mobile.", "web.", "mbasic.", "touch.")


@dataclass(frozen=True)
class Candidate:
    """One proposed duplicate: the case, a score in [0, 1] and the reasons, in plain Indonesian."""

    case: Case
    score: float
    reasons: list[str] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)  # machine codes: nip, url, file, name_agency, ...


@dataclass
class _Features:
    persons: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # id → (nip, name_key, agency)
    urls: set[str] = field(default_factory=set)  # post keys (see `post_url_key`)
    stored_urls: set[str] = field(default_factory=set)  # as stored, for the indexed SQL lookup
    hashes: set[str] = field(default_factory=set)
    dates: set[dt.date] = field(default_factory=set)
    text: list[str] = field(default_factory=list)
    vector: dict[str, float] = field(default_factory=dict)


def window_days() -> int:
    return int(getattr(settings, "NETRA_DUPLICATE_WINDOW_DAYS", DEFAULT_WINDOW_DAYS))


def date_tolerance_days() -> int:
    return int(getattr(settings, "NETRA_DUPLICATE_DATE_TOLERANCE_DAYS", DEFAULT_DATE_TOLERANCE_DAYS))


def post_url_key(url: str) -> str:
    """The post a link points at: sharer-tracking parameters removed the way `netra.evidence` stores
    links (fbclid, utm_*, igsh, si, …), then scheme, "www."/"m." host prefixes, fragment, trailing slash
    and query order ignored. "https://m.facebook.com/groups/warga/posts/123/?fbclid=x" and
    "https://www.facebook.com/groups/warga/posts/123" give the same key."""
    from netra.evidence.services import evidence_link_prepare

    try:
        url = evidence_link_prepare(url=url).url
    except ApplicationError:
        url = (url or "").strip()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
            break
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{query}" if query else "")


def _region_prefix(case: Case) -> str:
    """The kab/kota of the incident ("64.71.01" → "64.71"); a province-level code stays as it is."""
    code = case.incident_region_id or ""
    return ".".join(code.split(".")[:2])


def _office_scope_q(case: Case) -> Q | None:
    """What the handling office sees, for the system's check on arrival: the same rule the office's
    users get from `restrict` (one visibility rule, never written twice)."""
    office = case.office
    scope = Scope(
        agency_id=office.pk,
        agency_kind=office.kind,
        agency_family=office.family,
        region_prefixes=(office.jurisdiction_code,),
        agency_ids=agency_subtree_ids(office),
        permissions=frozenset({"cases.view_case"}),
    )
    return registered_rules()[(Case, "view")](scope)


def _visible_cases(case: Case, user) -> QuerySet[Case]:
    if user is not None:
        return restrict(Case.objects.all(), user, "view")
    q = _office_scope_q(case)
    return Case.objects.none() if q is None else Case.objects.filter(q)


def _features(case_ids: list[int]) -> dict[int, _Features]:
    """Subjects, links, file hashes, dates and texts of these cases: four queries, whatever their number."""
    out: dict[int, _Features] = defaultdict(_Features)
    subjects = CaseSubject.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "person_id", "person__nip", "person__name_key", "person__agency_key"
    )
    for case_id, person_id, nip, name_key, agency_key in subjects:
        out[case_id].persons[person_id] = (nip, name_key, agency_key)
    links = EvidenceLink.objects.filter(report__case_link__case_id__in=case_ids).values_list(
        "report__case_link__case_id", "url"
    )
    for case_id, url in links:
        out[case_id].stored_urls.add(url)
        out[case_id].urls.add(post_url_key(url))
    hashes = Evidence.objects.filter(report__case_link__case_id__in=case_ids).values_list(
        "report__case_link__case_id", "sha256"
    )
    for case_id, sha in hashes:
        out[case_id].hashes.add(sha)
    reports = CaseReport.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "report__incident_date", "report__description"
    )
    for case_id, incident_date, description in reports:
        if incident_date:
            out[case_id].dates.add(incident_date)
        out[case_id].text.append(description or "")
    return out


def _vector(text: str) -> dict[str, float]:
    """Stemmed tokens (the self-check's Indonesian tokenizer) with sublinear term frequency, unit length."""
    counts = Counter(tokenize(text[:TEXT_MAX_CHARS]))
    weights = {t: 1.0 + math.log(n) for t, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def text_similarity(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _decimal(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _same_name_agency_unknown(mine: _Features, other: _Features) -> bool:
    """The same name where at least one side does not know the agency (a reporter often knows only
    "Lurah Manggar"). Two known, different agencies are two people."""
    return any(
        n1 == n2 and not (a1 and a2)
        for _nip1, n1, a1 in mine.persons.values()
        if n1
        for _nip2, n2, a2 in other.persons.values()
    )


def _score(mine: _Features, other: _Features, case: Case, candidate: Case) -> tuple[float, list, list]:
    score = 0.0
    reasons: list[str] = []
    signals: list[str] = []

    def add(weight: float, code: str, reason: str) -> None:
        nonlocal score
        score += weight
        signals.append(code)
        reasons.append(reason)

    shared_people = set(mine.persons) & set(other.persons)
    with_nip = sorted(mine.persons[p][0] for p in shared_people if mine.persons[p][0])
    if with_nip:
        add(W_NIP, "nip", _("NIP terlapor sama (%(nip)s…)") % {"nip": with_nip[0][:8]})
    elif shared_people:
        add(W_SAME_PERSON, "person", _("terlapor yang sama (data terlapor tertaut)"))
    if mine.urls & other.urls:
        add(W_URL, "url", _("tautan unggahan yang sama"))
    if mine.hashes & other.hashes:
        add(W_FILE, "file", _("bukti berkas identik (SHA-256)"))
    if not shared_people:
        keys = {(n, a) for _nip, n, a in mine.persons.values() if n and a}
        if keys & {(n, a) for _nip, n, a in other.persons.values() if n and a}:
            add(W_NAME_AGENCY, "name_agency", _("nama dan instansi terlapor sama"))
        elif _same_name_agency_unknown(mine, other):
            add(W_NAME, "name", _("nama terlapor sama"))
    if not signals:
        return 0.0, reasons, signals  # weak signals alone cannot reach the threshold: skip the text work
    tolerance = date_tolerance_days()
    dates_a = mine.dates | ({case.incident_date} if case.incident_date else set())
    dates_b = other.dates | ({candidate.incident_date} if candidate.incident_date else set())
    if any(abs((a - b).days) <= tolerance for a in dates_a for b in dates_b):
        add(W_DATE, "date", _("tanggal kejadian berdekatan (±%(n)s hari)") % {"n": tolerance})
    if not mine.vector:
        mine.vector = _vector("\n".join(mine.text) or case.summary)
    other.vector = _vector("\n".join(other.text) or candidate.summary)
    similarity = text_similarity(mine.vector, other.vector)
    if similarity >= TEXT_MIN_SIMILARITY:
        add(W_TEXT * similarity, "text", _("uraian mirip (%(s)s)") % {"s": _decimal(similarity)})
    return min(score, 1.0), reasons, signals


def _pool(case: Case, user, mine: _Features) -> list[Case]:
    window = dt.timedelta(days=window_days())
    base = (
        _visible_cases(case, user)
        .exclude(pk=case.pk)
        .exclude(state__in=TERMINAL_STATES)
        .filter(created_at__gte=case.created_at - window, created_at__lte=case.created_at + window)
    )
    if case.election_id:
        base = base.filter(Q(election_id=case.election_id) | Q(election__isnull=True))
    near = Q(office_id=case.office_id)
    prefix = _region_prefix(case)
    if prefix:
        near |= Q(incident_region__code=prefix) | Q(incident_region__code__startswith=prefix + ".")
    if case.election_id:
        near |= Q(election_id=case.election_id)
    strong = Q()
    if mine.persons:
        strong |= Q(pk__in=CaseSubject.objects.filter(person_id__in=list(mine.persons)).values("case_id"))
    if mine.hashes:
        strong |= Q(
            pk__in=CaseReport.objects.filter(report__evidence__sha256__in=list(mine.hashes)).values("case_id")
        )
    if mine.stored_urls:
        strong |= Q(
            pk__in=CaseReport.objects.filter(report__evidence_links__url__in=list(mine.stored_urls)).values(
                "case_id"
            )
        )
    return list(
        base.filter(near | strong if strong else near)
        .select_related("office", "election", "incident_region")
        .order_by("-created_at", "-id")[:POOL_LIMIT]
    )


def duplicate_candidates(*, case: Case, user, limit: int = 5) -> list[Candidate]:
    """Cases that may be the same incident as `case`, best first, each with its reasons.

    `user` narrows the search to what that user may see; `user=None` is the system's check on arrival,
    narrowed to what the case's handling office sees (never another jurisdiction's cases)."""
    mine = _features([case.pk])[case.pk]
    pool = _pool(case, user, mine)
    if not pool:
        return []
    features = _features([c.pk for c in pool])
    found = []
    for candidate in pool:
        other = features[candidate.pk]
        score, reasons, signals = _score(mine, other, case, candidate)
        if score >= THRESHOLD:
            found.append(Candidate(case=candidate, score=round(score, 2), reasons=reasons, signals=signals))
    found.sort(key=lambda c: (-c.score, -c.case.created_at.timestamp(), -c.case.pk))
    return found[: max(0, limit)]
