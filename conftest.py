"""Root conftest: shared fixtures live in each app's tests/fixtures.py and are registered here."""

pytest_plugins = ["netra.agencies.tests.fixtures"]
