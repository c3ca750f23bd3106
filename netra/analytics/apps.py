from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    """The national picture: where cases wait, who meets the law's clocks, funnels, breakdowns, the
    map, public statistics with suppression, historical imports and recaps."""

    name = "netra.analytics"
    label = "analytics"
    verbose_name = _("Statistik")

    def ready(self) -> None:
        # Scope rules and the fact table's upkeep register themselves on import.
        from netra.analytics import permissions, receivers  # noqa: F401
