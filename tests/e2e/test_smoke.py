"""Smoke test through a real browser: the public home page, the language switch and the API contract."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

HEADING = "Menjaga netralitas ASN dalam Pemilu dan Pilkada"


def test_home_page_is_in_indonesian(page: Page):
    page.goto("/")

    expect(page.get_by_role("heading", level=1, name=HEADING)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_language_switch_reloads_the_page_in_english(page: Page, live_server):
    page.goto("/")
    language = page.get_by_label("Bahasa", exact=True)

    with page.expect_navigation():
        language.select_option("en")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("combobox").first).to_have_value("en")
    assert page.url == f"{live_server.url}/"


def test_openapi_document_is_served_as_json(page: Page, live_server):
    response = page.request.get(f"{live_server.url}/api/openapi.json")

    assert response.ok, response.status
    assert response.headers["content-type"].startswith("application/json")
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Netra API"
