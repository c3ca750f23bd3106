"""Indonesian first: the browser's language does not switch the UI; an explicit choice does."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_english_browser_still_gets_indonesian(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()


@pytest.mark.django_db
def test_explicit_choice_switches_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
