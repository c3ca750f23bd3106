"""The clarification calendar of the reader's office (issue 14): a page grouped by day, and the same
sessions as an iCalendar file (for the office's calendar application) or an XLSX workbook."""

import datetime as dt
import io
import zoneinfo
from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.styles import Font

from netra.cases.selectors.calendar import MAX_DAYS, calendar_zone, clarification_calendar
from netra.regions.timezones import zone_abbreviation

SESSION_LENGTH = dt.timedelta(hours=2)  # how long a session is blocked in the calendar (not recorded)
DEFAULT_BEFORE, DEFAULT_AFTER = 7, 30


def _day(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def _period(request: HttpRequest) -> tuple[dt.date, dt.date, str]:
    """The days asked for (dari/sampai, ISO dates in the office's zone), else a week back and a month
    ahead; a wrong or too long period is explained, never an error page."""
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(calendar_zone(request.user)))
    start = _day(request.GET.get("dari"))
    end = _day(request.GET.get("sampai"))
    problem = ""
    if (request.GET.get("dari") and start is None) or (request.GET.get("sampai") and end is None):
        problem = _("Tanggal tidak dikenali; gunakan format TTTT-BB-HH. Ditampilkan periode bawaan.")
        start = end = None
    start = start or today - dt.timedelta(days=DEFAULT_BEFORE)
    end = end or start + dt.timedelta(days=DEFAULT_BEFORE + DEFAULT_AFTER)
    if end < start:
        problem = _("Tanggal akhir sebelum tanggal awal; keduanya ditukar.")
        start, end = end, start
    if (end - start).days > MAX_DAYS:
        problem = _("Periode paling panjang %(n)s hari; tanggal akhir disesuaikan.") % {"n": MAX_DAYS}
        end = start + dt.timedelta(days=MAX_DAYS)
    return start, end, problem


@login_required
@require_GET
def clarification_calendar_page(request: HttpRequest) -> HttpResponse:
    start, end, problem = _period(request)
    zone = zoneinfo.ZoneInfo(calendar_zone(request.user))
    sessions = list(clarification_calendar(user=request.user, start=start, end=end))
    days = [
        (day, list(items))
        for day, items in groupby(sessions, key=lambda c: timezone.localtime(c.scheduled_at, zone).date())
    ]
    return render(
        request,
        "cases/calendar.html",
        {
            "days": days,
            "start": start,
            "end": end,
            "problem": problem,
            "tz": zone.key,
            "query": f"dari={start.isoformat()}&sampai={end.isoformat()}",
            "count": len(sessions),
        },
    )


def _summary(c) -> str:
    return f"{_('Klarifikasi')} {c.get_role_display().lower()}: {c.invitee_name} ({c.case.reference})"


@login_required
@require_GET
def clarification_calendar_ics(request: HttpRequest) -> HttpResponse:
    start, end, _problem = _period(request)
    cal = Calendar()
    cal.add("prodid", "-//Netra//Kalender klarifikasi//ID")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Klarifikasi %(office)s") % {"office": request.user.agency or "Netra"})
    stamp = timezone.now()
    for c in clarification_calendar(user=request.user, start=start, end=end):
        event = Event()
        event.add("uid", f"clarification-{c.pk}@netra")
        event.add("dtstamp", stamp)
        event.add("dtstart", c.scheduled_at)
        event.add("dtend", c.scheduled_at + SESSION_LENGTH)
        event.add("summary", _summary(c))
        event.add("location", c.place)
        event.add("description", f"{c.case.reference} · {_('panggilan ke-')}{c.attempt} · {c.case.office}")
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="klarifikasi-{start}-{end}.ics"'
    return response


@login_required
@require_GET
def clarification_calendar_xlsx(request: HttpRequest) -> HttpResponse:
    start, end, _problem = _period(request)
    zone = zoneinfo.ZoneInfo(calendar_zone(request.user))
    book = Workbook()
    sheet = book.active
    sheet.title = _("Klarifikasi")
    sheet.append(
        [
            _("Jadwal (%(zone)s)") % {"zone": zone_abbreviation(zone.key)},
            _("Dipanggil sebagai"),
            _("Nama"),
            _("Panggilan ke-"),
            _("Tempat"),
            _("Nomor kasus"),
            _("Kantor penanganan"),
            _("Kehadiran"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for c in clarification_calendar(user=request.user, start=start, end=end):
        sheet.append(
            [
                timezone.localtime(c.scheduled_at, zone).replace(tzinfo=None),
                c.get_role_display(),
                c.invitee_name,
                c.attempt,
                c.place,
                c.case.reference,
                c.case.office.name,
                c.get_attendance_display(),
            ]
        )
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
        sheet.cell(row=sheet.max_row, column=1).number_format = "yyyy-mm-dd hh:mm"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="klarifikasi-{start}-{end}.xlsx"'
    return response
