from django.urls import URLPattern, URLResolver, path

from pmvt.skills.views import manage, public

app_name = "skills"

T = "t/<slug:territory_slug>/"
PUBLIC = f"{T}valeurs/maison/competences/"
ONE = f"{PUBLIC}<int:profile_id>/"
GESTION = f"{T}gestion/competences/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(PUBLIC, public.profile_list_view, name="list"),
    path(f"{PUBLIC}mon-profil/", public.my_profile, name="my_profile"),
    path(f"{PUBLIC}mon-profil/supprimer/", public.my_profile_delete, name="my_profile_delete"),
    path(f"{PUBLIC}demandes-recues/", public.requests, name="requests"),
    path(
        f"{PUBLIC}demandes-recues/<int:request_id>/accepter/",
        public.request_accept,
        name="request_accept",
    ),
    path(
        f"{PUBLIC}demandes-recues/<int:request_id>/decliner/",
        public.request_decline,
        name="request_decline",
    ),
    path(f"{PUBLIC}demandes-envoyees/", public.sent, name="sent"),
    path(ONE, public.detail, name="detail"),
    path(f"{ONE}contacter/", public.contact, name="contact"),
    path(GESTION, manage.vocabulary, name="vocabulary"),
    path(f"{GESTION}<int:term_id>/retirer/", manage.term_deactivate, name="term_deactivate"),
    path(f"{GESTION}<int:term_id>/proposer/", manage.term_reactivate, name="term_reactivate"),
]
