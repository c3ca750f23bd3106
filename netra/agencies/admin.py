from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from netra.agencies.models import Agency, OfficeLetterSettings, User
from netra.audit.admin_mixins import AuditedAdminMixin
from netra.regions.timezones import WIB


@admin.register(Agency)
class AgencyAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "region", "timezone", "is_active")
    list_filter = ("kind", "timezone", "is_active")
    search_fields = ("name", "code", "region__name", "region__code")
    autocomplete_fields = ("region", "parent")
    readonly_fields = ("timezone",)

    def save_model(self, request, obj, form, change):
        obj.timezone = obj.region.timezone if obj.region_id else WIB
        super().save_model(request, obj, form, change)


@admin.register(OfficeLetterSettings)
class OfficeLetterSettingsAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    """Kop and signer of an office's letters (its own page, so each change is audited)."""

    list_display = ("agency", "signer_name", "signer_position", "telephone", "website")
    search_fields = ("agency__name", "agency__code", "signer_name")
    autocomplete_fields = ("agency",)


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    list_display = ("username", "full_name", "agency", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups", "agency__kind")
    search_fields = ("username", "full_name", "email", "agency__name")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Netra"), {"fields": ("agency", "full_name", "position")}),
    )
    autocomplete_fields = ("agency",)
    audit_exclude = ("password",)
