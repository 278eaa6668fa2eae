"""The operator's Django admin (superusers only; territory admins use the back office)."""

from django.contrib import admin

from pmvt.territories.models import Commune, Territory, TerritoryDomain


class DomainInline(admin.TabularInline):
    model = TerritoryDomain
    extra = 0


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "siren", "slug", "population", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "siren", "slug"]
    readonly_fields = ["siren", "name", "kind", "population"]
    inlines = [DomainInline]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "insee_code", "postal_codes", "population", "territory"]
    search_fields = ["name", "insee_code", "postal_codes"]
    list_select_related = ["territory"]
    readonly_fields = [f.name for f in Commune._meta.fields]
