from django.urls import URLPattern, URLResolver, path

from pmvt.vouchers.views import backoffice, pro, public

app_name = "vouchers"

T = "t/<slug:territory_slug>/"
MARKET = f"{T}marche/bons/"
GESTION = f"{T}gestion/bons/"
ONE = f"{GESTION}campagnes/<slug:campaign_slug>/"
PRO = f"{T}espace-pro/<slug:actor_slug>/bons/"

urlpatterns: list[URLPattern | URLResolver] = [
    # Public and holder pages.
    path(MARKET, public.home, name="home"),
    path(f"{MARKET}reclamer/", public.claim, name="claim"),
    path(f"{MARKET}campagnes/<slug:campaign_slug>/", public.campaign, name="campaign"),
    path(f"{MARKET}<str:code>/", public.voucher, name="voucher"),
    path(f"{MARKET}<str:code>/qr.svg", public.voucher_qr, name="voucher_qr"),
    # The territory's back office.
    path(GESTION, backoffice.admin_list, name="admin_list"),
    path(f"{GESTION}nouvelle/", backoffice.admin_create, name="admin_create"),
    path(f"{GESTION}remboursements/", backoffice.admin_statements, name="admin_statements"),
    path(
        f"{GESTION}remboursements.csv",
        backoffice.admin_statements_csv,
        name="admin_statements_csv",
    ),
    path(
        f"{GESTION}remboursements/payer/",
        backoffice.admin_statement_pay,
        name="admin_statement_pay",
    ),
    path(ONE, backoffice.admin_campaign, name="admin_campaign"),
    path(f"{ONE}achat/", backoffice.admin_purchase, name="admin_purchase"),
    path(f"{ONE}recus/<str:code>/", backoffice.admin_receipt, name="admin_receipt"),
    path(f"{ONE}gratuits/", backoffice.admin_free, name="admin_free"),
    path(f"{ONE}codes.csv", backoffice.admin_codes_csv, name="admin_codes_csv"),
    path(
        f"{ONE}participations/<int:participation_id>/<slug:action>/",
        backoffice.admin_participation,
        name="admin_participation",
    ),
    path(f"{ONE}<slug:action>/", backoffice.admin_transition, name="admin_transition"),
    # The seller's pro space.
    path(PRO, pro.pro_home, name="pro_home"),
    path(f"{PRO}encaisser/", pro.pro_cash_in, name="pro_cash_in"),
    path(
        f"{PRO}encaissements/<int:transaction_id>/rembourser/",
        pro.pro_refund,
        name="pro_refund",
    ),
    path(f"{PRO}releves/", pro.pro_statements, name="pro_statements"),
    path(f"{PRO}participer/<slug:campaign_slug>/", pro.pro_participate, name="pro_participate"),
]
