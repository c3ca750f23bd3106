"""The clarification calendar of an office (issue 14): who is summoned when and where, on a page and
as .ics and .xlsx files (read back with icalendar and openpyxl), within the reader's scope."""

import datetime as dt
import io

import pytest
from django.test import Client
from icalendar import Calendar
from openpyxl import load_workbook

from netra.cases.tests.fixtures import NOW, days
from netra.cases.tests.test_clarifications import PLACE, SESSION, in_clarification, summon_subject

pytestmark = pytest.mark.django_db
PERIOD = "dari=2024-10-13&sampai=2024-10-20"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sessions(case_world):
    from netra.cases.services.clarifications import clarification_schedule

    case = in_clarification(case_world)
    first = summon_subject(case_world, case)
    witness = clarification_schedule(
        case_id=case.pk,
        user=case_world["users"]["bpp_officer"],
        role="saksi",
        invitee_name="Rina Wati",
        scheduled_at=SESSION + days(1) + dt.timedelta(hours=4),
        place="Aula Kelurahan Manggar",
        now=NOW,
    )
    case_world.update(calendar_case=case, first=first, witness=witness)
    return case_world


def test_the_page_lists_who_is_summoned_when_and_where(sessions):
    html = client_for(sessions["users"]["bpp_officer"]).get(f"/kasus/klarifikasi/kalender/?{PERIOD}").content
    html = html.decode()
    calendar = html[html.index('data-testid="calendar"') :]
    assert calendar.index("Lurah Manggar") < calendar.index("Rina Wati")  # in order of time
    assert "14 Oktober 2024 09:00 WITA" in calendar
    assert PLACE in calendar
    assert "Aula Kelurahan Manggar" in calendar
    assert sessions["calendar_case"].reference in calendar
    # Outside the period, and for offices that do not hold or may not read the sessions: nothing.
    empty = client_for(sessions["users"]["bpp_officer"]).get("/kasus/klarifikasi/kalender/?dari=2024-11-01")
    assert "Lurah Manggar" not in empty.content.decode()
    for outsider in ("pbg_head", "bkn_officer", "bkpsdm_officer"):
        page = client_for(sessions["users"][outsider]).get(f"/kasus/klarifikasi/kalender/?{PERIOD}")
        assert page.status_code == 200
        assert "Lurah Manggar" not in page.content.decode()


def test_the_ics_file_is_a_real_calendar(sessions):
    response = client_for(sessions["users"]["bpp_officer"]).get(f"/kasus/klarifikasi/kalender.ics?{PERIOD}")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [SESSION, SESSION + days(1) + dt.timedelta(hours=4)]
    assert [str(e["location"]) for e in events] == [PLACE, "Aula Kelurahan Manggar"]
    assert "Rina Wati" in str(events[1]["summary"])
    assert str(events[0]["uid"]) == f"clarification-{sessions['first'].pk}@netra"
    theirs = client_for(sessions["users"]["pbg_head"]).get(f"/kasus/klarifikasi/kalender.ics?{PERIOD}")
    assert Calendar.from_ical(theirs.content).walk("VEVENT") == []


def test_the_xlsx_file_has_the_sessions_in_the_office_zone(sessions):
    response = client_for(sessions["users"]["bpp_officer"]).get(f"/kasus/klarifikasi/kalender.xlsx?{PERIOD}")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Jadwal (WITA)"
    assert rows[1][:3] == (SESSION.replace(tzinfo=None), "Terlapor", "Lurah Manggar")  # WITA wall time
    assert rows[2][2] == "Rina Wati"
    assert rows[2][4] == "Aula Kelurahan Manggar"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("dari=kemarin", "Tanggal tidak dikenali"),
        ("dari=2024-10-20&sampai=2024-10-13", "ditukar"),
        ("dari=2020-01-01&sampai=2024-12-31", "Periode paling panjang"),
    ],
)
def test_a_wrong_period_is_explained_not_an_error(sessions, query, message):
    response = client_for(sessions["users"]["bpp_officer"]).get(f"/kasus/klarifikasi/kalender/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
