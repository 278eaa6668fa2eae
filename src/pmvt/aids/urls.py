from django.urls import URLPattern, URLResolver, path

from pmvt.aids.views import backoffice, public

app_name = "aids"

T = "t/<slug:territory_slug>/"
PUBLIC = f"{T}valeurs/aides/"
GESTION = f"{T}gestion/aides/"
ONE = f"{GESTION}<slug:aid_slug>/"

urlpatterns: list[URLPattern | URLResolver] = [
    # Public pages.
    path(PUBLIC, public.directory, name="directory"),
    path(f"{PUBLIC}mon-entreprise/", public.my_aids, name="my_aids"),
    path(f"{PUBLIC}mon-entreprise/effectif/", public.my_headcount, name="my_headcount"),
    path(f"{PUBLIC}annonces/", public.announcements, name="announcements"),
    path(f"{PUBLIC}<slug:aid_slug>/", public.detail, name="detail"),
    path(
        f"{PUBLIC}<slug:aid_slug>/documents/<int:document_id>/",
        public.document,
        name="document",
    ),
    # The territory's back office.
    path(GESTION, backoffice.admin_list, name="admin_list"),
    path(f"{GESTION}nouvelle/", backoffice.admin_create, name="admin_create"),
    path(f"{GESTION}annonces/", backoffice.admin_announcements, name="admin_announcements"),
    path(
        f"{GESTION}annonces/nouvelle/",
        backoffice.admin_announcement_create,
        name="admin_announcement_create",
    ),
    path(
        f"{GESTION}annonces/<int:announcement_id>/",
        backoffice.admin_announcement_edit,
        name="admin_announcement_edit",
    ),
    path(
        f"{GESTION}annonces/<int:announcement_id>/supprimer/",
        backoffice.admin_announcement_delete,
        name="admin_announcement_delete",
    ),
    path(ONE, backoffice.admin_edit, name="admin_edit"),
    path(f"{ONE}publication/", backoffice.admin_publish, name="admin_publish"),
    path(f"{ONE}documents/", backoffice.admin_document_add, name="admin_document_add"),
    path(
        f"{ONE}documents/<int:document_id>/retirer/",
        backoffice.admin_document_remove,
        name="admin_document_remove",
    ),
]
