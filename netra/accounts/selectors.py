from netra.accounts.models import StaffSession

RECENT_SESSIONS = 20


def sessions_recent_for(*, user) -> list[StaffSession]:
    """The person's own recent sign-ins, newest first (their security page)."""
    return list(StaffSession.objects.filter(user=user)[:RECENT_SESSIONS])


def session_of_user(*, user, pk: int) -> StaffSession | None:
    """One of the person's own sessions (anyone else's is simply not found)."""
    return StaffSession.objects.filter(user=user, pk=pk).first()
