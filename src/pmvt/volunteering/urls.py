from django.urls import URLPattern, URLResolver, path

from pmvt.volunteering.views import manage, public

app_name = "volunteering"

T = "t/<slug:territory_slug>/"
PUBLIC = f"{T}marche/benevolat/"
ONE = f"{PUBLIC}<slug:mission_slug>/"


def _manage_patterns(prefix: str, names: str) -> list[URLPattern | URLResolver]:
    """The organiser's pages, under an actor's professional space or the territory's management."""
    mission = f"{prefix}<slug:mission_slug>/"
    session = f"{mission}dates/<int:session_id>/"
    return [
        path(prefix, manage.manage_list, name=f"{names}_list"),
        path(f"{prefix}nouvelle/", manage.manage_create, name=f"{names}_create"),
        path(mission, manage.manage_mission, name=f"{names}_mission"),
        path(f"{mission}modifier/", manage.manage_edit, name=f"{names}_edit"),
        path(f"{mission}publier/", manage.manage_publish, name=f"{names}_publish"),
        path(f"{mission}annuler/", manage.manage_cancel, name=f"{names}_cancel"),
        path(session, manage.manage_session, name=f"{names}_session"),
        path(f"{session}annuler/", manage.manage_session_cancel, name=f"{names}_session_cancel"),
        path(
            f"{session}presences/<int:signup_id>/",
            manage.manage_attendance,
            name=f"{names}_attendance",
        ),
    ]


urlpatterns: list[URLPattern | URLResolver] = [
    path(PUBLIC, public.mission_list_view, name="list"),
    path(f"{PUBLIC}mes-missions/", public.mine, name="mine"),
    path(ONE, public.detail, name="detail"),
    path(f"{ONE}dates/<int:session_id>/inscription/", public.signup, name="signup"),
    path(f"{ONE}dates/<int:session_id>/annulation/", public.cancel, name="cancel"),
    *_manage_patterns(f"{T}espace-pro/<slug:actor_slug>/benevolat/", "pro"),
    *_manage_patterns(f"{T}gestion/benevolat/", "gestion"),
]
