import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def actor(db):
    """An officer performing writes (the services record them in the audit chain)."""
    return get_user_model().objects.create_user(username="petugas-pemilihan", password="x")
