from django.urls import URLPattern, URLResolver, path

from pmvt.activities.views import manage, public

app_name = "activities"

T = "t/<slug:territory_slug>/"
PUBLIC = f"{T}marche/activites/"
ONE = f"{PUBLIC}<slug:activity_slug>/"


def _manage_patterns(prefix: str, names: str) -> list[URLPattern | URLResolver]:
    """The organiser's pages, under an actor's professional space or the territory's management."""
    activity = f"{prefix}<slug:activity_slug>/"
    session = f"{activity}seances/<int:session_id>/"
    return [
        path(prefix, manage.manage_list, name=f"{names}_list"),
        path(f"{prefix}nouvelle/", manage.manage_create, name=f"{names}_create"),
        path(activity, manage.manage_activity, name=f"{names}_activity"),
        path(f"{activity}modifier/", manage.manage_edit, name=f"{names}_edit"),
        path(f"{activity}publier/", manage.manage_publish, name=f"{names}_publish"),
        path(f"{activity}annuler/", manage.manage_cancel, name=f"{names}_cancel"),
        path(session, manage.manage_session, name=f"{names}_session"),
        path(f"{session}annuler/", manage.manage_session_cancel, name=f"{names}_session_cancel"),
    ]


urlpatterns: list[URLPattern | URLResolver] = [
    path(PUBLIC, public.activity_list_view, name="list"),
    path(f"{PUBLIC}mes-activites/", public.mine, name="mine"),
    path(ONE, public.detail, name="detail"),
    path(f"{ONE}seances/<int:session_id>/inscription/", public.register, name="register"),
    path(
        f"{ONE}seances/<int:session_id>/annulation/<int:registration_id>/",
        public.cancel,
        name="cancel",
    ),
    *_manage_patterns(f"{T}espace-pro/<slug:actor_slug>/activites/", "pro"),
    *_manage_patterns(f"{T}gestion/activites/", "gestion"),
]
