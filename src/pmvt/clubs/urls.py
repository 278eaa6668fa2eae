from django.urls import URLPattern, URLResolver, path

from pmvt.clubs.views import backoffice, events, manage, public, resources, threads

app_name = "clubs"

T = "t/<slug:territory_slug>/"
CLUBS = f"{T}valeurs/clubs/"
CLUB = f"{CLUBS}<slug:club_slug>/"
THREAD = f"{CLUB}discussions/<slug:thread_slug>/"
GESTION = f"{T}gestion/clubs/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(CLUBS, public.club_list_view, name="list"),
    path(CLUB, public.club_detail, name="detail"),
    path(f"{CLUB}rejoindre/", public.club_join_view, name="join"),
    path(f"{CLUB}evenements/", events.club_event_attach_view, name="event_attach"),
    path(
        f"{CLUB}evenements/<int:club_event_id>/retirer/",
        events.club_event_detach_view,
        name="event_detach",
    ),
    path(f"{CLUB}quitter/", public.club_leave_view, name="leave"),
    path(f"{CLUB}membres/", public.club_members_view, name="members"),
    path(f"{CLUB}membres/<int:membership_id>/retirer/", manage.member_remove, name="member_remove"),
    path(f"{CLUB}membres/<int:membership_id>/role/", manage.member_role, name="member_role"),
    path(f"{CLUB}demandes/", manage.requests_view, name="requests"),
    path(
        f"{CLUB}demandes/<int:membership_id>/accepter/",
        manage.request_approve,
        name="request_approve",
    ),
    path(
        f"{CLUB}demandes/<int:membership_id>/refuser/", manage.request_refuse, name="request_refuse"
    ),
    path(f"{CLUB}discussions/nouvelle/", threads.thread_new, name="thread_new"),
    path(THREAD, threads.thread_detail, name="thread"),
    path(f"{THREAD}resolue/", threads.thread_solved, name="thread_solved"),
    path(f"{THREAD}epingler/", threads.thread_pin, name="thread_pin"),
    path(f"{THREAD}clore/", threads.thread_lock, name="thread_lock"),
    path(f"{CLUB}ressources/", resources.resource_list, name="resources"),
    path(f"{CLUB}ressources/partager/", resources.resource_new, name="resource_new"),
    path(
        f"{CLUB}ressources/<int:resource_id>/document/",
        resources.resource_download,
        name="resource_download",
    ),
    path(
        f"{CLUB}ressources/<int:resource_id>/retirer/",
        resources.resource_remove_view,
        name="resource_remove",
    ),
    path(
        f"{CLUB}ressources/<int:resource_id>/epingler/", resources.resource_pin, name="resource_pin"
    ),
    # The territory's back office.
    path(GESTION, backoffice.admin_list, name="admin_list"),
    path(f"{GESTION}nouveau/", backoffice.admin_create, name="admin_create"),
    path(f"{GESTION}<slug:club_slug>/", backoffice.admin_edit, name="admin_edit"),
]
