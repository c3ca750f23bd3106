from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """The shared case: from report or temuan through Bawaslu, the ASN oversight body and the PPK."""

    name = "netra.cases"
    label = "cases"
    verbose_name = _("Kasus")

    def ready(self) -> None:
        from netra.cases import permissions, receivers, receivers_search  # noqa: F401
