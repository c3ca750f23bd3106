"""Writes about staff sign-in: sessions opened and ended, accounts disabled and unlocked.

Every function audits in its own transaction (CONVENTIONS §3). The second factor lives in
`twofactor.py`; the reads in `selectors.py`.
"""

import ipaddress
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from netra.accounts.models import StaffSession
from netra.audit.services import audit_record


def client_ip(request) -> str | None:
    """The client address as the lockout and the session list see it.

    X-Forwarded-For is read only when NETRA_TRUST_X_FORWARDED_FOR says the proxy sets it (its own
    addition is the last entry); otherwise anyone could pick a new address per attempt."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.NETRA_TRUST_X_FORWARDED_FOR:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            address = forwarded[-1]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _session_store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def session_open(*, request, user) -> StaffSession | None:
    """Record a password sign-in (called by the login view right after `login()`)."""
    key = request.session.session_key
    if not key:
        return None
    now = timezone.now()
    with transaction.atomic():
        StaffSession.objects.filter(session_key=key).delete()  # a reused key (should not happen)
        row = StaffSession.objects.create(
            user=user,
            session_key=key,
            started_at=now,
            last_seen_at=now,
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        audit_record(
            actor=user,
            action="account.login",
            instance=user,
            after={"session": row.pk, "ip": row.ip_address or ""},
        )
    return row


def session_end(*, actor, staff_session: StaffSession, reason: str) -> bool:
    """End one session: remove it from the session store (the device is signed out at its next
    request) and record why. Returns False when it had already ended."""
    with transaction.atomic():
        row = StaffSession.objects.select_for_update().filter(pk=staff_session.pk, ended_at=None).first()
        if row is None:
            return False
        row.ended_at = timezone.now()
        row.end_reason = reason
        row.save(update_fields=["ended_at", "end_reason"])
        audit_record(
            actor=actor,
            action="account.session_end",
            instance=row.user,
            after={"session": row.pk, "reason": reason},
        )
        # In the same transaction (database sessions): the row and the session end together.
        _session_store(row.session_key).delete()
    return True


def session_end_by_key(*, actor, session_key: str | None, reason: str) -> bool:
    """End the session with this store key, if it is a recorded staff session."""
    row = StaffSession.objects.filter(session_key=session_key or "", ended_at=None).first()
    return bool(row) and session_end(actor=actor, staff_session=row, reason=reason)


def sessions_end_for_user(*, actor, user, reason: str, keep_session_key: str | None = None) -> int:
    """End every open session of `user` but `keep_session_key` (the one the request came on)."""
    rows = StaffSession.objects.filter(user=user, ended_at=None).exclude(session_key=keep_session_key or "")
    return sum(session_end(actor=actor, staff_session=row, reason=reason) for row in rows)


def session_touch(*, session_key: str | None) -> None:
    """Keep 'last active' on the security page roughly current (called at most every few minutes)."""
    if session_key:
        StaffSession.objects.filter(session_key=session_key, ended_at=None).update(
            last_seen_at=timezone.now()
        )


def session_mark_second_factor(*, session_key: str | None) -> None:
    if session_key:
        StaffSession.objects.filter(session_key=session_key).update(second_factor=True)


def account_disable(*, actor, user) -> int:
    """Disable an account and end all its sessions at once; returns the number of sessions ended.

    `is_active=False` alone already refuses the account at its next request (Django's backend does
    not return inactive users); the sessions are removed too so nothing of them stays usable."""
    with transaction.atomic():
        was_active = user.is_active
        user.is_active = False
        user.save(update_fields=["is_active"])
        ended = sessions_end_for_user(actor=actor, user=user, reason=StaffSession.EndReason.ACCOUNT_DISABLED)
        audit_record(
            actor=actor,
            action="account.disable",
            instance=user,
            before={"is_active": was_active},
            after={"is_active": False, "sessions_ended": ended},
        )
    return ended


def account_unlock(*, actor, username: str) -> int:
    """Lift a login lockout (django-axes) for a username; returns the failed attempts cleared."""
    from axes.utils import reset

    with transaction.atomic():
        cleared = reset(username=username)
        audit_record(
            actor=actor,
            action="account.unlock",
            object_type="agencies.user",
            object_id=username,
            object_repr=username,
            after={"attempts_cleared": cleared},
        )
    return cleared


def login_failure_record(*, username: str, request, locked_out: bool) -> None:
    """Audit a refused password (or a lockout). The password is never recorded."""
    with transaction.atomic():
        audit_record(
            actor=None,
            action="account.locked_out" if locked_out else "account.login_failed",
            object_type="agencies.user",
            object_id=(username or "")[:150],
            object_repr=(username or "")[:150],
            after={"ip": client_ip(request) or ""},
        )
