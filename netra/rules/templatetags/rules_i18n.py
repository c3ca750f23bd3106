"""`{{ violation|localized:"title" }}`: the catalogue field in the active language (see netra/rules/i18n.py)."""

from django import template

from netra.rules.i18n import localized_text

register = template.Library()


@register.filter
def localized(obj, field: str) -> str:
    return localized_text(obj, field)
