from django.urls import URLPattern, URLResolver, path

from pmvt.catalog.views import backoffice, pro, public

app_name = "catalog"

T = "t/<slug:territory_slug>/"
PRO = f"{T}espace-pro/<slug:actor_slug>/catalogue/"

ADMIN = f"{T}gestion/categories/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(ADMIN, backoffice.categories, name="admin_categories"),
    path(f"{ADMIN}<int:category_id>/", backoffice.category_edit, name="admin_category_edit"),
    path(
        f"{ADMIN}<int:category_id>/desactiver/",
        backoffice.category_deactivate_view,
        name="admin_category_deactivate",
    ),
    path(
        f"{ADMIN}<int:category_id>/reactiver/",
        backoffice.category_activate_view,
        name="admin_category_activate",
    ),
    path(
        f"{ADMIN}<int:category_id>/supprimer/",
        backoffice.category_delete_view,
        name="admin_category_delete",
    ),
    path(f"{T}marche/catalogue/", public.search, name="search"),
    path(
        f"{T}marche/offres/<int:offer_id>-<slug:offer_slug>/",
        public.offer_detail,
        name="offer_detail",
    ),
    path(PRO, pro.pro_catalog, name="pro_catalog"),
    path(f"{PRO}nouvelle-offre/", pro.pro_offer_create, name="pro_offer_create"),
    path(f"{PRO}offres/<int:offer_id>/", pro.pro_offer_edit, name="pro_offer_edit"),
    path(
        f"{PRO}offres/<int:offer_id>/retirer/",
        pro.pro_offer_deactivate,
        name="pro_offer_deactivate",
    ),
    path(
        f"{PRO}offres/<int:offer_id>/remettre-en-vente/",
        pro.pro_offer_activate,
        name="pro_offer_activate",
    ),
    path(f"{PRO}formats/<int:variant_id>/stock/", pro.pro_variant_stock, name="pro_variant_stock"),
    path(f"{PRO}import/", pro.pro_import, name="pro_import"),
    path(f"{PRO}export.csv", pro.pro_export, name="pro_export"),
]
