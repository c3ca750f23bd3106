from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """The public's door: laporan (formal reports), informasi awal (anonymous tips), receipts, the
    sealed reporter identity and the reporter–officer conversation."""

    name = "netra.intake"
    label = "intake"
    verbose_name = _("Laporan masuk")

    def ready(self) -> None:
        from netra.intake import permissions  # noqa: F401
