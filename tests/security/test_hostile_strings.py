"""Hostile strings in every public form field (issue 13): the report form, the tip form, the reporter's
message on the status page and the rules self-check. Whatever is typed is either stored exactly as typed
or refused with a message on the page (NUL bytes, over-long text): never a 500; and wherever a stored
value is shown again (the receipt, the reporter's status page, the officer's report page) it is escaped.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from netra.intake.models import Message, Report

pytestmark = pytest.mark.django_db

HOSTILE = {
    "script": "<script>alert('netra')</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "template": "{{ request.user }}{% csrf_token %}${7*7}",
    "sql": "'; DROP TABLE intake_report; -- ",
    "sql-or": "x' OR '1'='1",
    "rtl-override": "laporan\u202egnp.exe",
    "zero-width": "Lu\u200brah\u200d Man\ufeffggar",
    "combining": "Z\u0337\u0327\u031ba\u0338l\u0334g\u0335o\u0336" * 3,
    "astral": "Camat \U0001f600 \U0001d54f\U00010348",
    "control": "baris\r\nbaru\t\x1b[31mmerah\x7f",
    "nul": "Lurah\x00Manggar",
    "very-long": "A" * 100_000,
}
# Values PostgreSQL cannot store (NUL) or longer than any field allows: refused with a message.
REFUSED = {"nul", "very-long"}

# Every free-text field of the public report form, and the model value each is stored as (None: sealed
# or not stored as typed, so only the page is checked).
REPORT_FIELDS = {
    "description": lambda r: r.description,
    "incident_place": lambda r: r.incident_place,
    "terlapor1-name": lambda r: r.reported_persons.get().name,
    "terlapor1-agency_name": lambda r: r.reported_persons.get().agency_name,
    "terlapor1-position": lambda r: r.reported_persons.get().position,
    "saksi1-name": None,
    "saksi1-contact": None,
    "reporter_name": None,
    "reporter_address": None,
    "reporter_birth_place": None,
    "reporter_occupation": None,
    "reporter_nationality": None,
}
TIP_FIELDS = {"description": lambda r: r.description, "incident_place": lambda r: r.incident_place}


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.NETRA_INTAKE_RATE_PER_HOUR = 10_000
    cache.clear()
    yield
    cache.clear()


def _report_data(**changes) -> dict:
    today = timezone.localdate()
    data = {
        "reporter_name": "Budi Santoso",
        "reporter_nik": "6471012345670001",
        "identity_confidential": "on",
        "terlapor1-name": "Lurah Manggar",
        "description": "Lurah membagikan unggahan kampanye pasangan calon di grup WhatsApp warga.",
        "province": "64",
        "regency": "64.71",
        "district": "64.71.05",
        "incident_place": "Grup WhatsApp warga",
        "incident_date": (today - dt.timedelta(days=2)).isoformat(),
        "known_date": (today - dt.timedelta(days=1)).isoformat(),
        "saksi1-name": "Rina Wati",
        "statement_of_truth": "on",
        "website": "",
    }
    data.update(changes)
    return data


def _tip_data(**changes) -> dict:
    data = _report_data()
    for key in [k for k in data if k.startswith(("reporter_", "saksi1-", "terlapor1-"))]:
        data.pop(key)
    data.pop("identity_confidential")
    data.pop("statement_of_truth")
    data.update(changes)
    return data


def _assert_escaped(html: str, value: str) -> None:
    """The markup typed never reaches the page as markup (template syntax is shown as typed: never
    evaluated, so seeing it literally is the proof)."""
    for dangerous in ("<script>alert('netra')", "<img src=x onerror"):
        if dangerous in value:
            assert dangerous not in html


def _officer_page(world, report) -> str:
    officer = Client(raise_request_exception=False)
    officer.force_login(world["users"]["bpp_officer"])
    response = officer.get(reverse("intake:officer_detail", args=[report.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _check_filed(client, world, response, value: str, stored) -> Report:
    assert response.status_code == 200, response.status_code
    report = Report.objects.get()
    if stored is not None:
        assert stored(report) == value.strip()
    _assert_escaped(response.content.decode(), value)
    officer_html = _officer_page(world, report)
    _assert_escaped(officer_html, value)
    shown = escape(value.strip())
    if stored is not None and len(value) < 300 and value.isprintable():
        assert shown in officer_html or shown.replace("&#x27;", "&#39;") in officer_html
    return report


def _check_refused(response) -> None:
    assert response.status_code == 400, response.status_code
    assert not Report.objects.exists()
    html = response.content.decode()
    assert 'class="error' in html or "errorlist" in html


@pytest.mark.parametrize("field", list(REPORT_FIELDS))
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_report_form(world, field, kind):
    value = HOSTILE[kind]
    client = Client(raise_request_exception=False)
    response = client.post(reverse("intake:report"), _report_data(**{field: value}), follow=True)
    if kind in REFUSED:
        _check_refused(response)
    else:
        _check_filed(client, world, response, value, REPORT_FIELDS[field])


@pytest.mark.parametrize("field", list(TIP_FIELDS))
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_tip_form(world, field, kind):
    value = HOSTILE[kind]
    client = Client(raise_request_exception=False)
    response = client.post(reverse("intake:tip"), _tip_data(**{field: value}), follow=True)
    if kind in REFUSED:
        _check_refused(response)
    else:
        _check_filed(client, world, response, value, TIP_FIELDS[field])


def _receipt(client) -> str:
    import re

    response = client.post(reverse("intake:tip"), _tip_data(), follow=True)
    code = re.search(r'data-testid="receipt">(.*?)</code>', response.content.decode()).group(1)
    return re.sub(r"<[^>]+>", "", code)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_status_message(world, kind):
    value = HOSTILE[kind]
    client = Client(raise_request_exception=False)
    receipt = _receipt(client)
    assert client.post(reverse("intake:follow"), {"receipt": receipt}).status_code == 302
    response = client.post(reverse("intake:status_message"), {"body": value})
    if kind in REFUSED:
        assert response.status_code == 400, response.status_code
        assert not Message.objects.exists()
        return
    assert response.status_code == 302, response.status_code
    assert Message.objects.get().body == value.strip()
    page = client.get(reverse("intake:status"))
    assert page.status_code == 200
    _assert_escaped(page.content.decode(), value)
    _assert_escaped(_officer_page(world, Report.objects.get()), value)


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("field", ["q", "election", "date", "employment_type"])
def test_self_check(kind, field):
    value = HOSTILE[kind]
    response = Client(raise_request_exception=False).get(
        reverse("rules:self_check"), {"q": "menyukai unggahan calon bupati", field: value}
    )
    assert response.status_code in (200, 400), response.status_code
    _assert_escaped(response.content.decode(), value)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_receipt_lookup(kind):
    response = Client(raise_request_exception=False).post(
        reverse("intake:follow"), {"receipt": HOSTILE[kind]}
    )
    assert response.status_code == 400, response.status_code
    _assert_escaped(response.content.decode(), HOSTILE[kind])
