"""The agency directory API."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_agency_directory_filters_by_region_code(world):
    """Issue 13: `?region=64` raised FieldError (a 500) for any value; it now narrows to the region and
    everything inside it (and never to a code that merely starts with the same digits)."""
    a = world["agencies"]
    client = Client()
    client.force_login(world["users"]["ri"])
    ids = {row["id"] for row in client.get("/api/v1/agencies/?region=64").json()}
    assert {a["kaltim"].pk, a["bpp"].pk, a["bpp_sel"].pk, a["pemkot"].pk} <= ids
    assert a["pbg"].pk not in ids
    assert a["jateng"].pk not in ids
    assert client.get("/api/v1/agencies/?region=64.7").json() == []  # "64.71" is not inside "64.7"
