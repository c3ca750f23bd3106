"""Root conftest: shared fixtures live in each app's tests/fixtures.py and are registered here."""

pytest_plugins = ["netra.agencies.tests.fixtures", "netra.cases.tests.fixtures"]


import pytest  # noqa: E402


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
