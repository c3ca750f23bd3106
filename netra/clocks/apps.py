from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClocksConfig(AppConfig):
    """The law's clocks: working-day calendar, holidays, intake hours and deadline rules (part of the
    rules domain; a separate app so that its data and migrations stand on their own)."""

    name = "netra.clocks"
    label = "clocks"
    verbose_name = _("Tenggat hukum")
