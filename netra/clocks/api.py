"""Public clock endpoints: holidays, the deadline rules, and "by when?" for a region's office."""

import datetime as dt

from django.http import Http404
from ninja import Query, Router, Schema

from netra.agencies.selectors import agency_receiving_reports
from netra.clocks.models import DeadlineKind, DeadlineRule, Holiday
from netra.clocks.receipt import receipt_counted
from netra.clocks.selectors import RuleNotFoundError, deadline_for
from netra.core.exceptions import ApplicationError
from netra.elections.selectors import election_get
from netra.regions.codes import region_code_lineage
from netra.regions.selectors import region_get
from netra.regions.timezones import WIB, zone_abbreviation

router = Router(tags=["clocks"])


class HolidayOut(Schema):
    date: dt.date
    name: str
    kind: str
    region_code: str | None
    source: str

    @staticmethod
    def resolve_region_code(obj) -> str | None:
        return obj.region_id


class DeadlineRuleOut(Schema):
    kind: str
    kind_label: str
    election_kind: str
    amount: int
    unit: str
    ends_at: str
    roll_to_working_day: bool
    roll_basis: str
    roll_verification: str
    counts_start_day: bool
    day_count_basis: str
    day_count_verification: str
    cuti_bersama_is_holiday: bool
    legal_basis: str
    verification: str
    note: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class DeadlineOut(Schema):
    kind: str
    start: dt.datetime
    due_at: dt.datetime
    timezone: str
    timezone_abbr: str
    explanation: str
    legal_basis: str
    verification: str
    closed_days: list[dt.date]


class ReceiptOut(Schema):
    submitted_at: dt.datetime
    counts_from: dt.datetime
    deferred: bool
    timezone: str
    timezone_abbr: str
    office: str | None
    reason: str
    legal_basis: str
    verification: str


class _RegionOffice:
    def __init__(self, region_code: str | None, tz_name: str):
        self.region_id = region_code
        self.timezone = tz_name


@router.get("/holidays", response=list[HolidayOut], auth=None, summary="Hari libur dan cuti bersama")
def list_holidays(request, year: int = Query(..., ge=1, le=9999), region: str = ""):
    qs = Holiday.objects.filter(is_active=True, date__year=year)
    qs = (
        qs.filter(region__isnull=True) | qs.filter(region_id__in=region_code_lineage(region))
        if region
        else qs
    )
    return list(qs.order_by("date", "name"))


@router.get("/rules", response=list[DeadlineRuleOut], auth=None, summary="Aturan tenggat dan dasar hukumnya")
def list_rules(request):
    return list(DeadlineRule.objects.filter(is_active=True))


@router.get("/deadline", response=DeadlineOut, auth=None, summary="Hitung tenggat untuk kantor suatu wilayah")
def compute(request, kind: DeadlineKind, start: dt.datetime, election: str = "", region: str = ""):
    """`start` must carry its UTC offset (e.g. 2026-03-13T10:00:00+08:00). The office is the one whose
    jurisdiction is `region` (its time zone and regional holidays); without a region, WIB nationally."""
    if start.tzinfo is None:
        raise ApplicationError(
            "Waktu mulai harus menyertakan zona waktu (mis. +07:00).", code="naive-datetime"
        )
    election_obj = election_get(code=election) if election else None
    if election and election_obj is None:
        raise Http404
    region_obj = region_get(code=region) if region else None
    if region and region_obj is None:
        raise Http404
    office = _RegionOffice(region_obj.code, region_obj.timezone) if region_obj else _RegionOffice(None, WIB)
    try:
        result = deadline_for(kind, start, election_obj, office)
    except RuleNotFoundError as exc:
        raise Http404 from exc
    return {
        "kind": kind,
        "start": result.start_local,
        "due_at": result.due_at,
        "timezone": result.timezone,
        "timezone_abbr": zone_abbreviation(result.timezone),
        "explanation": result.explanation,
        "legal_basis": result.spec.legal_basis,
        "verification": result.spec.verification,
        "closed_days": list(result.closed_days),
    }


@router.get(
    "/receipt", response=ReceiptOut, auth=None, summary="Kapan laporan dihitung diterima oleh suatu kantor"
)
def receipt(request, at: dt.datetime, office: str = "", election: str = "", region: str = ""):
    """When a report handed in at `at` (with its UTC offset) counts as received: by the active agency
    with code `office`, or else by the office whose jurisdiction is `region` (its zone and holidays;
    without either, WIB nationally). After intake hours it counts from the desk's next opening; on the
    election's round-the-clock days (masa tenang, voting, rekapitulasi) from the instant itself."""
    if at.tzinfo is None:
        raise ApplicationError(
            "Waktu penyerahan harus menyertakan zona waktu (mis. +07:00).", code="naive-datetime"
        )
    election_obj = election_get(code=election) if election else None
    if election and election_obj is None:
        raise Http404
    office_obj = agency_receiving_reports(code=office) if office else None
    if office and office_obj is None:
        raise Http404
    if office_obj is None:
        region_obj = region_get(code=region) if region else None
        if region and region_obj is None:
            raise Http404
        office_obj = (
            _RegionOffice(region_obj.code, region_obj.timezone) if region_obj else _RegionOffice(None, WIB)
        )
    result = receipt_counted(submitted_at=at, office=office_obj, election=election_obj)
    return {
        "submitted_at": result.submitted_at,
        "counts_from": result.counts_from,
        "deferred": result.deferred,
        "timezone": result.timezone,
        "timezone_abbr": zone_abbreviation(result.timezone),
        "office": getattr(office_obj, "name", None),
        "reason": result.reason,
        "legal_basis": result.basis,
        "verification": result.verification,
    }
