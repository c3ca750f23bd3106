from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """The shared case: from report or temuan through Bawaslu, the ASN oversight body and the PPK."""

    name = "netra.cases"
    label = "cases"
    verbose_name = _("Kasus")

    def ready(self) -> None:
        # Scope rules and signal receivers register themselves on import (each module once, here).
        from netra.cases import permissions, receivers, receivers_duplicates, receivers_search  # noqa: F401
