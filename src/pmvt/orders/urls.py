from django.urls import URLPattern, URLResolver, include, path

from pmvt.orders.views import logistics, market, pro

app_name = "orders"

market_patterns = [
    path("panier/", market.cart, name="cart"),
    path("panier/ajouter/", market.cart_add_view, name="cart_add"),
    path("panier/<int:line_id>/quantite/", market.cart_update, name="cart_update"),
    path("panier/<int:line_id>/retirer/", market.cart_remove_view, name="cart_remove"),
    path("commande/", market.checkout, name="checkout"),
    path("commande/confirmation/<int:checkout_id>/", market.checkout_done, name="checkout_done"),
    path("mes-commandes/", market.buyer_orders, name="buyer_orders"),
    path("mes-commandes/<str:number>/", market.buyer_order, name="buyer_order"),
    path("mes-commandes/<str:number>/annuler/", market.buyer_order_cancel, name="buyer_cancel"),
    path(
        "mes-commandes/<str:number>/commander-a-nouveau/",
        market.buyer_order_again,
        name="buyer_order_again",
    ),
    path("mes-commandes/<str:number>/recu/", market.receipt, name="receipt"),
    path("mes-commandes/<str:number>/recu.pdf", market.receipt_pdf_view, name="receipt_pdf"),
    path("acteurs/<slug:actor_slug>/cgv/", market.seller_terms, name="seller_terms"),
]

pro_patterns = [
    path("", pro.pro_orders, name="pro_orders"),
    path("preparation/", pro.pro_preparation, name="pro_preparation"),
    path("tableau-de-bord/", pro.pro_dashboard, name="pro_dashboard"),
    path("assistee/", pro.pro_assisted, name="pro_assisted"),
    path("creneaux/", pro.pro_slots, name="pro_slots"),
    path("creneaux/<int:slot_id>/supprimer/", pro.pro_slot_delete, name="pro_slot_delete"),
    path("livraison/", pro.pro_delivery, name="pro_delivery"),
    path("livraison/participation/", pro.pro_participation, name="pro_participation"),
    path("paiement/", pro.pro_payment, name="pro_payment"),
    path("<str:number>/", pro.pro_order, name="pro_order"),
    path("<str:number>/<slug:action>/", pro.pro_order_action, name="pro_order_action"),
]

logistics_patterns = [
    path("", logistics.logistics, name="logistics"),
    path("points/nouveau/", logistics.pickup_point_create_view, name="pickup_point_create"),
    path("points/<int:point_id>/", logistics.pickup_point_edit, name="pickup_point_edit"),
    path("tournees/nouvelle/", logistics.delivery_round_create_view, name="round_create"),
    path("tournees/<int:round_id>/", logistics.delivery_round_edit, name="round_edit"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("t/<slug:territory_slug>/marche/", include(market_patterns)),
    path("t/<slug:territory_slug>/espace-pro/<slug:actor_slug>/commandes/", include(pro_patterns)),
    path("t/<slug:territory_slug>/gestion/logistique/", include(logistics_patterns)),
]
