"""The moment an operation is recorded at.

Services take `now` so that a test's fixed day, an import of history or the demo's past cases are
recorded when they happened, not when the code ran. Rows created deep inside such an operation (a
timeline line, the case itself) cannot all be handed `now` one by one; instead the service runs its
writes inside `recorded_at(now)`, and model fields whose default is `record_time` take that moment.
Outside such a block `record_time()` is simply `timezone.now()`.
"""

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_current: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "netra_recorded_at", default=None
)


@contextmanager
def recorded_at(now: dt.datetime | None) -> Iterator[None]:
    token = _current.set(now)
    try:
        yield
    finally:
        _current.reset(token)


def record_time() -> dt.datetime:
    return _current.get() or timezone.now()
