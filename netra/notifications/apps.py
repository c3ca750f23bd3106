from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-app and e-mail notices to officers: assignments, reporters' messages, deadlines, stages."""

    name = "netra.notifications"
    label = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        from netra.notifications import permissions, receivers  # noqa: F401
