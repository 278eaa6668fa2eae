from django.urls import URLPattern, URLResolver, path

from pmvt.agenda.views import manage, public, registrations

app_name = "agenda"

T = "t/<slug:territory_slug>/"
AGENDA = f"{T}valeurs/agenda/"
EVENT = f"{AGENDA}<slug:event_slug>/"
DATE = f"{EVENT}dates/<int:occurrence_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(AGENDA, public.agenda_list, name="list"),
    path(f"{AGENDA}semaine/", public.agenda_week, name="week"),
    path(f"{AGENDA}carte/", public.agenda_map, name="map"),
    path(f"{AGENDA}agenda.ics", public.agenda_feed, name="feed"),
    path(f"{AGENDA}proposer/", manage.event_new, name="new"),
    path(
        f"{AGENDA}mes-inscriptions/", registrations.my_registrations_view, name="my_registrations"
    ),
    path(f"{AGENDA}<slug:event_slug>.ics", public.event_ics, name="event_ics"),
    path(EVENT, public.event_detail, name="detail"),
    path(f"{EVENT}modifier/", manage.event_edit, name="edit"),
    path(f"{EVENT}inscriptions/", manage.event_participants_view, name="participants"),
    path(f"{DATE}inscription/", registrations.register, name="register"),
    path(f"{DATE}annulation/", registrations.cancel, name="cancel"),
    path(f"{DATE}annuler-la-date/", manage.occurrence_cancel_view, name="occurrence_cancel"),
]
