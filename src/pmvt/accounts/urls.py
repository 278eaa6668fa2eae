from django.urls import path

from pmvt.accounts import views

app_name = "accounts"

urlpatterns = [
    path("compte/bienvenue/", views.after_login, name="after_login"),
    path("compte/mes-donnees/", views.my_account, name="my_data"),
    path("compte/mes-donnees/export.json", views.export_data, name="export_data"),
    path("compte/supprimer/", views.delete_account, name="delete_account"),
    path("compte/conditions/", views.accept_terms, name="accept_terms"),
    path("t/<slug:territory_slug>/profil/", views.territory_profile, name="territory_profile"),
    path("t/<slug:territory_slug>/rejoindre/", views.territory_join, name="territory_join"),
]
