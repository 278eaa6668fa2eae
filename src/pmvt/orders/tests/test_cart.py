"""The cart: what may go in it, the cart page, the header link, and the merge at login."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmvt.actors.services.actors import actor_suspend
from pmvt.catalog.models import OfferVariant
from pmvt.catalog.services.offers import offer_deactivate, variant_add, variant_update
from pmvt.core.exceptions import ApplicationError
from pmvt.orders.models import Cart, CartLine
from pmvt.orders.services.carts import (
    cart_add,
    cart_for_user,
    cart_remove,
    cart_set_quantity,
)
from pmvt.orders.tests.factories import messages_of, owner_of
from pmvt.territories.models import Territory

CART = "/t/pays-dapt-luberon/marche/panier/"
ADD = f"{CART}ajouter/"


def lines(cart: Cart) -> list[tuple[int, int]]:
    return list(CartLine.objects.filter(cart=cart).values_list("variant_id", "quantity"))


@pytest.fixture
def cart(territory, buyer) -> Cart:
    return cart_for_user(territory=territory, user=buyer)


def test_adds_units_on_top_of_those_already_in_the_cart(cart, golden):
    cart_add(cart=cart, variant=golden, quantity=2)
    cart_add(cart=cart, variant=golden, quantity=3)

    assert lines(cart) == [(golden.pk, 5)]


def test_one_cart_per_user_and_territory(territory, other_territory, buyer, cart):
    assert cart_for_user(territory=territory, user=buyer) == cart
    assert cart_for_user(territory=other_territory, user=buyer) != cart


@pytest.mark.parametrize("quantity", [0, -1, 100])
def test_rejects_a_quantity_outside_1_to_99(cart, golden, quantity):
    with pytest.raises(ApplicationError) as error:
        cart_add(cart=cart, variant=golden, quantity=quantity)

    assert error.value.message == "Choisissez une quantité entre 1 et 99."
    assert lines(cart) == []


def test_rejects_more_than_99_units_in_total(cart, golden):
    OfferVariant.objects.filter(pk=golden.pk).update(stock=500)
    cart_add(cart=cart, variant=golden, quantity=60)

    with pytest.raises(ApplicationError) as error:
        cart_add(cart=cart, variant=golden, quantity=40)

    assert (
        error.value.message
        == "Vous ne pouvez pas commander plus de 99 «\u00a0Pomme Golden (1 kg)\u00a0»."
    )
    assert lines(cart) == [(golden.pk, 60)]


def test_rejects_more_units_than_in_stock(cart, golden):
    with pytest.raises(ApplicationError) as error:
        cart_add(cart=cart, variant=golden, quantity=11)

    assert (
        error.value.message
        == "Il ne reste que 10 «\u00a0Pomme Golden (1 kg)\u00a0» chez Verger des Ocres."
    )
    assert lines(cart) == []


def test_rejects_a_sold_out_variant(cart, golden):
    OfferVariant.objects.filter(pk=golden.pk).update(stock=0)

    with pytest.raises(ApplicationError) as error:
        cart_add(cart=cart, variant=golden, quantity=1)

    assert (
        error.value.message
        == "Il ne reste plus de «\u00a0Pomme Golden (1 kg)\u00a0» chez Verger des Ocres."
    )


def test_an_untracked_stock_has_no_limit(cart, seller, make_variant):
    jam = make_variant(seller, "Confiture d'abricot", label="370 g", stock=0, stock_tracked=False)

    cart_add(cart=cart, variant=jam, quantity=40)

    assert lines(cart) == [(jam.pk, 40)]


def test_rejects_an_offer_taken_out_of_sale(cart, golden):
    offer_deactivate(offer=golden.offer, by=owner_of(golden.offer.actor))

    with pytest.raises(ApplicationError) as error:
        cart_add(cart=cart, variant=golden, quantity=1)

    assert error.value.message == "«\u00a0Pomme Golden (1 kg)\u00a0» n'est plus en vente."
    assert lines(cart) == []


def test_rejects_an_inactive_variant(cart, golden):
    owner = owner_of(golden.offer.actor)
    variant_add(offer=golden.offer, by=owner, label="5 kg", price=Decimal("12.00"))
    variant_update(variant=golden, by=owner, is_active=False)

    with pytest.raises(ApplicationError):
        cart_add(cart=cart, variant=golden, quantity=1)

    assert lines(cart) == []


def test_rejects_a_seller_not_yet_verified(cart, make_seller, make_variant):
    pending = make_seller("Cave de Bonnieux", verified=False)
    wine = make_variant(pending, "Côtes du Luberon rouge", label="75 cl", price="9.50")

    with pytest.raises(ApplicationError) as error:
        cart_add(cart=cart, variant=wine, quantity=1)

    assert (
        error.value.message == "Cave de Bonnieux ne vend pas en ce moment sur la place des marchés."
    )


def test_rejects_a_suspended_seller(cart, golden, admin):
    actor_suspend(actor=golden.offer.actor, by=admin, reason="Fermeture administrative.")

    with pytest.raises(ApplicationError):
        cart_add(cart=cart, variant=golden, quantity=1)

    assert lines(cart) == []


def test_rejects_a_product_of_another_territory(
    cart, make_seller, make_variant, other_territory, other_admin
):
    from pmvt.catalog.services.offers import category_create

    alsace = make_seller("Cave de Thann", of=other_territory, insee="68334", verifier=other_admin)
    wine = make_variant(
        alsace,
        "Riesling",
        label="75 cl",
        cat=category_create(territory=other_territory, name="Vins"),
    )

    with pytest.raises(ApplicationError) as error:
        cart_add(cart=cart, variant=wine, quantity=1)

    assert error.value.message == "Ce produit n'est pas proposé sur ce territoire."
    assert lines(cart) == []


def test_sets_the_quantity_of_a_line(cart, golden):
    line = cart_add(cart=cart, variant=golden, quantity=2)

    cart_set_quantity(cart=cart, line_id=line.pk, quantity=7)

    assert lines(cart) == [(golden.pk, 7)]


def test_rejects_setting_a_quantity_above_the_stock(cart, golden):
    line = cart_add(cart=cart, variant=golden, quantity=2)

    with pytest.raises(ApplicationError):
        cart_set_quantity(cart=cart, line_id=line.pk, quantity=12)

    assert lines(cart) == [(golden.pk, 2)]


def test_cannot_change_a_line_of_another_cart(cart, golden, make_user, territory):
    line = cart_add(cart=cart, variant=golden, quantity=2)
    other = cart_for_user(territory=territory, user=make_user("autre@apt.test"))

    with pytest.raises(ApplicationError):
        cart_set_quantity(cart=other, line_id=line.pk, quantity=5)
    cart_remove(cart=other, line_id=line.pk)

    assert lines(cart) == [(golden.pk, 2)]


def test_removes_a_line(cart, golden):
    line = cart_add(cart=cart, variant=golden, quantity=2)

    cart_remove(cart=cart, line_id=line.pk)

    assert lines(cart) == []


# --- Pages ---------------------------------------------------------------------------------


def test_anonymous_visitor_adds_to_the_cart_without_javascript(client, golden):
    response = client.post(
        ADD, {"variant_id": golden.pk, "quantity": "2", "next": "/t/pays-dapt-luberon/marche/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/t/pays-dapt-luberon/marche/"
    page = client.get(CART)
    assert messages_of(page) == ["2 × «\u00a0Pomme Golden (1 kg)\u00a0» ajouté au panier."]
    summary = page.context["summary"]
    assert [(g.seller.display_name, g.subtotal) for g in summary.groups] == [
        ("Verger des Ocres", Decimal("5.60"))
    ]
    assert "Panier (2)" in page.content.decode()


def test_add_refuses_an_unsafe_next_url(client, golden):
    response = client.post(
        ADD, {"variant_id": golden.pk, "quantity": "1", "next": "https://exemple.com/"}
    )

    assert response["Location"] == CART


def test_add_shows_the_stock_message_and_changes_nothing(client, golden):
    response = client.post(ADD, {"variant_id": golden.pk, "quantity": "12"}, follow=True)

    assert messages_of(response) == [
        "Il ne reste que 10 «\u00a0Pomme Golden (1 kg)\u00a0» chez Verger des Ocres."
    ]
    assert CartLine.objects.count() == 0


def test_a_signed_in_buyer_adds_within_the_stock_and_the_maximum(client, buyer, golden, territory):
    """The signed-in path finds the cart in the statement that adds: a refusal on an existing
    line changes nothing and names the limit; the first add creates the cart."""
    client.force_login(buyer)
    assert not Cart.objects.filter(user=buyer).exists()

    client.post(ADD, {"variant_id": golden.pk, "quantity": "8"}, follow=True)
    cart = Cart.objects.get(user=buyer, territory=territory)
    assert lines(cart) == [(golden.pk, 8)]

    response = client.post(ADD, {"variant_id": golden.pk, "quantity": "5"}, follow=True)
    assert messages_of(response) == [
        "Il ne reste que 10 «\u00a0Pomme Golden (1 kg)\u00a0» chez Verger des Ocres."
    ]
    assert lines(cart) == [(golden.pk, 8)]

    client.post(ADD, {"variant_id": golden.pk, "quantity": "2"}, follow=True)
    assert lines(cart) == [(golden.pk, 10)]

    OfferVariant.objects.filter(pk=golden.pk).update(stock=500)
    client.post(ADD, {"variant_id": golden.pk, "quantity": "89"}, follow=True)
    response = client.post(ADD, {"variant_id": golden.pk, "quantity": "1"}, follow=True)
    assert messages_of(response) == [
        "Vous ne pouvez pas commander plus de 99 «\u00a0Pomme Golden (1 kg)\u00a0»."
    ]
    assert lines(cart) == [(golden.pk, 99)]


def test_add_rejects_a_malformed_quantity(client, golden):
    response = client.post(ADD, {"variant_id": golden.pk, "quantity": "beaucoup"}, follow=True)

    assert messages_of(response) == ["Choisissez une quantité entre 1 et 99."]
    assert CartLine.objects.count() == 0


def test_add_rejects_a_product_of_another_territory(client, golden, other_territory):
    response = client.post(
        f"/t/{other_territory.slug}/marche/panier/ajouter/",
        {"variant_id": golden.pk, "quantity": "1"},
        follow=True,
    )

    assert messages_of(response) == ["Ce produit n'existe pas ou plus."]
    assert CartLine.objects.count() == 0


def test_the_anonymous_cart_joins_the_users_cart_at_login(
    client, buyer, golden, make_variant, seller, territory
):
    plums = make_variant(seller, "Prunes", label="500 g", price="3.00")
    cart_add(cart=cart_for_user(territory=territory, user=buyer), variant=golden, quantity=1)
    client.post(ADD, {"variant_id": golden.pk, "quantity": "2"}, follow=True)
    client.post(ADD, {"variant_id": plums.pk, "quantity": "1"})

    client.force_login(buyer)
    page = client.get(CART)

    cart = Cart.objects.get(user=buyer, territory=territory)
    assert sorted(lines(cart)) == sorted([(golden.pk, 3), (plums.pk, 1)])
    assert Cart.objects.filter(user__isnull=True).count() == 0
    assert page.context["summary"].item_count == 4


def test_updates_and_removes_lines_from_the_cart_page(client, buyer, golden, territory):
    client.force_login(buyer)
    cart = cart_for_user(territory=territory, user=buyer)
    line = cart_add(cart=cart, variant=golden, quantity=1)

    client.post(f"{CART}{line.pk}/quantite/", {"quantity": "4"}, follow=True)
    assert lines(cart) == [(golden.pk, 4)]

    response = client.post(f"{CART}{line.pk}/quantite/", {"quantity": "40"}, follow=True)
    assert messages_of(response) == [
        "Il ne reste que 10 «\u00a0Pomme Golden (1 kg)\u00a0» chez Verger des Ocres."
    ]
    assert lines(cart) == [(golden.pk, 4)]

    client.post(f"{CART}{line.pk}/retirer/")
    assert lines(cart) == []


def test_cart_page_flags_lines_that_can_no_longer_be_ordered(client, buyer, golden, territory):
    client.force_login(buyer)
    cart_add(cart=cart_for_user(territory=territory, user=buyer), variant=golden, quantity=4)
    OfferVariant.objects.filter(pk=golden.pk).update(stock=3)

    page = client.get(CART)

    item = page.context["summary"].groups[0].items[0]
    assert (
        item.problem == "Il ne reste que 3 «\u00a0Pomme Golden (1 kg)\u00a0» chez Verger des Ocres."
    )
    assert page.context["summary"].has_problems is True
    assert "/marche/commande/" not in page.content.decode()


def test_cart_page_costs_the_same_queries_whatever_its_size(
    client, buyer, seller, make_variant, territory
):
    client.force_login(buyer)
    cart = cart_for_user(territory=territory, user=buyer)
    cart_add(cart=cart, variant=make_variant(seller, "Prunes", label="500 g"), quantity=1)
    with CaptureQueriesContext(connection) as few:
        client.get(CART)
    for name in ["Abricots", "Cerises", "Figues", "Melon de Cavaillon"]:
        cart_add(cart=cart, variant=make_variant(seller, name, label="1 kg"), quantity=1)
    with CaptureQueriesContext(connection) as many:
        page = client.get(CART)

    assert page.context["summary"].item_count == 5
    assert len(many) == len(few)


def test_empty_cart_page_points_to_the_market(client, territory):
    page = client.get(CART)

    assert page.status_code == 200
    assert "Votre panier est vide" in page.content.decode()


# --- Header link ---------------------------------------------------------------------------


def cart_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries if "orders_cart" in q["sql"]]


def test_header_costs_no_query_for_a_visitor_without_a_cart(client, territory):
    assert cart_queries(client, "/t/pays-dapt-luberon/") == []
    assert "Panier</a>" in client.get("/t/pays-dapt-luberon/").content.decode()


def test_header_counts_units_in_one_query(client, buyer, golden, territory):
    cart_add(cart=cart_for_user(territory=territory, user=buyer), variant=golden, quantity=3)
    client.force_login(buyer)

    assert len(cart_queries(client, "/t/pays-dapt-luberon/")) == 1
    assert "Panier (3)" in client.get("/t/pays-dapt-luberon/").content.decode()


def test_header_counts_only_this_territorys_cart(
    client, buyer, golden, territory, other_territory: Territory
):
    cart_add(cart=cart_for_user(territory=territory, user=buyer), variant=golden, quantity=3)
    client.force_login(buyer)

    page = client.get(f"/t/{other_territory.slug}/").content.decode()

    assert "Panier (3)" not in page
    assert "Panier</a>" in page
