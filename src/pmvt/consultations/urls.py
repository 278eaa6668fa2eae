from django.urls import URLPattern, URLResolver, path

from pmvt.consultations.views import backoffice, public

app_name = "consultations"

T = "t/<slug:territory_slug>/"
PUBLIC = f"{T}valeurs/consultations/"
GESTION = f"{T}gestion/consultations/"
ONE = f"{GESTION}<slug:consultation_slug>/"

urlpatterns: list[URLPattern | URLResolver] = [
    # Public pages.
    path(PUBLIC, public.consultation_list_view, name="list"),
    path(f"{PUBLIC}<slug:consultation_slug>/", public.consultation_detail, name="detail"),
    path(
        f"{PUBLIC}<slug:consultation_slug>/resultats/",
        public.consultation_results_view,
        name="results",
    ),
    path(
        f"{PUBLIC}<slug:consultation_slug>/resultats/<int:question_id>/reponses-libres/",
        public.free_text_view,
        name="free_text",
    ),
    # The territory's back office.
    path(GESTION, backoffice.admin_list, name="admin_list"),
    path(f"{GESTION}nouvelle/", backoffice.admin_create, name="admin_create"),
    path(ONE, backoffice.admin_edit, name="admin_edit"),
    path(f"{ONE}questions/nouvelle/", backoffice.admin_question_add, name="admin_question_add"),
    path(
        f"{ONE}questions/<int:question_id>/",
        backoffice.admin_question_edit,
        name="admin_question_edit",
    ),
    path(
        f"{ONE}questions/<int:question_id>/retirer/",
        backoffice.admin_question_remove,
        name="admin_question_remove",
    ),
    path(
        f"{ONE}questions/<int:question_id>/deplacer/",
        backoffice.admin_question_move,
        name="admin_question_move",
    ),
    path(f"{ONE}reponses-libres/", backoffice.admin_free_text, name="admin_free_text"),
    path(f"{ONE}export.csv", backoffice.admin_export, name="admin_export"),
]
