"""Buyer pages over HTTP: checkout, confirmation, my orders, order page, receipts, terms."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pmvt.catalog.models import OfferVariant
from pmvt.orders.models import CartLine, Checkout, Order, OrderStatus, PickupSlot
from pmvt.orders.services.carts import cart_add, cart_for_user
from pmvt.orders.services.fulfilment import payment_settings_update
from pmvt.orders.services.transitions import order_accept
from pmvt.orders.tests.factories import collect, messages_of, owner_of

MARKET = "/t/pays-dapt-luberon/marche/"
CHECKOUT = f"{MARKET}commande/"
MY_ORDERS = f"{MARKET}mes-commandes/"


@pytest.fixture
def in_cart(territory, buyer, golden):
    cart = cart_for_user(territory=territory, user=buyer)
    cart_add(cart=cart, variant=golden, quantity=2)
    return cart


@pytest.fixture
def buyer_client(client, buyer):
    client.force_login(buyer)
    return client


def checkout_data(page, **values) -> dict:
    form = page.context["form"]
    data = {"idempotency_key": form.initial["idempotency_key"], "payment_method": "on_pickup"}
    data.update(values)
    return data


def test_checkout_sends_anonymous_visitors_to_login_and_back(client, territory):
    response = client.get(CHECKOUT)

    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/t/pays-dapt-luberon/marche/commande/"


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(buyer_client, territory):
    response = buyer_client.get(CHECKOUT, follow=True)

    assert response.redirect_chain == [(f"{MARKET}panier/", 302)]
    assert messages_of(response) == [
        "Votre panier est vide\u00a0: ajoutez des produits avant de commander."
    ]


def test_checkout_offers_the_sellers_slots(buyer_client, in_cart, slot, seller):
    page = buyer_client.get(CHECKOUT)

    assert page.status_code == 200
    field = page.context["form"].fields[f"fulfilment_{seller.pk}"]
    [(group, options)] = field.choices
    assert str(group) == "Retrait chez le vendeur (click & collect)"
    assert [value for value, _label in options] == [f"slot:{slot.pk}"]
    assert "encore 5 places" in str(options[0][1])


def test_checkout_places_the_order_and_shows_the_confirmation(
    buyer_client, in_cart, slot, seller, golden
):
    page = buyer_client.get(CHECKOUT)
    data = checkout_data(
        page, **{f"fulfilment_{seller.pk}": f"slot:{slot.pk}"}, note="Sans sac, merci."
    )

    response = buyer_client.post(CHECKOUT, data, follow=True)

    order = Order.objects.get()
    assert response.redirect_chain == [(f"{MARKET}commande/confirmation/{order.checkout_id}/", 302)]
    assert (order.total, order.note, order.pickup_slot) == (
        Decimal("5.60"),
        "Sans sac, merci.",
        slot,
    )
    assert CartLine.objects.filter(cart=in_cart).count() == 0
    assert order.number in response.content.decode()


def test_a_double_submission_places_one_order(buyer_client, in_cart, slot, seller, golden):
    page = buyer_client.get(CHECKOUT)
    data = checkout_data(page, **{f"fulfilment_{seller.pk}": f"slot:{slot.pk}"})

    first = buyer_client.post(CHECKOUT, data)
    second = buyer_client.post(CHECKOUT, data)

    assert Order.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert OfferVariant.objects.get(pk=golden.pk).stock == 8


def test_checkout_refusal_keeps_the_form_and_changes_nothing(
    buyer_client, in_cart, slot, seller, golden
):
    page = buyer_client.get(CHECKOUT)
    data = checkout_data(page, **{f"fulfilment_{seller.pk}": f"slot:{slot.pk}"})
    OfferVariant.objects.filter(pk=golden.pk).update(stock=1)  # Sold meanwhile.

    response = buyer_client.post(CHECKOUT, data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Il ne reste que 1 «\u00a0Pomme Golden (1 kg)\u00a0» chez Verger des Ocres."
    ]
    assert response.context["form"]["idempotency_key"].value() == data["idempotency_key"]
    assert Order.objects.count() == 0
    assert Checkout.objects.count() == 0
    assert OfferVariant.objects.get(pk=golden.pk).stock == 1
    assert PickupSlot.objects.get(pk=slot.pk).booked == 0
    assert CartLine.objects.filter(cart=in_cart).count() == 1


def test_a_full_slot_is_no_longer_offered(buyer_client, in_cart, slot, seller):
    page = buyer_client.get(CHECKOUT)
    data = checkout_data(page, **{f"fulfilment_{seller.pk}": f"slot:{slot.pk}"})
    PickupSlot.objects.filter(pk=slot.pk).update(booked=5)

    response = buyer_client.post(CHECKOUT, data)

    assert response.context["form"].errors[f"fulfilment_{seller.pk}"] == [
        "Ce mode de réception n'est plus proposé."
    ]
    assert Order.objects.count() == 0


def test_checkout_requires_a_choice_per_seller(buyer_client, in_cart, slot, seller):
    page = buyer_client.get(CHECKOUT)

    response = buyer_client.post(CHECKOUT, checkout_data(page))

    assert response.context["form"].errors[f"fulfilment_{seller.pk}"] == [
        "Choisissez comment recevoir cette commande."
    ]
    assert Order.objects.count() == 0


def test_checkout_rejects_a_slot_id_that_was_tampered_with(
    buyer_client, in_cart, slot, seller, make_slot, make_seller
):
    foreign_slot = make_slot(make_seller("Miellerie de Viens"))
    page = buyer_client.get(CHECKOUT)

    response = buyer_client.post(
        CHECKOUT, checkout_data(page, **{f"fulfilment_{seller.pk}": f"slot:{foreign_slot.pk}"})
    )

    assert response.context["form"].errors[f"fulfilment_{seller.pk}"] == [
        "Ce mode de réception n'est plus proposé."
    ]
    assert Order.objects.count() == 0


@pytest.mark.parametrize("forged", ["slot:²", "point:¹", "round:x", "slot:", "slot:99999999999"])
def test_checkout_rejects_a_choice_that_is_not_an_id(buyer_client, in_cart, slot, seller, forged):
    page = buyer_client.get(CHECKOUT)

    response = buyer_client.post(
        CHECKOUT, checkout_data(page, **{f"fulfilment_{seller.pk}": forged})
    )

    assert response.status_code == 200
    assert response.context["form"].errors[f"fulfilment_{seller.pk}"] == [
        "Ce mode de réception n'est plus proposé."
    ]
    assert Order.objects.count() == 0


def test_confirmation_shows_the_bank_details_for_a_transfer(buyer_client, in_cart, slot, seller):
    payment_settings_update(
        actor=seller,
        by=owner_of(seller),
        bank_transfer_enabled=True,
        account_holder="Verger des Ocres SARL",
        iban="FR7630006000011234567890189",
    )
    page = buyer_client.get(CHECKOUT)

    response = buyer_client.post(
        CHECKOUT,
        checkout_data(
            page, **{f"fulfilment_{seller.pk}": f"slot:{slot.pk}"}, payment_method="transfer"
        ),
        follow=True,
    )

    html = response.content.decode()
    assert "FR76 3000 6000 0112 3456 7890 189" in html
    assert "Verger des Ocres SARL" in html


def test_confirmation_of_another_buyer_is_not_found(
    client, buyer, golden, slot, fill_cart, place, make_user
):
    order = place(fill_cart(buyer, (golden, 1)), buyer, {slot.actor_id: collect(slot)})[0]
    client.force_login(make_user("curieux@apt.test"))

    response = client.get(f"{MARKET}commande/confirmation/{order.checkout_id}/")

    assert response.status_code == 404


# --- My orders -------------------------------------------------------------------------------


@pytest.fixture
def order(buyer, golden, slot, fill_cart, place):
    return place(fill_cart(buyer, (golden, 3)), buyer, {slot.actor_id: collect(slot)})[0]


def test_my_orders_lists_only_mine_with_a_fixed_number_of_queries(
    buyer_client, buyer, golden, seller, make_slot, fill_cart, place, make_user
):
    slot = make_slot(seller, capacity=20)
    stranger = make_user("autre-acheteur@apt.test")
    place(fill_cart(stranger, (golden, 1)), stranger, {slot.actor_id: collect(slot)})
    place(fill_cart(buyer, (golden, 1)), buyer, {slot.actor_id: collect(slot)})

    with CaptureQueriesContext(connection) as few:
        page = buyer_client.get(MY_ORDERS)
    for _n in range(4):
        place(fill_cart(buyer, (golden, 1)), buyer, {slot.actor_id: collect(slot)})
    with CaptureQueriesContext(connection) as many:
        page = buyer_client.get(MY_ORDERS)

    assert [o.buyer_id for o in page.context["page_obj"].object_list] == [buyer.pk] * 5
    assert len(many) == len(few)


def test_my_orders_sends_anonymous_visitors_to_login(client, territory):
    response = client.get(MY_ORDERS)

    assert response["Location"] == "/compte/login/?next=/t/pays-dapt-luberon/marche/mes-commandes/"


def test_order_page_shows_status_and_timeline(buyer_client, order):
    order_accept(order=order, by=owner_of(order.seller))

    page = buyer_client.get(f"{MY_ORDERS}{order.number}/")

    assert page.status_code == 200
    assert [e.to_status for e in page.context["events"]] == ["placed", "accepted"]
    assert page.context["can_cancel"] is False


def test_another_buyers_order_number_is_not_found(client, order, make_user):
    client.force_login(make_user("voisine@apt.test"))

    for suffix in ["", "recu/", "recu.pdf"]:
        assert client.get(f"{MY_ORDERS}{order.number}/{suffix}").status_code == 404
    response = client.post(f"{MY_ORDERS}{order.number}/annuler/")
    assert response.status_code == 404
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PLACED


def test_buyer_cancels_from_the_order_page(buyer_client, order, golden):
    response = buyer_client.post(f"{MY_ORDERS}{order.number}/annuler/", follow=True)

    assert messages_of(response) == [f"Votre commande {order.number} est annulée."]
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED
    assert OfferVariant.objects.get(pk=golden.pk).stock == 10


def test_order_again_adds_what_is_still_available(
    buyer_client, buyer, seller, make_variant, slot, fill_cart, place, territory
):
    golden = make_variant(seller, "Pomme Golden", label="1 kg", stock=10)
    plums = make_variant(seller, "Prunes", label="500 g", stock=5)
    order = place(fill_cart(buyer, (golden, 2), (plums, 4)), buyer, {seller.pk: collect(slot)})[0]
    OfferVariant.objects.filter(pk=plums.pk).update(stock=1)

    response = buyer_client.post(f"{MY_ORDERS}{order.number}/commander-a-nouveau/", follow=True)

    assert messages_of(response) == [
        "Ajouté au panier\u00a0: Pomme Golden (1 kg).",
        "Plus disponible en quantité suffisante\u00a0: Prunes (500 g).",
    ]
    cart = cart_for_user(territory=territory, user=buyer)
    assert list(CartLine.objects.filter(cart=cart).values_list("variant_id", "quantity")) == [
        (golden.pk, 2)
    ]


def test_receipt_shows_vat_per_rate(
    buyer_client, buyer, seller, make_variant, slot, fill_cart, place
):
    leeks = make_variant(seller, "Poireaux", label="botte", price="1.15", vat_rate="5.50")
    juice = make_variant(seller, "Jus de pomme", label="75 cl", price="4.99", vat_rate="20.00")
    order = place(fill_cart(buyer, (leeks, 3), (juice, 2)), buyer, {seller.pk: collect(slot)})[0]

    page = buyer_client.get(f"{MY_ORDERS}{order.number}/recu/")

    rows = [(r.rate, r.total_excl_tax, r.vat, r.total_incl_tax) for r in page.context["vat_rows"]]
    assert rows == [
        (Decimal("20.00"), Decimal("8.32"), Decimal("1.66"), Decimal("9.98")),
        (Decimal("5.50"), Decimal("3.27"), Decimal("0.18"), Decimal("3.45")),
    ]
    assert (page.context["total_excl_tax"], page.context["total_vat"]) == (
        Decimal("11.59"),
        Decimal("1.84"),
    )
    html = page.content.decode()
    assert "13,43\u00a0€" in html
    assert seller.siret in html


def test_receipt_pdf_is_a_pdf_with_the_order_number(buyer_client, order):
    response = buyer_client.get(f"{MY_ORDERS}{order.number}/recu.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="recu-{order.number}.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_seller_terms_page_shows_the_withdrawal_rules(client, seller):
    response = client.get(f"{MARKET}acteurs/{seller.slug}/cgv/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "L221-28" in html
    assert seller.siret in html


def test_terms_of_an_unverified_seller_are_not_found(client, make_seller):
    pending = make_seller("Atelier en attente", verified=False)

    assert client.get(f"{MARKET}acteurs/{pending.slug}/cgv/").status_code == 404


def test_a_past_slot_is_not_offered(buyer_client, in_cart, slot, seller):
    past = timezone.now() - timedelta(minutes=5)
    PickupSlot.objects.filter(pk=slot.pk).update(starts_at=past, ends_at=past + timedelta(hours=1))

    page = buyer_client.get(CHECKOUT)

    assert page.context["form"].fields[f"fulfilment_{seller.pk}"].choices == []
    assert "ne propose pour l'instant aucun créneau" in page.content.decode()


def test_buying_as_a_professional_through_the_page(
    buyer_client, buyer, make_seller, make_variant, make_slot, fill_cart
):
    restaurant = make_seller("Le Bistrot d'Apt", owner=buyer)
    farm = make_seller("Ferme des Claparèdes", sells_to_professionals=True)
    eggs = make_variant(farm, "Œufs plein air", label="douzaine", price="4.20", pro_price="3.60")
    farm_slot = make_slot(farm)
    fill_cart(buyer, (eggs, 2))
    page = buyer_client.get(CHECKOUT)
    assert "buyer_actor" in page.context["form"].fields

    response = buyer_client.post(
        CHECKOUT,
        checkout_data(
            page, **{f"fulfilment_{farm.pk}": f"slot:{farm_slot.pk}", "buyer_actor": restaurant.pk}
        ),
    )

    assert response.status_code == 302
    order = Order.objects.get(buyer=buyer)
    assert (order.buyer_actor, order.total) == (restaurant, Decimal("7.20"))


def test_buying_for_an_actor_one_does_not_work_for_is_refused(
    buyer_client, buyer, make_seller, make_variant, make_slot, fill_cart
):
    make_seller("Le Bistrot d'Apt", owner=buyer)
    stranger = make_seller("Le Grand Hôtel")
    farm = make_seller("Ferme des Claparèdes", sells_to_professionals=True)
    eggs = make_variant(farm, "Œufs plein air", label="douzaine", price="4.20", pro_price="3.60")
    farm_slot = make_slot(farm)
    fill_cart(buyer, (eggs, 2))
    page = buyer_client.get(CHECKOUT)

    response = buyer_client.post(
        CHECKOUT,
        checkout_data(
            page, **{f"fulfilment_{farm.pk}": f"slot:{farm_slot.pk}", "buyer_actor": stranger.pk}
        ),
    )

    assert response.status_code == 200
    assert "buyer_actor" in response.context["form"].errors
    assert Order.objects.count() == 0
