from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "netra.elections"
    label = "elections"
    verbose_name = _("Pemilu dan Pilkada")

    def ready(self) -> None:
        from netra.elections import permissions  # noqa: F401  (registers the scoping rule)
