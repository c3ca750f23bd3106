"""Template helpers: show times in an office's own zone with its WIB/WITA/WIT label (the formatting is
netra.regions.timezones'; these filters only expose it to templates)."""

from django import template

from netra.regions import timezones

register = template.Library()


@register.filter
def in_office_tz(value, tz_name: str | None = None):
    """`{{ when|in_office_tz:agency.timezone }}` → '13 Maret 2026 16:00 WITA'."""
    return timezones.in_office_tz(value, tz_name)


@register.filter
def tz_abbr(tz_name: str) -> str:
    return timezones.zone_abbreviation(tz_name)


@register.simple_tag
def typed(failed, form: str, field: str, default=""):
    """What the user typed in `form`'s `field` when that form was just refused, else `default`: a
    refused form is shown again as it was filled in (nothing typed is lost)."""
    if failed and failed.get("form") == form:
        return failed["data"].get(field, "")
    return "" if default is None else default


@register.simple_tag
def field_error(failed, form: str, field: str) -> str:
    """The refusal's message when it names this field of this form."""
    if failed and failed.get("form") == form and failed.get("field") == field:
        return failed.get("message", "")
    return ""


@register.simple_tag
def typed_row(failed, form: str, prefix: str, pk, field: str, default=""):
    """`typed` for per-row fields named `<prefix>-<pk>-<field>` (e.g. one sanction per terlapor)."""
    return typed(failed, form, f"{prefix}-{pk}-{field}", default)


@register.filter
def get_item(mapping, key):
    """`row|get_item:"n"`: a dict's value by a key held in a variable (tables built from column lists)."""
    return mapping.get(key) if hasattr(mapping, "get") else None
