"""The operator's Django admin for the agenda (superusers only; read-only lookups).

Events are proposed, changed and moderated on the site, whose services keep the dates,
seats and notifications consistent; here the operator looks things up across territories.
"""

from django.contrib import admin
from django.http import HttpRequest

from pmvt.agenda.models import Event, Occurrence, Registration


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title", "starts_at", "recurrence", "visibility", "commune", "territory"]
    list_filter = ["visibility", "recurrence", "registration_enabled", "territory"]
    search_fields = ["title", "slug", "place_name"]
    date_hierarchy = "starts_at"


@admin.register(Occurrence)
class OccurrenceAdmin(ReadOnlyAdmin):
    list_display = ["event", "starts_at", "is_cancelled", "confirmed_count", "waiting_count"]
    list_filter = ["is_cancelled", "territory"]
    list_select_related = ["event"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["occurrence", "user", "status", "created_at"]
    list_filter = ["status", "territory"]
    list_select_related = ["occurrence__event", "user"]
