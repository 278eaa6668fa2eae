from django.urls import URLPattern, URLResolver, path

from pmvt.maison import views

app_name = "maison"

HOME = "t/<slug:territory_slug>/valeurs/maison/"
NEED = f"{HOME}besoins/<int:need_id>/"
INVITATION = f"{HOME}invitations/<int:invitation_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(HOME, views.home, name="home"),
    path(f"{HOME}pour-moi/", views.for_me, name="for_me"),
    path(f"{HOME}invitations/", views.my_invitations, name="invitations"),
    path(f"{NEED}suggestions/", views.need_suggestions, name="need_suggestions"),
    path(f"{NEED}inviter/", views.invite, name="invite"),
    path(f"{NEED}invitations/", views.need_invitations, name="need_invitations"),
    path(f"{NEED}proposer-mon-aide/", views.offer, name="offer"),
    path(f"{INVITATION}accepter/", views.accept, name="accept"),
    path(f"{INVITATION}decliner/", views.decline, name="decline"),
    path(f"{INVITATION}retirer/", views.withdraw, name="withdraw"),
    path(f"{INVITATION}heures/", views.record_hours, name="record_hours"),
]
