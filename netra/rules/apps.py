from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "netra.rules"
    label = "rules"
    verbose_name = _("Aturan (hukum sebagai data)")

    def ready(self) -> None:
        from netra.rules import permissions  # noqa: F401  (registers the public scoping rules)
