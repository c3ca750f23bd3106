from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from netra.audit.admin_mixins import AuditedAdminMixin
from netra.clocks.models import DeadlineRule, Holiday, IntakeHours


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ("kind", "election_kind", "amount", "unit", "ends_at", "verification", "is_active")
    list_filter = ("election_kind", "unit", "verification", "is_active")
    search_fields = ("legal_basis", "note")


@admin.register(Holiday)
class HolidayAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ("date", "name", "kind", "region", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "region__name")
    date_hierarchy = "date"
    autocomplete_fields = ("region",)


@admin.register(IntakeHours)
class IntakeHoursAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ("weekday", "opens_at", "closes_at", "legal_basis")
