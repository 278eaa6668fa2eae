from django.urls import URLPattern, URLResolver, path

from pmvt.jobs.views import backoffice, public

app_name = "jobs"

T = "t/<slug:territory_slug>/"
PUBLIC = f"{T}marche/emplois/"
PRO = f"{T}espace-pro/<slug:actor_slug>/emplois/"
GESTION = f"{T}gestion/emplois/"


def _back_office(prefix: str, name: str) -> list[URLPattern]:
    """The same employer pages in an actor's pro space and in the collectivité's gestion."""
    return [
        path(prefix, backoffice.offers, name=f"{name}_offers"),
        path(f"{prefix}nouvelle/", backoffice.offer_create, name=f"{name}_offer_create"),
        path(f"{prefix}<int:offer_id>/", backoffice.offer_detail, name=f"{name}_offer"),
        path(f"{prefix}<int:offer_id>/modifier/", backoffice.offer_edit, name=f"{name}_offer_edit"),
        path(
            f"{prefix}<int:offer_id>/publier/",
            backoffice.offer_publish,
            name=f"{name}_offer_publish",
        ),
        path(f"{prefix}<int:offer_id>/clore/", backoffice.offer_close, name=f"{name}_offer_close"),
        path(
            f"{prefix}candidatures/<int:application_id>/",
            backoffice.application_detail,
            name=f"{name}_application",
        ),
        path(
            f"{prefix}candidatures/<int:application_id>/entretien/",
            backoffice.application_interview,
            name=f"{name}_application_interview",
        ),
        path(
            f"{prefix}candidatures/<int:application_id>/clore/",
            backoffice.application_close,
            name=f"{name}_application_close",
        ),
    ]


urlpatterns: list[URLPattern | URLResolver] = [
    # Public pages.
    path(PUBLIC, public.job_list_view, name="list"),
    path(f"{PUBLIC}mes-candidatures/", public.my_applications_view, name="my_applications"),
    path(
        f"{PUBLIC}candidatures/<int:application_id>/retirer/",
        public.application_withdraw,
        name="application_withdraw",
    ),
    path(
        f"{PUBLIC}candidatures/<int:application_id>/cv/",
        public.application_cv,
        name="application_cv",
    ),
    path(f"{PUBLIC}<int:offer_id>/", public.job_detail, name="detail"),
    path(f"{PUBLIC}<int:offer_id>/postuler/", public.job_apply, name="apply"),
    # The employers' back offices.
    *_back_office(PRO, "pro"),
    *_back_office(GESTION, "admin"),
]
