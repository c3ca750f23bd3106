"""Catalogue text in the active language (the catalogue is data, so it is translated as data: `title_en`
next to `title`). English falls back to the Indonesian text when the translation is blank."""

from django.utils.translation import get_language


def localized_text(obj, field: str) -> str:
    language = (get_language() or "id").split("-")[0]
    if language != "id":
        translated = getattr(obj, f"{field}_{language}", "")
        if translated:
            return translated
    return getattr(obj, field, "") or ""
