from django.urls import path

from pmvt.accounts import backoffice

app_name = "backoffice"

urlpatterns = [
    path("t/<slug:territory_slug>/gestion/", backoffice.dashboard, name="dashboard"),
    path(
        "t/<slug:territory_slug>/gestion/parametres/",
        backoffice.territory_settings,
        name="settings",
    ),
    path("t/<slug:territory_slug>/gestion/membres/", backoffice.members, name="members"),
    path(
        "t/<slug:territory_slug>/gestion/membres/<int:membership_id>/role/",
        backoffice.member_set_role,
        name="member_set_role",
    ),
]
