from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for trying Netra (never loads in production). Sits on top of every other app."""

    name = "netra.demo"
    label = "demo"
    verbose_name = _("Data demo")
