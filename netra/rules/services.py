"""Writing the catalogue. Administrators edit single rows in the admin (audited by AuditedAdminMixin);
reloading the data files goes through `catalogue_sync`, which audits every row it writes."""

from django.apps import apps as django_apps
from django.db import transaction

from netra.audit.services import audit_record
from netra.rules.loader import SyncResult, catalogue_models, sync_catalogue


def catalogue_sync(*, actor=None, force: bool = False) -> SyncResult:
    """Upsert the catalogue from netra/rules/data. Levels and dates an administrator changed are kept
    unless `force`; every created or changed row leaves an audit row (actor None = the system)."""
    with transaction.atomic():
        result = sync_catalogue(catalogue_models(django_apps), force=force)
        for change in result.changes:
            model_name = change.instance._meta.model_name
            audit_record(
                actor=actor,
                action=f"{model_name}.{'create' if change.created else 'update'}.load_rules",
                instance=change.instance,
                before=change.before,
                after=change.after,
            )
    return result
