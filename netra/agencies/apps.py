from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "netra.agencies"
    label = "agencies"
    verbose_name = _("Instansi dan pengguna")

    def ready(self) -> None:
        from netra.agencies import permissions  # noqa: F401  (registers scoping rules)
        from netra.agencies.roles import sync_roles_after_migrate
        from netra.agencies.scoping import user_scope
        from netra.core.scoping import set_scope_resolver

        set_scope_resolver(user_scope)
        # Roles are Groups whose permissions exist only after every app migrated: refresh them then.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="netra.agencies.roles")
