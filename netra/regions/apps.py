from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "netra.regions"
    label = "regions"
    verbose_name = _("Wilayah")

    def ready(self) -> None:
        from netra.regions import permissions  # noqa: F401
