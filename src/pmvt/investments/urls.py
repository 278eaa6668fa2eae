from django.urls import URLPattern, URLResolver, path

from pmvt.investments.views import holder, public

app_name = "investments"

T = "t/<slug:territory_slug>/"
PUBLIC = f"{T}marche/investissement/"
PRO = f"{T}espace-pro/<slug:actor_slug>/investissement/"
GESTION = f"{T}gestion/investissement/"


def _holder_patterns(base: str, prefix: str) -> list[URLPattern]:
    """The holder's pages of one call, in the pro space (pro_*) or the back office (admin_*)."""
    one = f"{base}<slug:call_slug>/"
    return [
        path(f"{base}nouveau/", holder.create, name=f"{prefix}_create"),
        path(one, holder.manage, name=f"{prefix}_manage"),
        path(f"{one}soumettre/", holder.submit, name=f"{prefix}_submit"),
        path(f"{one}cloturer/", holder.close, name=f"{prefix}_close"),
        path(f"{one}documents/", holder.document_add, name=f"{prefix}_document_add"),
        path(
            f"{one}documents/<int:document_id>/retirer/",
            holder.document_remove,
            name=f"{prefix}_document_remove",
        ),
        path(f"{one}actualites/", holder.news_add, name=f"{prefix}_news_add"),
        path(f"{one}promesses/", holder.pledges, name=f"{prefix}_pledges"),
        path(f"{one}promesses.csv", holder.export, name=f"{prefix}_export"),
    ]


urlpatterns: list[URLPattern | URLResolver] = [
    # Public pages.
    path(PUBLIC, public.call_list_view, name="list"),
    path(f"{PUBLIC}mes-promesses/", public.my_pledges, name="my_pledges"),
    path(f"{PUBLIC}<slug:call_slug>/", public.detail, name="detail"),
    path(f"{PUBLIC}<slug:call_slug>/promesse/", public.pledge, name="pledge"),
    path(
        f"{PUBLIC}<slug:call_slug>/promesse/retirer/",
        public.pledge_withdraw_view,
        name="pledge_withdraw",
    ),
    path(
        f"{PUBLIC}<slug:call_slug>/documents/<int:document_id>/",
        public.document,
        name="document",
    ),
    # The actor's pro space.
    path(PRO, holder.pro_list, name="pro_list"),
    *_holder_patterns(PRO, "pro"),
    # The territory's back office: approval queue and the collectivité's own calls.
    path(GESTION, holder.admin_list, name="admin_list"),
    path(f"{GESTION}<slug:call_slug>/publier/", holder.publish, name="admin_publish"),
    path(f"{GESTION}<slug:call_slug>/refuser/", holder.reject, name="admin_reject"),
    *_holder_patterns(GESTION, "admin"),
]
