"""Paying part of an order with territorial vouchers at checkout (orders × vouchers)."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pmvt.core.exceptions import ApplicationError
from pmvt.orders.models import OrderStatus
from pmvt.orders.services.carts import cart_add
from pmvt.orders.services.transitions import order_cancel_by_buyer, order_cancel_by_seller
from pmvt.orders.tests.factories import collect, owner_of, snapshot
from pmvt.vouchers.checkout import spendable_balance, spendable_balances
from pmvt.vouchers.models import Campaign, CampaignKind
from pmvt.vouchers.services.campaigns import (
    campaign_create,
    campaign_open,
    participation_approve,
    participation_request,
)
from pmvt.vouchers.services.issuing import PaymentMethod, voucher_purchase_record

D = Decimal
CHECKOUT = "/t/pays-dapt-luberon/marche/commande/"


@pytest.fixture
def campaign(territory, admin) -> Campaign:
    today = timezone.localdate()
    campaign = campaign_create(
        territory=territory,
        by=admin,
        name="Payez 20, recevez 30",
        kind=CampaignKind.PURCHASE_BONUS,
        price=D("20.00"),
        face_value=D("30.00"),
        budget=D("100.00"),
        per_person_cap=D("90.00"),
        issue_starts=today - timedelta(days=10),
        issue_ends=today + timedelta(days=30),
        spend_deadline=today + timedelta(days=60),
        where_to_buy="À l'office de tourisme d'Apt.",
    )
    campaign_open(campaign=campaign, by=admin)
    return Campaign.objects.get(pk=campaign.pk)


@pytest.fixture
def voucher_shop(campaign, seller, admin):
    """`seller` takes vouchers; the buyer holds one of 30 €."""
    participation = participation_request(campaign=campaign, actor=seller, by=owner_of(seller))
    participation_approve(participation=participation, by=admin)
    return seller


@pytest.fixture
def holding(campaign, buyer, admin, voucher_shop):
    voucher_purchase_record(
        campaign=campaign,
        holder=buyer,
        units=1,
        payment_method=PaymentMethod.COUNTER,
        by=admin,
        idempotency_key=uuid.uuid4().hex,
    )


@pytest.fixture
def basket(fill_cart, buyer, golden, make_variant, seller):
    """5 × 2,80 € of apples and one 12 € honey jar: 26 € at `seller`."""
    honey = make_variant(seller, "Miel de lavande", label="500 g", price="12.00", stock=5)
    return fill_cart(buyer, (golden, 5), (honey, 1))


def test_balances_of_every_seller_in_one_query(
    holding, buyer, seller, make_seller, django_assert_num_queries
):
    other = make_seller("Épicerie du Cours")

    with django_assert_num_queries(1):
        balances = spendable_balances(user=buyer, actors=[seller, other])

    assert balances == {seller.pk: D("30.00")}  # Only where the vouchers are taken.


def test_an_order_paid_partly_with_vouchers(holding, basket, buyer, seller, slot, place):
    [order] = place(basket, buyer, {seller.pk: collect(slot)}, vouchers={seller.pk: D("20.00")})

    assert (order.total, order.voucher_amount, order.amount_due) == (
        D("26.00"),
        D("20.00"),
        D("6.00"),
    )
    assert spendable_balance(user=buyer, actor=seller) == D("10.00")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (D("26.01"), "dépasse le total de la commande"),
        (D("-1"), "positif"),
        (D("1.005"), "euros et centimes"),
    ],
)
def test_a_bad_voucher_amount_changes_nothing(
    holding, basket, buyer, seller, slot, place, amount, message
):
    before = snapshot(basket)

    with pytest.raises(ApplicationError) as error:
        place(basket, buyer, {seller.pk: collect(slot)}, vouchers={seller.pk: amount})

    assert message in str(error.value.message)
    assert snapshot(basket) == before
    assert spendable_balance(user=buyer, actor=seller) == D("30.00")


def test_more_than_the_balance_places_no_order(holding, basket, buyer, seller, slot, place, golden):
    # 26 € of goods, 30 € of vouchers: spend 25, then ask 10 more on a new cart.
    place(basket, buyer, {seller.pk: collect(slot)}, vouchers={seller.pk: D("25.00")})
    big = basket
    cart_add(cart=big, variant=golden, quantity=4)
    before = snapshot(big)

    with pytest.raises(ApplicationError) as error:
        place(big, buyer, {seller.pk: collect(slot)}, vouchers={seller.pk: D("10.00")})

    assert "inférieur au montant demandé" in str(error.value.message)
    assert snapshot(big) == before


def test_no_voucher_no_payment_with_vouchers(basket, buyer, seller, slot, place, voucher_shop):
    before = snapshot(basket)

    with pytest.raises(ApplicationError):
        place(basket, buyer, {seller.pk: collect(slot)}, vouchers={seller.pk: D("5.00")})

    assert snapshot(basket) == before


def test_cancelling_gives_the_vouchers_back(holding, basket, buyer, seller, slot, place):
    [order] = place(basket, buyer, {seller.pk: collect(slot)}, vouchers={seller.pk: D("20.00")})

    order_cancel_by_buyer(order=order, by=buyer)

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert spendable_balance(user=buyer, actor=seller) == D("30.00")


def test_a_seller_cancellation_gives_the_vouchers_back(holding, basket, buyer, seller, slot, place):
    [order] = place(basket, buyer, {seller.pk: collect(slot)}, vouchers={seller.pk: D("26.00")})

    order_cancel_by_seller(order=order, by=owner_of(seller), reason="Rupture de miel.")

    assert spendable_balance(user=buyer, actor=seller) == D("30.00")


def test_the_checkout_page_offers_vouchers_only_where_they_are_taken(
    client, holding, basket, buyer, seller, make_seller, make_variant, fill_cart
):
    client.force_login(buyer)
    other = make_seller("Épicerie du Cours")
    fill_cart(buyer, (make_variant(other, "Lentilles", price="4.00"), 1))

    response = client.get(CHECKOUT)

    fields = [name for _option, name in response.context["form"].voucher_fields]
    assert fields == [f"vouchers_{seller.pk}"]
    assert "Bons d'achat territoriaux" in response.content.decode()


def test_the_checkout_form_refuses_more_than_the_balance(
    client, holding, basket, buyer, seller, slot
):
    client.force_login(buyer)
    page = client.get(CHECKOUT)
    form = page.context["form"]
    slot_value = form.fields[f"fulfilment_{seller.pk}"].choices[0][1][0][0]

    response = client.post(
        CHECKOUT,
        {
            "idempotency_key": form.initial["idempotency_key"],
            "payment_method": "on_pickup",
            f"fulfilment_{seller.pk}": slot_value,
            f"vouchers_{seller.pk}": "31",
        },
    )

    assert response.status_code == 200
    assert "Votre solde utilisable ici est de 30,00" in response.content.decode()
    assert spendable_balance(user=buyer, actor=seller) == D("30.00")


def test_a_refused_submission_without_vouchers_shows_the_voucher_field_again(
    client, holding, basket, buyer, seller, slot
):
    """A submission without a voucher amount skips the balances; the page shown again has them."""
    client.force_login(buyer)
    page = client.get(CHECKOUT)
    key = page.context["form"].initial["idempotency_key"]

    response = client.post(CHECKOUT, {"idempotency_key": key, "payment_method": "on_pickup"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[f"fulfilment_{seller.pk}"] == ["Choisissez comment recevoir cette commande."]
    assert [name for _option, name in form.voucher_fields] == [f"vouchers_{seller.pk}"]
    assert f'name="vouchers_{seller.pk}"' in response.content.decode()
