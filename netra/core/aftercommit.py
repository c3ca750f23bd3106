"""Index-style upkeep after commit: collect the ids a transaction touched and refresh them once.

Used by the search index (netra.cases.receivers_search) and the analytics fact table
(netra.analytics.receivers): every change asks for a flush on commit, but only the first flush after a
commit finds work, so a transaction that touched a case ten times refreshes it once. Rolled-back
changes leave their ids pending; the next flush recomputes them from the database, harmlessly.
"""

from collections.abc import Callable, Iterable

from django.db import transaction


def refresh_after_commit(key: str, ids: Iterable[int | None], refresh: Callable[[set[int]], object]) -> None:
    """Add `ids` to this connection's pending set named `key`; after commit, call `refresh` once with
    all of them. robust: a refresh that fails is logged, it must not fail a write that has committed."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return
    connection = transaction.get_connection()
    attr = f"_netra_pending_{key}"
    pending = getattr(connection, attr, None)
    if pending is None:
        pending = set()
        setattr(connection, attr, pending)
    pending.update(wanted)
    transaction.on_commit(lambda: _flush(pending, refresh), robust=True)


def _flush(pending: set[int], refresh: Callable[[set[int]], object]) -> None:
    if not pending:
        return
    ids = set(pending)
    pending.clear()
    refresh(ids)
