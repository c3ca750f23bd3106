"""Error pages in the site's layout and language, Django messages styled by level, readable badges."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error

from netra.core.tests.test_translations import (  # noqa: F401 (fixtures)
    _choose_english,
    compiled_locale,
    english_catalogue,
)

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "netra.css").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_404_is_netra_page_in_indonesian(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert 'class="topbar"' in html  # the site's layout, with its navigation
    assert "Halaman tidak ditemukan" in html
    assert "Not Found" not in html


@pytest.mark.django_db
@pytest.mark.usefixtures("english_catalogue")
def test_404_in_english_after_choosing_it(client):
    _choose_english(client)
    html = client.get("/tidak-ada-halaman-ini/").content.decode()
    assert "Page not found" in html
    assert "Halaman tidak ditemukan" not in html


@pytest.mark.django_db
def test_500_is_netra_page_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert 'class="topbar"' in html
    assert "Terjadi kesalahan pada server" in html
    assert "Server Error" not in html


def test_messages_carry_their_level_and_errors_are_alerts():
    html = render_to_string(
        "base.html",
        {
            "messages": [
                Message(constants.ERROR, "Langkah ditolak."),
                Message(constants.SUCCESS, "Kasus diregistrasi."),
                Message(constants.WARNING, "Tenggat besok."),
                Message(constants.INFO, "Anda sudah keluar."),
            ]
        },
    )
    assert re.search(
        r'<li class="msg-error"[^>]*role="alert"[^>]*><span class="msg-kind">Gagal:</span>', html
    )
    assert re.search(r'<li class="msg-success"[^>]*role="status"', html)
    assert re.search(
        r'<li class="msg-warning"[^>]*role="status"[^>]*><span class="msg-kind">Perhatian:', html
    )
    assert re.search(r'<li class="msg-info"[^>]*role="status"', html)


def _rule(selector: str) -> dict[str, str]:
    match = re.search(re.escape(selector) + r"\{([^}]*)\}", CSS)
    assert match, f"no CSS rule {selector}"
    return dict(
        (name.strip(), value.strip())
        for name, value in (d.split(":", 1) for d in match.group(1).split(";") if d)
    )


def _hex(value: str) -> str:
    variables = dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{6})", CSS))
    value = re.sub(r"var\(--([\w-]+)\)", lambda m: variables[m.group(1)], value)
    color = re.search(r"#[0-9a-fA-F]{6}|#fff\b", value).group(0)
    return "#ffffff" if color == "#fff" else color


def contrast(a: str, b: str) -> float:
    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, bl = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_message_levels_have_distinct_colours_with_aa_contrast():
    colours = {}
    for level in ("error", "success", "warning"):
        rule = _rule(f".messages li.msg-{level}")
        background, text = _hex(rule["background"]), _hex(rule["color"])
        assert contrast(text, background) >= 4.5, level
        colours[level] = background
    base = _rule(".messages li")
    assert contrast(_hex(base["color"]), _hex(base["background"])) >= 4.5
    assert len({*colours.values(), _hex(base["background"])}) == 4  # error is not success's blue


def test_unread_badge_is_readable_on_the_top_bar_and_on_the_page():
    topbar = _hex(_rule(".topbar")["background"])
    on_bar = _rule(".topbar .badge.new")
    assert contrast(_hex(on_bar["color"]), _hex(on_bar["background"])) >= 4.5
    assert contrast(_hex(on_bar["background"]), topbar) >= 3  # the badge stands out from the bar
    on_page = _rule(".badge.new")
    assert contrast(_hex(on_page["color"]), _hex(on_page["background"])) >= 4.5
