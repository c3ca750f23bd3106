from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from netra.audit.admin_mixins import AuditedAdminMixin
from netra.clocks.models import DeadlineRule, Holiday, IntakeHours


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "kind",
        "election_kind",
        "amount",
        "unit",
        "ends_at",
        "counts_start_day",
        "roll_to_working_day",
        "verification",
        "is_active",
    )
    list_filter = (
        "election_kind",
        "unit",
        "verification",
        "day_count_verification",
        "roll_verification",
        "is_active",
    )
    search_fields = ("legal_basis", "note", "roll_basis", "day_count_basis")
    fieldsets = (
        (None, {"fields": ("kind", "election_kind", "amount", "unit", "ends_at", "cuti_bersama_is_holiday")}),
        (_("Dasar hukum"), {"fields": ("legal_basis", "verification", "note")}),
        (_("Hari pertama"), {"fields": ("counts_start_day", "day_count_basis", "day_count_verification")}),
        (
            _("Hari terakhir kantor tutup"),
            {"fields": ("roll_to_working_day", "roll_basis", "roll_verification")},
        ),
        (None, {"fields": ("is_active",)}),
    )


@admin.register(Holiday)
class HolidayAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ("date", "name", "kind", "region", "origin", "is_active")
    list_filter = ("kind", "origin", "is_active")
    readonly_fields = ("origin",)

    def get_readonly_fields(self, request, obj=None):
        # A shipped row's date and kind are the sync's key: to move a shipped date, deactivate this row
        # (it becomes the administrator's, so the sync never re-adds that date) and add the new date.
        if obj is not None and obj.origin == Holiday.Origin.SHIPPED:
            return ("date", "kind", "region", "origin")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        # Any edit in the admin makes the row the administrator's: holiday_sync leaves it alone.
        obj.origin = Holiday.Origin.MANUAL
        super().save_model(request, obj, form, change)

    search_fields = ("name", "region__name")
    date_hierarchy = "date"
    autocomplete_fields = ("region",)


@admin.register(IntakeHours)
class IntakeHoursAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ("weekday", "opens_at", "closes_at", "legal_basis")
