from django.urls import URLPattern, URLResolver, path

from pmvt.actors.views import backoffice, pro, public

app_name = "actors"

T = "t/<slug:territory_slug>/"
PRO = f"{T}espace-pro/<slug:actor_slug>/"
GESTION = f"{T}gestion/"

urlpatterns: list[URLPattern | URLResolver] = [
    # Public pages.
    path(f"{T}marche/acteurs/", public.directory, name="directory"),
    path(f"{T}marche/acteurs/<slug:actor_slug>/", public.detail, name="detail"),
    path(f"{T}marche/marches/", public.markets, name="markets"),
    path(f"{T}marche/marches/imprimer/", public.markets_print, name="markets_print"),
    path(f"{T}marche/inscrire-mon-activite/", pro.onboarding, name="onboarding"),
    path(
        f"{T}invitation-equipe/<str:token>/", pro.invitation_accept_view, name="invitation_accept"
    ),
    # The professional space of an actor.
    path(f"{T}espace-pro/", pro.pro_index, name="pro_index"),
    path(PRO, pro.pro_home, name="pro_home"),
    path(f"{PRO}fiche/", pro.pro_page, name="pro_page"),
    path(f"{PRO}fiche/horaires/", pro.pro_hours, name="pro_hours"),
    path(f"{PRO}fiche/fermetures/", pro.pro_closures, name="pro_closures"),
    path(
        f"{PRO}fiche/fermetures/<int:closure_id>/retirer/",
        pro.pro_closure_remove,
        name="pro_closure_remove",
    ),
    path(f"{PRO}fiche/photos/", pro.pro_photos, name="pro_photos"),
    path(
        f"{PRO}fiche/photos/<int:photo_id>/retirer/", pro.pro_photo_remove, name="pro_photo_remove"
    ),
    path(f"{PRO}equipe/", pro.pro_team, name="pro_team"),
    path(f"{PRO}equipe/<int:staff_id>/role/", pro.pro_staff_role, name="pro_staff_role"),
    path(f"{PRO}equipe/<int:staff_id>/retirer/", pro.pro_staff_remove, name="pro_staff_remove"),
    path(
        f"{PRO}equipe/invitations/<int:invitation_id>/annuler/",
        pro.pro_invitation_revoke,
        name="pro_invitation_revoke",
    ),
    path(f"{PRO}marches/", pro.pro_markets, name="pro_markets"),
    path(f"{PRO}marches/<slug:market_slug>/", pro.pro_market_attend, name="pro_market_attend"),
    # The territory's back office.
    path(f"{GESTION}acteurs/", backoffice.admin_queue, name="admin_queue"),
    path(f"{GESTION}acteurs/<slug:actor_slug>/", backoffice.admin_detail, name="admin_detail"),
    path(
        f"{GESTION}acteurs/<slug:actor_slug>/verifier/",
        backoffice.admin_verify,
        name="admin_verify",
    ),
    path(
        f"{GESTION}acteurs/<slug:actor_slug>/suspendre/",
        backoffice.admin_suspend,
        name="admin_suspend",
    ),
    path(
        f"{GESTION}acteurs/<slug:actor_slug>/retablir/",
        backoffice.admin_reinstate,
        name="admin_reinstate",
    ),
    path(f"{GESTION}marches/", backoffice.admin_markets, name="admin_markets"),
    path(f"{GESTION}marches/nouveau/", backoffice.admin_market_create, name="admin_market_create"),
    path(
        f"{GESTION}marches/<slug:market_slug>/",
        backoffice.admin_market_edit,
        name="admin_market_edit",
    ),
    path(
        f"{GESTION}marches/<slug:market_slug>/supprimer/",
        backoffice.admin_market_delete,
        name="admin_market_delete",
    ),
    path(
        f"{GESTION}marches/<slug:market_slug>/exposants/",
        backoffice.admin_stall_add,
        name="admin_stall_add",
    ),
    path(
        f"{GESTION}marches/<slug:market_slug>/exposants/<slug:actor_slug>/retirer/",
        backoffice.admin_stall_remove,
        name="admin_stall_remove",
    ),
]
