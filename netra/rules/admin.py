"""Admin for the catalogue: every change is kept in history (simple_history) and in the audit chain.

Catalogue rows are never deleted from the admin (cases and history refer to them): deactivate a
violation type instead, or end a sanction's/body's validity. Routing rules may be deleted (the fallback
route then applies).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from netra.audit.admin_mixins import AuditedAdminMixin
from netra.rules.models import (
    AsnPosition,
    Conduct,
    CrimeProvision,
    Level,
    OversightBody,
    PermittedAct,
    RoutingRule,
    Sanction,
    ViolationType,
)
from netra.rules.selectors import violation_recommended_level


class CatalogueAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    readonly_fields: tuple[str, ...] = ("catalogue_values_display", "created_at", "updated_at")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("nilai dari berkas katalog"))
    def catalogue_values_display(self, obj) -> str:
        values = obj.catalogue_values or {}
        return ", ".join(f"{k} = {v}" for k, v in values.items()) or "—"


class ViolationInline(admin.TabularInline):
    model = ViolationType
    fields = ("code", "category", "stage", "level", "verification", "is_active")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Conduct)
class ConductAdmin(CatalogueAdmin):
    list_display = ("code", "title", "order")
    search_fields = ("code", "title", "description")
    inlines = (ViolationInline,)


@admin.register(ViolationType)
class ViolationTypeAdmin(CatalogueAdmin):
    list_display = (
        "code",
        "short_title",
        "category",
        "stage",
        "level",
        "recommended_level",
        "verification",
        "is_active",
    )
    list_filter = ("category", "stage", "level", "verification", "is_active")
    search_fields = ("code", "title", "legal_basis", "conduct__title")
    autocomplete_fields = ("conduct",)
    readonly_fields = (*CatalogueAdmin.readonly_fields, "recommended_level")
    fieldsets = (
        (
            None,
            {"fields": ("code", "conduct", "title", "title_en", "category", "stage", "order", "is_active")},
        ),
        (
            _("Tingkat sanksi"),
            {
                "fields": ("level", "recommended_level", "level_positions"),
                "description": _(
                    "Untuk baris [CONFLICT], pilih tingkat yang berlaku di antara posisi sumber. "
                    "Perubahan tercatat di riwayat dan log audit, dan tidak ditimpa `load_rules` "
                    "kecuali dengan --force."
                ),
            },
        ),
        (_("Berlaku bagi"), {"fields": ("applies_to_pns", "applies_to_pppk", "valid_from", "valid_until")}),
        (_("Dasar hukum"), {"fields": ("legal_basis", "source_note", "verification")}),
        (_("Katalog"), {"fields": ("catalogue_values_display", "created_at", "updated_at")}),
    )

    @admin.display(description=_("bentuk pelanggaran"))
    def short_title(self, obj: ViolationType) -> str:
        return obj.title[:90]

    @admin.display(description=_("tingkat rekomendasi"))
    def recommended_level(self, obj: ViolationType) -> str:
        return str(Level(violation_recommended_level(violation=obj)).label)


@admin.register(Sanction)
class SanctionAdmin(CatalogueAdmin):
    list_display = ("code", "name", "level", "employment_type", "valid_from", "valid_until", "verification")
    list_filter = ("level", "employment_type", "verification")
    search_fields = ("code", "name", "legal_basis")


@admin.register(OversightBody)
class OversightBodyAdmin(CatalogueAdmin):
    list_display = ("code", "name", "valid_from", "valid_until", "agency_kind", "verification")
    search_fields = ("code", "name")


@admin.register(RoutingRule)
class RoutingRuleAdmin(CatalogueAdmin):
    list_display = (
        "subject_type",
        "violation_class",
        "election_kind",
        "destination",
        "destination_agency_kind",
        "verification",
        "priority",
    )
    list_filter = ("violation_class", "destination", "election_kind", "verification")
    search_fields = ("legal_basis", "note")

    def has_delete_permission(self, request, obj=None) -> bool:
        return SimpleHistoryAdmin.has_delete_permission(self, request, obj)


@admin.register(CrimeProvision)
class CrimeProvisionAdmin(CatalogueAdmin):
    list_display = ("code", "election_kind", "penal_article", "punishes", "verification", "is_active")
    list_filter = ("election_kind", "punishes", "verification", "is_active")
    search_fields = ("code", "prohibition", "penal_article", "summary", "legal_basis")


@admin.register(AsnPosition)
class AsnPositionAdmin(CatalogueAdmin):
    list_display = ("code", "title", "subject_type", "usual_ppk", "verification", "is_active")
    list_filter = ("subject_type", "verification", "is_active")
    search_fields = ("code", "title", "usual_ppk", "legal_basis")


@admin.register(PermittedAct)
class PermittedActAdmin(CatalogueAdmin):
    list_display = ("code", "title", "verdict", "verification", "is_active")
    list_filter = ("verdict", "verification", "is_active")
    search_fields = ("code", "title", "explanation", "legal_basis")
