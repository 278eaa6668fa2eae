"""Checkout: one order per seller in one transaction; every refusal changes nothing."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from pmvt.actors.services.actors import actor_suspend
from pmvt.catalog.models import OfferVariant
from pmvt.catalog.services.offers import offer_deactivate, variant_update
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.models import Notification
from pmvt.orders.models import (
    CartLine,
    Checkout,
    FulfilmentMethod,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    PaymentStatus,
    PickupSlot,
)
from pmvt.orders.services.checkout import FulfilmentChoice, delivery_dates
from pmvt.orders.services.fulfilment import (
    delivery_round_create,
    delivery_settings_update,
    payment_settings_update,
    pickup_point_create,
)
from pmvt.orders.tests.factories import collect, owner_of, snapshot

NUMBER = re.compile(r"^APT-\d{4}-\d{6}$")


@pytest.fixture
def bakery(make_seller):
    return make_seller("Fournil de Saignon", insee="84105")


@pytest.fixture
def bread(make_variant, bakery):
    return make_variant(bakery, "Pain au levain", label="800 g", price="4.50", stock=5)


@pytest.fixture
def bakery_slot(make_slot, bakery):
    return make_slot(bakery, days=2, hour=16, capacity=2)


def test_places_one_order_per_seller_in_one_checkout(
    buyer, golden, bread, slot, bakery_slot, fill_cart, place, django_capture_on_commit_callbacks
):
    cart = fill_cart(buyer, (golden, 3), (bread, 2))

    with django_capture_on_commit_callbacks(execute=True):
        orders = place(
            cart,
            buyer,
            {golden.offer.actor_id: collect(slot), bread.offer.actor_id: collect(bakery_slot)},
        )

    assert [o.seller.display_name for o in orders] == ["Fournil de Saignon", "Verger des Ocres"]
    by_seller = {o.seller_id: o for o in orders}
    apples, loaves = by_seller[golden.offer.actor_id], by_seller[bread.offer.actor_id]
    assert (apples.subtotal, apples.delivery_fee, apples.total) == (
        Decimal("8.40"),
        Decimal("0.00"),
        Decimal("8.40"),
    )
    assert (loaves.subtotal, loaves.total) == (Decimal("9.00"), Decimal("9.00"))
    assert all(NUMBER.match(o.number) for o in orders)
    assert len({o.number for o in orders}) == 2
    assert {o.checkout_id for o in orders} == {Checkout.objects.get().pk}
    assert all(o.status == OrderStatus.PLACED for o in orders)
    assert all(o.payment_status == PaymentStatus.PENDING for o in orders)
    assert apples.customer_name == "habitante@apt.test"
    assert apples.customer_email == "habitante@apt.test"
    assert OfferVariant.objects.get(pk=golden.pk).stock == 7
    assert OfferVariant.objects.get(pk=bread.pk).stock == 3
    assert PickupSlot.objects.get(pk=slot.pk).booked == 1
    assert PickupSlot.objects.get(pk=bakery_slot.pk).booked == 1
    assert CartLine.objects.filter(cart=cart).count() == 0
    assert list(
        OrderEvent.objects.filter(order=apples).values_list("from_status", "to_status")
    ) == [("", "placed")]
    line = OrderLine.objects.get(order=apples)
    assert (line.offer_name, line.variant_label, line.unit_price, line.vat_rate, line.quantity) == (
        "Pomme Golden",
        "1 kg",
        Decimal("2.80"),
        Decimal("5.50"),
        3,
    )
    assert line.line_total == Decimal("8.40")
    assert line.stock_taken is True
    # The buyer hears about each order; each seller's team about its own.
    kinds = sorted(
        Notification.objects.filter(kind__startswith="order_").values_list("kind", "user__email")
    )
    assert kinds == sorted(
        [
            ("order_placed", "habitante@apt.test"),
            ("order_placed", "habitante@apt.test"),
            ("order_received", owner_of(golden.offer.actor).email),
            ("order_received", owner_of(bread.offer.actor).email),
        ]
    )
    subjects = sorted(m.subject for m in mail.outbox if m.to == ["habitante@apt.test"])
    assert subjects == sorted(
        f"[CC Pays d'Apt-Luberon] Commande {o.number} enregistrée" for o in orders
    )


def test_order_numbers_follow_each_other_in_the_territory(buyer, golden, slot, fill_cart, place):
    first = place(fill_cart(buyer, (golden, 1)), buyer, {golden.offer.actor_id: collect(slot)})
    second = place(fill_cart(buyer, (golden, 1)), buyer, {golden.offer.actor_id: collect(slot)})

    year = timezone.localdate().year
    assert [first[0].number, second[0].number] == [f"APT-{year}-000001", f"APT-{year}-000002"]


def test_same_idempotency_key_twice_returns_the_same_orders(buyer, golden, slot, fill_cart, place):
    cart = fill_cart(buyer, (golden, 2))
    choices = {golden.offer.actor_id: collect(slot)}

    first = place(cart, buyer, choices, key="cle-unique")
    fill_cart(buyer, (golden, 1))  # Another item added since: the retry must not order it.
    second = place(cart, buyer, choices, key="cle-unique")

    assert [o.pk for o in second] == [o.pk for o in first]
    assert Order.objects.count() == 1
    assert OfferVariant.objects.get(pk=golden.pk).stock == 8
    assert PickupSlot.objects.get(pk=slot.pk).booked == 1
    assert list(CartLine.objects.filter(cart=cart).values_list("quantity", flat=True)) == [1]


def test_prices_are_snapshotted_when_the_order_is_placed(buyer, golden, slot, fill_cart, place):
    order = place(fill_cart(buyer, (golden, 2)), buyer, {golden.offer.actor_id: collect(slot)})[0]

    variant_update(variant=golden, by=owner_of(golden.offer.actor), price=Decimal("3.10"))

    order.refresh_from_db()
    line = order.lines.get()
    assert (line.unit_price, line.line_total, order.total) == (
        Decimal("2.80"),
        Decimal("5.60"),
        Decimal("5.60"),
    )


def test_totals_are_exact_decimals_across_vat_rates(
    buyer, seller, make_variant, slot, fill_cart, place
):
    leeks = make_variant(seller, "Poireaux", label="botte", price="1.15", vat_rate="5.50")
    juice = make_variant(
        seller, "Jus de pomme pétillant", label="75 cl", price="4.99", vat_rate="20.00"
    )

    order = place(fill_cart(buyer, (leeks, 3), (juice, 2)), buyer, {seller.pk: collect(slot)})[0]

    assert [(line.line_total, line.vat_rate) for line in order.lines.all()] == [
        (Decimal("3.45"), Decimal("5.50")),
        (Decimal("9.98"), Decimal("20.00")),
    ]
    assert order.subtotal == Decimal("13.43")
    assert order.total == Decimal("13.43")


# --- Refusals: a clear message, nothing changed ----------------------------------------


def assert_refused(run, message: str, cart) -> None:
    before = snapshot(cart)
    with pytest.raises(ApplicationError) as error:
        run()
    assert str(error.value.message) == message
    assert snapshot(cart) == before


def test_rejects_an_empty_cart(buyer, territory, slot, seller, place, fill_cart):
    cart = fill_cart(buyer)

    assert_refused(
        lambda: place(cart, buyer, {seller.pk: collect(slot)}), "Votre panier est vide.", cart
    )
    assert Checkout.objects.count() == 0


def test_rejects_a_quantity_above_the_stock_naming_what_is_left(
    buyer, golden, slot, fill_cart, place
):
    cart = fill_cart(buyer, (golden, 3))
    OfferVariant.objects.filter(pk=golden.pk).update(stock=2)  # Another buyer took some.

    assert_refused(
        lambda: place(cart, buyer, {golden.offer.actor_id: collect(slot)}),
        "Il ne reste que 2 «\u00a0Pomme Golden (1 kg)\u00a0» chez Verger des Ocres.",
        cart,
    )


def test_rejects_a_full_slot(buyer, golden, make_slot, seller, fill_cart, place):
    full = make_slot(seller, capacity=1)
    PickupSlot.objects.filter(pk=full.pk).update(booked=1)
    cart = fill_cart(buyer, (golden, 1))
    when = timezone.localtime(full.starts_at)

    assert_refused(
        lambda: place(cart, buyer, {seller.pk: collect(full)}),
        f"Le créneau du {_long_date(when)} chez Verger des Ocres est complet\u00a0: choisissez-en "
        "un autre.",
        cart,
    )


def _long_date(moment) -> str:
    from django.utils.formats import date_format

    return date_format(moment, "l j F à H:i")


def test_rejects_a_slot_already_past(buyer, golden, slot, fill_cart, place):
    cart = fill_cart(buyer, (golden, 1))
    past = timezone.now() - timedelta(hours=1)
    PickupSlot.objects.filter(pk=slot.pk).update(starts_at=past, ends_at=past + timedelta(hours=2))
    slot.refresh_from_db()

    assert_refused(
        lambda: place(cart, buyer, {slot.actor_id: collect(slot)}),
        f"Le créneau du {_long_date(timezone.localtime(past))} chez Verger des Ocres est déjà "
        "passé\u00a0: choisissez-en un autre.",
        cart,
    )


def test_rejects_a_slot_of_another_seller(buyer, golden, bakery_slot, fill_cart, place):
    cart = fill_cart(buyer, (golden, 1))

    assert_refused(
        lambda: place(cart, buyer, {golden.offer.actor_id: collect(bakery_slot)}),
        "Choisissez un créneau de retrait chez Verger des Ocres.",
        cart,
    )


def test_rejects_a_seller_without_a_choice(buyer, golden, bread, slot, fill_cart, place):
    cart = fill_cart(buyer, (golden, 1), (bread, 1))

    assert_refused(
        lambda: place(cart, buyer, {golden.offer.actor_id: collect(slot)}),
        "Choisissez comment recevoir la commande de Fournil de Saignon.",
        cart,
    )


def test_rejects_a_suspended_seller(buyer, golden, slot, admin, fill_cart, place):
    cart = fill_cart(buyer, (golden, 1))
    actor_suspend(actor=golden.offer.actor, by=admin, reason="Contrôle sanitaire en cours.")

    assert_refused(
        lambda: place(cart, buyer, {golden.offer.actor_id: collect(slot)}),
        "Verger des Ocres ne vend pas en ce moment sur la place des marchés.",
        cart,
    )


def test_rejects_an_offer_taken_out_of_sale(buyer, golden, slot, fill_cart, place):
    cart = fill_cart(buyer, (golden, 1))
    offer_deactivate(offer=golden.offer, by=owner_of(golden.offer.actor))

    assert_refused(
        lambda: place(cart, buyer, {golden.offer.actor_id: collect(slot)}),
        "«\u00a0Pomme Golden (1 kg)\u00a0» n'est plus en vente.",
        cart,
    )


def test_rejects_a_cart_of_another_user(buyer, golden, slot, fill_cart, place, make_user):
    cart = fill_cart(buyer, (golden, 1))
    intruder = make_user("intrus@apt.test")

    before = snapshot(cart)
    with pytest.raises(PermissionDeniedError):
        place(cart, intruder, {golden.offer.actor_id: collect(slot)})
    assert snapshot(cart) == before


def test_rejects_bank_transfer_when_the_seller_does_not_accept_it(
    buyer, golden, slot, fill_cart, place
):
    cart = fill_cart(buyer, (golden, 1))

    assert_refused(
        lambda: place(
            cart,
            buyer,
            {golden.offer.actor_id: collect(slot)},
            payment_method=PaymentMethod.BANK_TRANSFER,
        ),
        "Verger des Ocres n'accepte pas le virement bancaire\u00a0: choisissez le paiement au "
        "retrait ou à la livraison.",
        cart,
    )


def test_accepts_bank_transfer_when_the_seller_gave_an_iban(buyer, golden, slot, fill_cart, place):
    seller = golden.offer.actor
    payment_settings_update(
        actor=seller,
        by=owner_of(seller),
        bank_transfer_enabled=True,
        account_holder="Verger des Ocres SARL",
        iban="FR76 3000 6000 0112 3456 7890 189",
        bic="AGRIFRPP",
    )

    order = place(
        fill_cart(buyer, (golden, 1)),
        buyer,
        {seller.pk: collect(slot)},
        payment_method=PaymentMethod.BANK_TRANSFER,
    )[0]

    assert order.payment_method == PaymentMethod.BANK_TRANSFER


# --- Home delivery ----------------------------------------------------------------------


@pytest.fixture
def delivering(seller, commune):
    delivery_settings_update(
        actor=seller,
        by=owner_of(seller),
        enabled=True,
        communes=[commune("84003"), commune("84047")],
        fee=Decimal("4.00"),
        minimum_order=Decimal("10.00"),
        free_threshold=Decimal("30.00"),
        weekdays=[1, 4],  # Tuesday, Friday.
    )
    return seller


def delivery(commune, day=None, address="12 rue des Marchands"):
    return FulfilmentChoice(
        method=FulfilmentMethod.HOME_DELIVERY,
        address=address,
        commune=commune,
        delivery_date=day or delivery_dates(weekdays=[1, 4])[0],
    )


def test_delivers_with_the_fee_under_the_free_threshold(
    buyer, golden, delivering, commune, fill_cart, place
):
    day = delivery_dates(weekdays=[1, 4])[1]

    order = place(
        fill_cart(buyer, (golden, 4)), buyer, {delivering.pk: delivery(commune("84047"), day)}
    )[0]

    assert (order.fulfilment, order.delivery_date, order.delivery_commune.name) == (
        FulfilmentMethod.HOME_DELIVERY,
        day,
        "Gargas",
    )
    assert order.delivery_address == "12 rue des Marchands"
    assert (order.subtotal, order.delivery_fee, order.total) == (
        Decimal("11.20"),
        Decimal("4.00"),
        Decimal("15.20"),
    )


def test_delivers_free_from_the_threshold(buyer, golden, delivering, commune, fill_cart, place):
    OfferVariant.objects.filter(pk=golden.pk).update(stock=20)

    order = place(
        fill_cart(buyer, (golden, 11)), buyer, {delivering.pk: delivery(commune("84003"))}
    )[0]

    assert (order.subtotal, order.delivery_fee, order.total) == (
        Decimal("30.80"),
        Decimal("0.00"),
        Decimal("30.80"),
    )


def test_rejects_delivery_to_a_commune_the_seller_does_not_serve(
    buyer, golden, delivering, commune, fill_cart, place
):
    cart = fill_cart(buyer, (golden, 4))

    assert_refused(
        lambda: place(cart, buyer, {delivering.pk: delivery(commune("84144"))}),
        "Verger des Ocres ne livre pas à Viens.",
        cart,
    )


def test_rejects_delivery_under_the_minimum_order(
    buyer, golden, delivering, commune, fill_cart, place
):
    cart = fill_cart(buyer, (golden, 3))

    assert_refused(
        lambda: place(cart, buyer, {delivering.pk: delivery(commune("84003"))}),
        "La livraison par Verger des Ocres demande une commande d'au moins 10,00\u00a0€\u00a0; vos "
        "achats chez ce vendeur font 8,40\u00a0€.",
        cart,
    )


def test_rejects_a_delivery_day_the_seller_does_not_deliver(
    buyer, golden, delivering, commune, fill_cart, place
):
    cart = fill_cart(buyer, (golden, 4))
    wednesday = next(
        d
        for d in (timezone.localdate() + timedelta(days=n) for n in range(1, 8))
        if d.weekday() == 2
    )

    assert_refused(
        lambda: place(cart, buyer, {delivering.pk: delivery(commune("84003"), wednesday)}),
        "Choisissez un jour de livraison proposé par Verger des Ocres.",
        cart,
    )


def test_rejects_delivery_without_an_address(buyer, golden, delivering, commune, fill_cart, place):
    cart = fill_cart(buyer, (golden, 4))

    assert_refused(
        lambda: place(cart, buyer, {delivering.pk: delivery(commune("84003"), address="  ")}),
        "Indiquez l'adresse et la commune de livraison.",
        cart,
    )


def test_rejects_delivery_by_a_seller_who_does_not_deliver(
    buyer, golden, commune, fill_cart, place
):
    cart = fill_cart(buyer, (golden, 4))

    assert_refused(
        lambda: place(cart, buyer, {golden.offer.actor_id: delivery(commune("84003"))}),
        "Verger des Ocres ne livre pas à domicile.",
        cart,
    )


# --- Pickup points and delivery rounds --------------------------------------------------


@pytest.fixture
def town_hall(territory, admin, seller, commune):
    return pickup_point_create(
        territory=territory,
        by=admin,
        name="Mairie de Gargas",
        kind="mairie",
        commune=commune("84047"),
        address="Place de la Mairie",
        opening_info="Du lundi au vendredi, de 9 h à 12 h",
        sellers=[seller],
    )


@pytest.fixture
def luberon_round(territory, admin, seller, commune):
    from datetime import time

    return delivery_round_create(
        territory=territory,
        by=admin,
        name="Tournée des villages du Luberon",
        operator_name="Luberon Logistique (SCIC)",
        weekday=1,
        departure_time=time(14),
        communes=[commune("84102"), commune("84105")],
        sellers=[seller],
        fee=Decimal("2.50"),
    )


def test_orders_to_a_pickup_point_the_seller_serves(buyer, golden, town_hall, fill_cart, place):
    order = place(
        fill_cart(buyer, (golden, 1)),
        buyer,
        {
            golden.offer.actor_id: FulfilmentChoice(
                method=FulfilmentMethod.PICKUP_POINT, pickup_point=town_hall
            )
        },
    )[0]

    assert (order.fulfilment, order.pickup_point, order.total) == (
        FulfilmentMethod.PICKUP_POINT,
        town_hall,
        Decimal("2.80"),
    )


def test_rejects_a_pickup_point_the_seller_does_not_serve(
    buyer, bread, town_hall, fill_cart, place
):
    cart = fill_cart(buyer, (bread, 1))

    assert_refused(
        lambda: place(
            cart,
            buyer,
            {
                bread.offer.actor_id: FulfilmentChoice(
                    method=FulfilmentMethod.PICKUP_POINT, pickup_point=town_hall
                )
            },
        ),
        "Ce point de retrait ne propose pas les produits de Fournil de Saignon.",
        cart,
    )


def test_orders_through_a_delivery_round_on_its_next_run(
    buyer, golden, luberon_round, commune, fill_cart, place
):
    choice = FulfilmentChoice(
        method=FulfilmentMethod.DELIVERY_ROUND,
        delivery_round=luberon_round,
        address="Chemin des Ocres",
        commune=commune("84102"),
    )

    order = place(fill_cart(buyer, (golden, 1)), buyer, {golden.offer.actor_id: choice})[0]

    assert order.delivery_round == luberon_round
    assert order.delivery_date.weekday() == 1
    assert timezone.localdate() < order.delivery_date <= timezone.localdate() + timedelta(days=7)
    assert (order.delivery_fee, order.total) == (Decimal("2.50"), Decimal("5.30"))


def test_rejects_a_delivery_round_that_does_not_serve_the_commune(
    buyer, golden, luberon_round, commune, fill_cart, place
):
    cart = fill_cart(buyer, (golden, 1))
    choice = FulfilmentChoice(
        method=FulfilmentMethod.DELIVERY_ROUND,
        delivery_round=luberon_round,
        address="Route de Viens",
        commune=commune("84144"),
    )

    assert_refused(
        lambda: place(cart, buyer, {golden.offer.actor_id: choice}),
        "La tournée «\u00a0Tournée des villages du Luberon\u00a0» ne passe pas par Viens.",
        cart,
    )


# --- Professional buyers ----------------------------------------------------------------


@pytest.fixture
def restaurant(make_seller, buyer):
    return make_seller("Le Bistrot d'Apt", owner=buyer)


def test_a_professional_pays_the_pro_price_where_there_is_one(
    buyer, restaurant, make_seller, make_variant, make_slot, fill_cart, place
):
    farm = make_seller("Ferme des Claparèdes", sells_to_professionals=True)
    eggs = make_variant(farm, "Œufs plein air", label="douzaine", price="4.20", pro_price="3.60")
    honey = make_variant(farm, "Miel de lavande", label="500 g", price="9.00")
    farm_slot = make_slot(farm)

    order = place(
        fill_cart(buyer, (eggs, 2), (honey, 1)),
        buyer,
        {farm.pk: collect(farm_slot)},
        buyer_actor=restaurant,
    )[0]

    assert (order.is_professional, order.buyer_actor) == (True, restaurant)
    assert [line.unit_price for line in order.lines.all()] == [Decimal("3.60"), Decimal("9.00")]
    assert order.total == Decimal("16.20")


def test_rejects_professional_buying_from_a_seller_who_does_not_sell_to_professionals(
    buyer, restaurant, golden, slot, fill_cart, place
):
    cart = fill_cart(buyer, (golden, 1))

    assert_refused(
        lambda: place(cart, buyer, {golden.offer.actor_id: collect(slot)}, buyer_actor=restaurant),
        "Verger des Ocres ne vend pas aux professionnels.",
        cart,
    )


def test_rejects_buying_for_an_actor_the_buyer_does_not_work_for(
    buyer, make_seller, golden, slot, fill_cart, place
):
    other = make_seller("Hôtel du Luberon")
    cart = fill_cart(buyer, (golden, 1))

    assert_refused(
        lambda: place(cart, buyer, {golden.offer.actor_id: collect(slot)}, buyer_actor=other),
        "Vous ne faites pas partie de l'équipe de Hôtel du Luberon.",
        cart,
    )
