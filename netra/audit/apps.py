from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "netra.audit"
    label = "audit"
    verbose_name = _("Jejak audit")

    def ready(self) -> None:
        from netra.audit import permissions  # noqa: F401  (registers the scoping rule)
