"""Read-only admin: evidence is written only by its services (hashes, custody and audit stay consistent).

Neither the files nor the name the reporter gave a file are shown here: files leave only through
evidence_open (which records custody), and the original name may identify the reporter.
"""

from django.contrib import admin

from netra.evidence.models import CustodyEvent, Evidence, EvidenceLink


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("id", "report", "kind", "mime_type", "size", "short_sha256", "stripped", "created_at")
    list_filter = ("kind", "stripped", "uploaded_by")
    search_fields = ("sha256", "display_sha256")
    fields = (
        "report",
        "kind",
        "mime_type",
        "size",
        "sha256",
        "display_sha256",
        "stripped",
        "strip_note",
        "uploaded_by",
        "uploaded_by_user",
        "created_at",
        "purged_at",
    )
    readonly_fields = fields
    ordering = ("-created_at",)

    @admin.display(description="SHA-256")
    def short_sha256(self, obj):
        return obj.sha256[:16]


@admin.register(EvidenceLink)
class EvidenceLinkAdmin(ReadOnlyAdmin):
    list_display = ("id", "report", "platform", "captured_at", "submitted_at")
    list_filter = ("platform",)
    fields = ("report", "url", "platform", "captured_at", "submitted_at", "note")
    readonly_fields = fields
    ordering = ("-submitted_at",)


@admin.register(CustodyEvent)
class CustodyEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "evidence", "action", "actor_label")
    list_filter = ("action",)
    search_fields = ("actor_label", "evidence__sha256")
    fields = ("evidence", "action", "actor", "actor_label", "at", "note")
    readonly_fields = fields
    ordering = ("-at",)
