"""Writes on notifications: create them for officers or for an agency's officers, send their e-mail
after commit, mark them read.

Rows are created inside the caller's transaction (a transition, an assignment, a deadline sweep), so a
notice exists exactly when the thing it announces does; e-mail leaves only after that transaction
commits (`transaction.on_commit` → the `notifications.send_email` task).
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyFamily, User
from netra.agencies.scoping import agency_subtree_ids
from netra.audit.services import audit_record
from netra.core.exceptions import NotFoundError
from netra.core.scoping import restrict
from netra.core.services import in_record_language
from netra.notifications.models import Notification

logger = logging.getLogger(__name__)
DEFAULT_PERMISSION = "cases.change_case"  # the officers who act on a case


def agency_recipients(*, agency: Agency, permission: str = DEFAULT_PERMISSION) -> list[User]:
    """Active officers of `agency` who hold `permission`. An employing agency (the PPK) acts through
    its BKPSDM and Inspektorat, so their officers are included; a Bawaslu office's kecamatan
    panwaslu are not (the office itself answers for its clock)."""
    agency_ids = (
        agency_subtree_ids(agency) if agency.family == AgencyFamily.EMPLOYER else frozenset({agency.pk})
    )
    return list(
        User.objects.with_perm(permission, is_active=True, include_superusers=False)
        .filter(agency_id__in=agency_ids, agency__is_active=True)
        .order_by("pk")
    )


@in_record_language
def notify_users(
    *,
    users: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    case=None,
    url: str = "",
    exclude: User | None = None,
) -> list[Notification]:
    """One notification per distinct active user (never to `exclude`, e.g. the person who acted)."""
    seen: set[int] = set()
    rows = []
    for user in users:
        if user.pk in seen or not user.is_active or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        rows.append(
            Notification(recipient=user, case=case, kind=kind, title=title[:200], body=body, url=url[:300])
        )
    if not rows:
        return []
    with transaction.atomic():
        made = Notification.objects.bulk_create(rows)
        ids = [n.pk for n in made if n.recipient.email]
        if ids:
            transaction.on_commit(lambda: _queue_email(ids))
    return made


@in_record_language
def notify_agency(
    *,
    agency: Agency,
    kind: str,
    title: str,
    body: str = "",
    case=None,
    url: str = "",
    permission: str = DEFAULT_PERMISSION,
    exclude: User | None = None,
) -> list[Notification]:
    """Notify the officers of `agency` who hold `permission`."""
    return notify_users(
        users=agency_recipients(agency=agency, permission=permission),
        kind=kind,
        title=title,
        body=body,
        case=case,
        url=url,
        exclude=exclude,
    )


def _queue_email(ids: list[int]) -> None:
    from netra.notifications.tasks import notifications_email_task

    notifications_email_task.delay(ids)


@in_record_language
def notifications_email_send(*, notification_ids: list[int]) -> int:
    """Send each not-yet-sent notification to its recipient's address. Returns how many went. Each row
    is locked (skip_locked) while it is sent, so two workers do not both send it; a failed send leaves
    it unsent for the task's retry."""
    sent = 0
    site = settings.NETRA_SITE_URL.rstrip("/")
    for pk in notification_ids:
        with transaction.atomic():
            note = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient")
                .filter(pk=pk, emailed_at__isnull=True)
                .first()
            )
            if note is None or not note.recipient.email or not note.recipient.is_active:
                continue
            link = f"{site}{note.url}" if note.url and site else note.url
            lines = [note.body] if note.body else []
            if link:
                lines.append(_("Buka: %(link)s") % {"link": link})
            lines.append(_("Pesan ini dikirim otomatis oleh Netra; jangan membalas surel ini."))
            send_mail(
                subject=f"[Netra] {note.title}",
                message="\n\n".join(lines),
                from_email=None,
                recipient_list=[note.recipient.email],
            )
            note.emailed_at = timezone.now()
            note.save(update_fields=["emailed_at"])
            sent += 1
    return sent


def reporter_news_email_send(*, report_id: int) -> bool:
    """Tell a reporter who opted in that their report has news: "ada pembaruan pada laporan Anda", the
    handling office's name and where to look. Never the report's content, number or status (an inbox
    is read by others too). At most one e-mail per report per NETRA_REPORTER_NEWS_MIN_MINUTES: the
    status page shows everything that happened meanwhile. Returns whether an e-mail went.

    The sealed identity is opened only when the rate gate lets an e-mail through, and every e-mail sent
    leaves an audit row (`report.reporter_notified`, no address in it): opening a reporter's identity is
    always on the record, even when a machine does it for the reporter's own request."""
    from netra.intake.crypto import IdentityKeyUnavailableError
    from netra.intake.notices import reporter_notice_for

    gate = f"notifications:reporter-news:{report_id}"
    if not cache.add(gate, 1, timeout=settings.NETRA_REPORTER_NEWS_MIN_MINUTES * 60):
        return False
    try:
        notice = reporter_notice_for(report_id=report_id)
    except IdentityKeyUnavailableError:
        cache.delete(gate)  # a worker with the key may still send it
        logger.warning("reporter news for report %s: this worker holds no identity key", report_id)
        return False
    if notice is None:
        return False
    site = settings.NETRA_SITE_URL.rstrip("/")
    try:
        send_mail(
            subject=_("[Netra] Ada pembaruan pada laporan Anda"),
            message="\n\n".join(
                [
                    _("Ada pembaruan pada laporan Anda di %(office)s.") % {"office": notice.office_name},
                    _(
                        "Buka halaman Cek laporan %(link)s dan masukkan kode tanda terima Anda untuk melihatnya."
                    )
                    % {"link": f"{site}/lapor/cek/" if site else "/lapor/cek/"},
                    _(
                        "Surel ini sengaja tidak memuat isi laporan. Anda menerimanya karena memintanya saat "
                        "melapor; jangan membalas surel ini."
                    ),
                ]
            ),
            from_email=None,
            recipient_list=[notice.email],
        )
    except OSError:
        cache.delete(gate)  # the task retries; the gate must not swallow the retry
        raise
    with transaction.atomic():
        audit_record(
            actor=None,
            action="report.reporter_notified",
            object_type="intake.report",
            object_id=str(report_id),
            after={"channel": "email", "identity_opened": True, "office": notice.office_name},
        )
    return True


def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (someone else's is not found)."""
    with transaction.atomic():
        note = (
            restrict(Notification.objects.filter(recipient_id=user.pk), user, "change")
            .select_for_update()
            .filter(pk=notification_id)
            .first()
        )
        if note is None:
            raise NotFoundError(_("Notifikasi tidak ditemukan."))
        if note.read_at is None:
            note.read_at = timezone.now()
            note.save(update_fields=["read_at"])
            audit_record(actor=user, action="notification.read", instance=note, after={"read": True})
    return note


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    with transaction.atomic():
        qs = restrict(Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True), user, "change")
        count = qs.update(read_at=timezone.now())
        audit_record(
            actor=user,
            action="notification.read_all",
            object_type="notifications.notification",
            object_id=str(user.pk),
            after={"count": count},
        )
    return count
