"""Template helpers: show times in an office's own zone with its WIB/WITA/WIT label."""

import zoneinfo

from django import template
from django.utils import formats, timezone

from netra.regions.timezones import WIB, zone_abbreviation

register = template.Library()


@register.filter
def in_office_tz(value, tz_name: str | None = None):
    """`{{ when|in_office_tz:agency.timezone }}` → '13 Maret 2026 16:00 WITA'."""
    if value is None:
        return ""
    tz_name = tz_name or WIB
    local = timezone.localtime(value, zoneinfo.ZoneInfo(tz_name))
    return f"{formats.date_format(local, 'j F Y H:i')} {zone_abbreviation(tz_name)}"


@register.filter
def tz_abbr(tz_name: str) -> str:
    return zone_abbreviation(tz_name)
