"""The custody helpers every evidence service uses (inside its own transaction)."""

from django.utils import timezone

from netra.evidence.models import CustodyEvent, Evidence

REPORTER_LABEL = "pelapor"
SYSTEM_LABEL = "sistem"


def actor_or_none(user):
    return user if user is not None and user.is_authenticated else None


def actor_label(user, *, default: str) -> str:
    return user.get_username() if actor_or_none(user) is not None else default


def custody_append(
    *, evidence: Evidence, action: str, user, label: str, note: str = "", at=None
) -> CustodyEvent:
    event = CustodyEvent(
        evidence=evidence,
        action=action,
        actor=actor_or_none(user),
        actor_label=label,
        note=note,
        at=at or timezone.now(),
    )
    event.full_clean()
    event.save()
    return event
