"""The API docs (/api/v1/docs) work offline: Swagger UI comes from Netra's own static files."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client


@pytest.mark.django_db
def test_swagger_ui_is_served_from_local_static_files():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs, html
    assert not [ref for ref in refs if "//" in ref], "docs page must not load anything from another host"
    scripts = [ref for ref in refs if ref.endswith(".js")]
    assert any("swagger-ui-bundle" in ref for ref in scripts)
    for ref in refs:
        assert ref.startswith("/static/"), ref
        assert finders.find(ref.removeprefix("/static/")), f"{ref} is not a static file"
