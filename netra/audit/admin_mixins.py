"""Admin edits are writes too: this mixin records them in the audit chain like any service would."""

from django.db import transaction

from netra.audit.services import audit_record
from netra.core.serialization import instance_snapshot


class AuditedAdminMixin:
    audit_exclude: tuple[str, ...] = ()

    def save_model(self, request, obj, form, change):
        before = {}
        if change and obj.pk:
            old = type(obj).objects.filter(pk=obj.pk).first()
            before = instance_snapshot(old, exclude=self.audit_exclude) if old else {}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            after = instance_snapshot(obj, exclude=self.audit_exclude)
            changed = {k: v for k, v in after.items() if before.get(k) != v}
            audit_record(
                actor=request.user,
                action=f"{obj._meta.model_name}.{'update' if change else 'create'}.admin",
                instance=obj,
                before={k: before.get(k) for k in changed} if change else {},
                after=changed if change else after,
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            snap = instance_snapshot(obj, exclude=self.audit_exclude)
            audit_record(
                actor=request.user, action=f"{obj._meta.model_name}.delete.admin", instance=obj, before=snap
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
