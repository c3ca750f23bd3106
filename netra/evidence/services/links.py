"""Evidence links: posts on Facebook, Instagram, TikTok, X, YouTube, WhatsApp and elsewhere."""

import hashlib
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError
from netra.evidence.models import EvidenceLink, Platform
from netra.evidence.services.custody import actor_or_none

_PLATFORM_DOMAINS = {
    Platform.FACEBOOK: ("facebook.com", "fb.com", "fb.watch", "fb.me"),
    Platform.INSTAGRAM: ("instagram.com", "instagr.am"),
    Platform.TIKTOK: ("tiktok.com",),
    Platform.X: ("x.com", "twitter.com", "t.co"),
    Platform.YOUTUBE: ("youtube.com", "youtu.be", "youtube-nocookie.com"),
    Platform.WHATSAPP: ("whatsapp.com", "wa.me", "whatsapp.net"),
}
# Query parameters that identify the person who SHARED a link (the reporter), not the post. They are
# removed before the link is stored: an officer opening it must not tell the platform who shared it.
_SHARER_PARAMS_ANY = {"fbclid", "gclid", "igsh", "igshid", "mibextid"}
_SHARER_PARAMS = {
    Platform.YOUTUBE: {"si", "feature"},
    Platform.X: {"s", "t"},
    Platform.TIKTOK: {
        "_r", "_t", "u_code", "sender_device", "sender_web_id", "share_app_id", "share_link_id",
        "share_item_id", "is_from_webapp", "is_copy_url", "tt_from", "web_id", "checksum",
    },
    Platform.FACEBOOK: {"__cft__[0]", "__tn__", "rdid", "share_url", "sfnsn", "xmt"},
}  # fmt: skip


def link_platform(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for platform, domains in _PLATFORM_DOMAINS.items():
        if any(host == domain or host.endswith("." + domain) for domain in domains):
            return platform
    return Platform.OTHER


def _without_sharer_params(url: str, platform: str) -> str:
    parts = urlsplit(url)
    if not parts.query:
        return url
    drop = _SHARER_PARAMS_ANY | _SHARER_PARAMS.get(platform, set())
    params = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in params if k not in drop and not k.startswith("utm_")]
    if len(kept) == len(params):
        return url  # nothing to remove: keep the query exactly as given
    return urlunsplit(parts._replace(query=urlencode(kept)))


def evidence_link_prepare(*, url: str, captured_at=None, note: str = "") -> EvidenceLink:
    """Validate and normalise a link (http/https only; sharer-tracking parameters removed; platform from
    the host) without saving it. `captured_at` is when the reporter saw/recorded the post (default now)."""
    url = (url or "").strip()
    invalid = ApplicationError(
        _("Tautan tidak valid: hanya alamat yang diawali http:// atau https:// yang diterima."),
        code="invalid-link",
    )
    if len(url) > 2000:
        raise invalid
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise invalid from None
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ApplicationError(
            _("Tautan tidak boleh memuat nama pengguna atau kata sandi."), code="invalid-link"
        )
    platform = link_platform(url)
    url = _without_sharer_params(url, platform)
    now = timezone.now()
    if captured_at is None:
        captured_at = now
    elif timezone.is_naive(captured_at):
        raise ValueError("captured_at must be timezone-aware")
    elif captured_at > now + timedelta(minutes=5):
        raise ApplicationError(
            _("Waktu melihat atau merekam tidak boleh di masa depan."), code="invalid-link"
        )
    return EvidenceLink(url=url, platform=platform, captured_at=captured_at, note=note.strip())


def evidence_links_attach(
    *, report, links: list[EvidenceLink], user=None, audited: bool = True
) -> list[EvidenceLink]:
    """Store prepared links on `report` in one insert. `audited=False` when the caller's own audit row
    already records them (a public submission records its link count)."""
    for link in links:
        link.report = report
    # Inside a caller's transaction (a submission) no savepoint is needed: any failure aborts it whole.
    with transaction.atomic(savepoint=False):
        created = EvidenceLink.objects.bulk_create(links)
        if audited:
            for link in created:
                audit_record(
                    actor=actor_or_none(user),
                    action="evidence.link_add",
                    instance=link,
                    after={
                        "report": report.pk,
                        "platform": link.platform,
                        "host": (urlsplit(link.url).hostname or "").lower(),
                        "url_sha256": hashlib.sha256(link.url.encode()).hexdigest(),
                        "captured_at": link.captured_at,
                    },
                )
    return created


def evidence_link_add(*, report, url: str, captured_at=None, note: str = "", user=None) -> EvidenceLink:
    """Validate one link and attach it to `report`, audited."""
    link = evidence_link_prepare(url=url, captured_at=captured_at, note=note)
    return evidence_links_attach(report=report, links=[link], user=user)[0]
