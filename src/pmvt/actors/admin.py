"""The operator's Django admin for actors (superusers only; territories use the back office).

Read-mostly: verification, suspension and staff changes go through the back office, whose
services notify and log; here the operator looks things up across territories.
"""

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from pmvt.actors.models import Actor, ActorStaff, Market


class StaffInline(admin.TabularInline):
    model = ActorStaff
    extra = 0
    fields = ["user", "role"]
    readonly_fields = ["user", "role"]
    can_delete = False


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["display_name", "kind", "capla_family", "status", "commune", "territory"]
    list_filter = ["status", "kind", "capla_family", "territory"]
    search_fields = ["legal_name", "trade_name", "siret", "siren"]
    list_select_related = ["commune", "territory"]
    readonly_fields = ["status", "status_reason", "verified_at", "siren", "territory"]
    inlines = [StaffInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # Actors register through the site, which checks and notifies.


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = ["name", "weekday", "commune", "territory"]
    list_filter = ["weekday", "territory"]
    search_fields = ["name", "place"]
    list_select_related = ["commune", "territory"]
