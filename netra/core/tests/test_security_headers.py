"""Issue 13, item 5: every HTML page carries a Content-Security-Policy (no inline script or style) and
a Permissions-Policy; staff pages (cases, reports, identities, the API) are `no-store`; the templates
hold nothing the policy would block; the production language cookie is Secure and SameSite."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory

from netra.core.middleware_security import SecurityHeadersMiddleware
from tests.test_settings import production_env, run

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/lapor/",
    "/lapor/laporan/",
    "/lapor/cek/",
    "/aturan/",
    "/aturan/cek/",
    "/akun/masuk/",
]


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split(None, 1)[1] for part in header.split("; ")}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_carry_csp_and_permissions_policy(path):
    response = Client().get(path)
    assert response.status_code == 200
    csp = _csp(response)
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_staff_pages_are_not_stored(case_world):
    client = Client()
    client.force_login(case_world["users"]["bpp_head"])
    case, report = case_world["case"], case_world["report"]
    pages = [
        "/ruang-kerja/",
        "/kasus/",
        f"/kasus/{case.pk}/",
        "/lapor/petugas/",
        f"/lapor/petugas/{report.pk}/",
        "/statistik/",
        "/akun/keamanan/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path
        assert "script-src 'self'" in response["Content-Security-Policy"], path
    api = client.get("/api/v1/cases", HTTP_ACCEPT="application/json")
    assert api.status_code == 200
    assert "no-store" in api["Cache-Control"]


def test_a_view_that_declares_itself_public_keeps_its_cache_policy_for_staff(world):
    request = RequestFactory().get("/statistik/peta/province.geojson")
    request.user = world["users"]["bpp_officer"]

    def public_view(request):
        response = HttpResponse("{}", content_type="application/geo+json")
        response["Cache-Control"] = "public, max-age=300"
        return response

    def private_view(request):
        return HttpResponse("<p>kasus</p>")

    assert SecurityHeadersMiddleware(public_view)(request)["Cache-Control"] == "public, max-age=300"
    assert "no-store" in SecurityHeadersMiddleware(private_view)(request)["Cache-Control"]


def test_admin_keeps_inline_styles_only(world):
    user = world["users"]["platform"]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(user)
    csp = _csp(client.get("/admin/"))
    assert csp["style-src"] == "'self' 'unsafe-inline'"
    assert csp["script-src"] == "'self'"


# What the policy would block: a <script> with code in it (JSON data blocks are not run), an event
# handler attribute, a javascript: URL, a style attribute or <style> block. Letters and receipts
# rendered to PDF by WeasyPrint are not served as pages and may style themselves.
_INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"\sstyle\s*=\s*[\"']", re.I), "style attribute"),
    (re.compile(r"<style[\s>]", re.I), "<style> block"),
]
_PDF_ONLY = ("letters/", "/pdf/", "recap")


def _page_templates() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR, "netra").glob("*/templates")]
    found = [p for root in roots for p in root.rglob("*.html")]
    return [p for p in found if not any(marker in p.as_posix() for marker in _PDF_ONLY)]


def test_no_template_holds_what_the_policy_blocks():
    templates = _page_templates()
    assert len(templates) > 50
    problems = [
        f"{path.relative_to(settings.BASE_DIR)}: {what}"
        for path in templates
        for pattern, what in _INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert problems == []


def test_production_language_cookie_is_secure_and_same_site(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE, s.SESSION_COOKIE_SECURE)"
    )
    result = run(["-c", code], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "Lax", "True"]
