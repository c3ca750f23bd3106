"""Fixtures for the cross-app tests in tests/. Apps keep their own fixtures and factories in
netra/<app>/tests/ (CONVENTIONS §11: no giant shared conftest)."""

import pytest
from django.test import Client


@pytest.fixture
def api_client() -> Client:
    """A test client that asks for JSON, as API consumers do (errors come back as problem details)."""
    return Client(HTTP_ACCEPT="application/json")
