"""Root conftest: shared fixtures live in each app's tests/fixtures.py and are registered here.

`NETRA_TEST_CLOCK_SHIFT_DAYS=N` runs the whole session N days in the future (or the past, N < 0): the
clock is moved (and keeps ticking) in every process, xdist workers included, so `timezone.now()`,
`date.today()` and `datetime.now()` all answer "real now + N days". A test that passes today but fails
shifted reads the real clock where it should take `now`/`today` from its own setup. PostgreSQL's
own now() is not moved: the application never uses it (every timestamp is written from Python).
"""

import datetime as dt
import os

pytest_plugins = ["netra.agencies.tests.fixtures", "netra.cases.tests.fixtures"]


import pytest  # noqa: E402

CLOCK_SHIFT_ENV = "NETRA_TEST_CLOCK_SHIFT_DAYS"
_clock = pytest.StashKey[object]()


def _clock_shift_days() -> int:
    raw = os.environ.get(CLOCK_SHIFT_ENV, "").strip()
    try:
        return int(raw or 0)
    except ValueError:
        raise pytest.UsageError(f"{CLOCK_SHIFT_ENV} must be a whole number of days, not {raw!r}") from None


def pytest_configure(config):
    days = _clock_shift_days()
    if days:
        import time_machine

        traveller = time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=days), tick=True)
        traveller.start()
        config.stash[_clock] = traveller


def pytest_unconfigure(config):
    traveller = config.stash.get(_clock, None)
    if traveller is not None:
        traveller.stop()


def _clock_line() -> str:
    days = _clock_shift_days()
    if not days:
        return f"clock: real ({CLOCK_SHIFT_ENV}=N moves it N days)"
    now = dt.datetime.now(dt.UTC)
    return f"clock: shifted {days:+d} days ({CLOCK_SHIFT_ENV}), now {now:%Y-%m-%d %H:%M} UTC, a {now:%A}"


def pytest_report_header(config):
    return _clock_line()


def pytest_terminal_summary(terminalreporter):
    if _clock_shift_days():
        terminalreporter.write_line(_clock_line())


@pytest.fixture(autouse=True)
def _fresh_reference_caches():
    """Each test sees the reference data it wrote (netra.core.cache memoises it per process)."""
    from netra.core.cache import clear_all

    clear_all()
    yield
    clear_all()


@pytest.fixture(autouse=True)
def _indonesian_after_each_test():
    """A test that switches the language (e.g. to English) must not leak it into the next test."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
