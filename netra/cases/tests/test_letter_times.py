"""Times in the office's zone come from one module (netra.regions.timezones): the letters' Indonesian
"Senin, 14 Oktober 2024 pukul 09.00 WITA", the short "09.00 WITA" of the BAP form, and the interface's
"14 Oktober 2024 09:00 WITA" (the template filter and the services' notices alike)."""

import datetime as dt
import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template import Context, Template
from pypdf import PdfReader

from netra.cases import letters
from netra.regions import timezones

MONDAY_9_WITA = dt.datetime(2024, 10, 14, 1, 0, tzinfo=dt.UTC)  # 09.00 in Balikpapan
BALIKPAPAN = SimpleNamespace(timezone="Asia/Makassar")
JAYAPURA = SimpleNamespace(timezone="Asia/Jayapura")
NATIONAL = SimpleNamespace(timezone="")  # a national office without a zone: WIB


def test_the_office_zone_and_its_labels():
    assert str(timezones.office_zone(NATIONAL)) == "Asia/Jakarta"
    assert timezones.office_today(BALIKPAPAN, dt.datetime(2024, 10, 13, 16, 30, tzinfo=dt.UTC)) == dt.date(
        2024, 10, 14
    )  # already Monday in WITA
    assert timezones.time_label(MONDAY_9_WITA, BALIKPAPAN) == "09.00 WITA"
    assert timezones.time_label(MONDAY_9_WITA, JAYAPURA) == "10.00 WIT"
    assert timezones.time_label(MONDAY_9_WITA, NATIONAL) == "08.00 WIB"
    assert timezones.datetime_id(MONDAY_9_WITA, BALIKPAPAN) == "Senin, 14 Oktober 2024 pukul 09.00 WITA"
    assert timezones.zone_abbreviation("Asia/Pontianak") == "WIB"
    assert letters.datetime_id is timezones.datetime_id  # the name the clarification services call


def test_the_template_filter_is_the_services_formatting():
    rendered = Template("{% load netra %}{{ when|in_office_tz:tz }}|{{ tz|tz_abbr }}").render(
        Context({"when": MONDAY_9_WITA, "tz": "Asia/Makassar"})
    )
    assert rendered == f"{timezones.in_office_tz(MONDAY_9_WITA, 'Asia/Makassar')}|WITA"
    assert timezones.in_office_tz(MONDAY_9_WITA, "Asia/Makassar") == "14 Oktober 2024 09:00 WITA"
    assert timezones.in_office_tz(None, "Asia/Makassar") == ""


def test_services_do_not_import_template_tags_and_zones_are_named_once():
    root = Path(settings.BASE_DIR) / "netra"
    sources = {p: p.read_text() for p in root.rglob("*.py") if "tests" not in p.parts}
    importers = [p for p, text in sources.items() if "templatetags" not in p.parts and "templatetags" in text]
    assert importers == []
    tables = [p for p, text in sources.items() if re.search(r"^ZONE_ABBREVIATIONS\s*=", text, re.M)]
    assert tables == [root / "regions" / "timezones.py"]


@pytest.mark.django_db
def test_the_bap_form_gives_the_session_time_in_the_offices_zone(case_world):
    from netra.cases.services.documents import clarification_minutes_template
    from netra.cases.tests.test_clarifications import in_clarification, summon_subject

    case = in_clarification(case_world)
    session = summon_subject(case_world, case)
    content, _name = clarification_minutes_template(
        case_id=case.pk, clarification_id=session.pk, user=case_world["users"]["bpp_officer"]
    )
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())
    assert "Senin" in text
    assert "14 Oktober 2024" in text
    assert "09.00 WITA" in text
