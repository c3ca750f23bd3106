from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatrolConfig(AppConfig):
    """Social-media patrol (issue 12): the election registry's accounts and terms, evidence-grade
    capture, the ASN account registry, screening that explains itself, and the review queue that turns
    an item into a *temuan*."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "netra.patrol"
    verbose_name = _("Patroli media sosial")

    def ready(self) -> None:
        # Scope rules and named actions register themselves on import.
        from netra.patrol import permissions  # noqa: F401
