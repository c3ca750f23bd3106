"""Roles are Django Groups with named permissions; a user's role applies within their own agency's scope.

The table below is the single source of truth; `sync_roles()` makes the Groups match it (run after every
migrate). A pattern "app.*" means every permission of that app.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _


class Role:
    PLATFORM_ADMIN = "admin_netra"
    AGENCY_ADMIN = "admin_instansi"
    HEAD = "pimpinan"
    OFFICER = "petugas"
    VIEWER = "pengamat"


ROLE_LABELS = {
    Role.PLATFORM_ADMIN: _("Administrator Netra"),
    Role.AGENCY_ADMIN: _("Administrator instansi"),
    Role.HEAD: _("Pimpinan"),
    Role.OFFICER: _("Petugas"),
    Role.VIEWER: _("Pengamat (baca saja)"),
}

_READ = ["agencies.view_agency", "regions.view_region", "rules.view_*", "elections.view_*", "cases.view_*"]

_CASEWORK = [
    "intake.view_report",
    "intake.change_report",
    "evidence.view_*",
    "evidence.download_original",
    "cases.add_case",
    "cases.change_case",
    "cases.recommend_case",
    "cases.record_sanction",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PLATFORM_ADMIN: [
        "agencies.*",
        "audit.view_auditlogentry",
        "regions.*",
        "rules.*",
        "elections.*",
        "intake.*",
        "evidence.*",
        "cases.*",
    ],
    Role.AGENCY_ADMIN: [
        *_READ,
        "agencies.view_user",
        "agencies.add_user",
        "agencies.change_user",
        "audit.view_auditlogentry",
    ],
    # Opening a reporter's identity is a named permission of the office's leadership only.
    Role.HEAD: [
        *_READ,
        *_CASEWORK,
        "intake.reveal_identity",
        # The plenary decision, reopening and merging are the leadership's (Perbawaslu 7/2022: pleno).
        "cases.decide_case",
        "cases.reopen_case",
        "cases.merge_case",
        "agencies.view_user",
        "audit.view_auditlogentry",
    ],
    Role.OFFICER: [*_READ, *_CASEWORK, "agencies.view_user"],
    Role.VIEWER: [*_READ],
}


def _resolve(patterns: list[str]) -> list[Permission]:
    perms: list[Permission] = []
    qs = Permission.objects.select_related("content_type")
    for pattern in patterns:
        app_label, _, codename = pattern.partition(".")
        if codename == "*":
            perms.extend(qs.filter(content_type__app_label=app_label))
        elif codename.endswith("*"):
            perms.extend(qs.filter(content_type__app_label=app_label, codename__startswith=codename[:-1]))
        else:
            perms.extend(qs.filter(content_type__app_label=app_label, codename=codename))
    return perms


def sync_roles() -> dict[str, int]:
    """Create/refresh one Group per role with exactly the permissions of ROLE_PERMISSIONS."""
    counts = {}
    with transaction.atomic():
        for role, patterns in ROLE_PERMISSIONS.items():
            group, _ = Group.objects.get_or_create(name=role)
            perms = _resolve(patterns)
            group.permissions.set(perms)
            counts[role] = len(perms)
    return counts


def sync_roles_after_migrate(sender, **kwargs) -> None:
    """Run once, after the last app with models: post_migrate is sent per app in INSTALLED_APPS order,
    and each app's permissions are created by its own signal, so earlier would miss later apps' ones."""
    from django.apps import apps

    with_models = [a for a in apps.get_app_configs() if a.models_module is not None]
    if with_models and getattr(sender, "label", "") == with_models[-1].label:
        sync_roles()
