"""The life of an order: one function per transition, who may call it, and what it undoes."""

from decimal import Decimal

import pytest
from django.core import mail

from pmvt.actors.models import StaffRole
from pmvt.catalog.models import OfferVariant
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.models import Notification
from pmvt.orders.models import (
    FulfilmentMethod,
    Order,
    OrderEvent,
    OrderStatus,
    PaymentStatus,
    PickupSlot,
)
from pmvt.orders.services.checkout import FulfilmentChoice
from pmvt.orders.services.fulfilment import pickup_point_create
from pmvt.orders.services.transitions import (
    order_accept,
    order_cancel_by_buyer,
    order_cancel_by_seller,
    order_mark_collected,
    order_mark_delivered,
    order_mark_paid,
    order_mark_ready,
)
from pmvt.orders.tests.factories import collect, owner_of


@pytest.fixture
def order(buyer, golden, slot, fill_cart, place) -> Order:
    return place(fill_cart(buyer, (golden, 3)), buyer, {golden.offer.actor_id: collect(slot)})[0]


@pytest.fixture
def clerk(order, add_staff):
    """An employee of the seller (role "staff"): handles orders."""
    return add_staff(order.seller, StaffRole.STAFF)


def statuses(order: Order) -> list[tuple[str, str]]:
    return list(OrderEvent.objects.filter(order=order).values_list("from_status", "to_status"))


def test_goes_from_placed_to_collected_step_by_step(
    order, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order_accept(order=order, by=clerk)
        order_mark_ready(order=order, by=clerk)
        order_mark_collected(order=order, by=clerk)

    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED
    assert statuses(order) == [
        ("", "placed"),
        ("placed", "accepted"),
        ("accepted", "ready"),
        ("ready", "collected"),
    ]
    assert list(
        Notification.objects.filter(user=order.buyer, kind="order_status")
        .order_by("pk")
        .values_list("title", flat=True)
    ) == [
        f"Commande {order.number} acceptée",
        f"Commande {order.number} prête",
        f"Commande {order.number} retirée",
    ]
    ready_mail = next(
        m for m in mail.outbox if m.subject.endswith(f"Commande {order.number} prête")
    )
    assert ready_mail.to == ["habitante@apt.test"]
    assert ready_mail.body.startswith(
        f"Votre commande {order.number} chez Verger des Ocres est prête\u00a0: vous pouvez la retirer."
    )


@pytest.mark.parametrize(
    ("transition", "status"),
    [
        (order_mark_ready, OrderStatus.PLACED),
        (order_mark_collected, OrderStatus.PLACED),
        (order_mark_collected, OrderStatus.ACCEPTED),
        (order_accept, OrderStatus.ACCEPTED),
        (order_accept, OrderStatus.CANCELLED),
    ],
)
def test_rejects_a_transition_out_of_order(order, clerk, transition, status):
    Order.objects.filter(pk=order.pk).update(status=status)
    order.refresh_from_db()

    with pytest.raises(ApplicationError) as error:
        transition(order=order, by=clerk)

    label = OrderStatus(status).label
    assert error.value.message == (
        f"Cette commande est «\u00a0{label}\u00a0»\u00a0: cette action n'est plus possible."
    )
    order.refresh_from_db()
    assert order.status == status
    assert OrderEvent.objects.filter(order=order).count() == 1


def test_rejects_marking_a_click_and_collect_order_delivered(order, clerk):
    order_accept(order=order, by=clerk)
    order_mark_ready(order=order, by=clerk)

    with pytest.raises(ApplicationError) as error:
        order_mark_delivered(order=order, by=clerk)

    assert (
        error.value.message
        == "Cette commande est retirée, pas livrée\u00a0: marquez-la comme retirée."
    )
    assert Order.objects.get(pk=order.pk).status == OrderStatus.READY


def test_a_pickup_point_order_is_collected(
    buyer, golden, territory, admin, commune, fill_cart, place
):
    seller = golden.offer.actor
    point = pickup_point_create(
        territory=territory,
        by=admin,
        name="Épicerie du Village",
        kind="shop",
        commune=commune("84118"),
        address="Place de l'Église",
        sellers=[seller],
    )
    order = place(
        fill_cart(buyer, (golden, 1)),
        buyer,
        {seller.pk: FulfilmentChoice(method=FulfilmentMethod.PICKUP_POINT, pickup_point=point)},
    )[0]
    owner = owner_of(seller)

    order_accept(order=order, by=owner)
    order_mark_ready(order=order, by=owner)
    order_mark_collected(order=order, by=owner)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.COLLECTED


def test_staff_of_another_actor_cannot_move_an_order(order, make_seller):
    other = make_seller("Fromagerie de Rustrel")

    with pytest.raises(PermissionDeniedError):
        order_accept(order=order, by=owner_of(other))

    assert Order.objects.get(pk=order.pk).status == OrderStatus.PLACED


def test_the_buyer_cannot_accept_their_own_order(order, buyer):
    with pytest.raises(PermissionDeniedError):
        order_accept(order=order, by=buyer)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.PLACED


# --- Cancellation --------------------------------------------------------------------------


def test_buyer_cancels_a_placed_order_and_stock_and_slot_come_back(order, buyer, golden, slot):
    assert OfferVariant.objects.get(pk=golden.pk).stock == 7

    order_cancel_by_buyer(order=order, by=buyer)

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert OfferVariant.objects.get(pk=golden.pk).stock == 10
    assert PickupSlot.objects.get(pk=slot.pk).booked == 0
    assert statuses(order)[-1] == ("placed", "cancelled")
    assert Notification.objects.filter(user=owner_of(order.seller), kind="order_cancelled").exists()


def test_buyer_cannot_cancel_once_the_seller_accepted(order, buyer, clerk, golden):
    order_accept(order=order, by=clerk)

    with pytest.raises(ApplicationError) as error:
        order_cancel_by_buyer(order=order, by=buyer)

    assert error.value.message == (
        "Verger des Ocres a déjà pris en charge cette commande\u00a0: contactez le vendeur pour "
        "l'annuler."
    )
    assert Order.objects.get(pk=order.pk).status == OrderStatus.ACCEPTED
    assert OfferVariant.objects.get(pk=golden.pk).stock == 7


def test_another_user_cannot_cancel_the_buyers_order(order, make_user, golden):
    with pytest.raises(PermissionDeniedError):
        order_cancel_by_buyer(order=order, by=make_user("voisin@apt.test"))

    assert Order.objects.get(pk=order.pk).status == OrderStatus.PLACED
    assert OfferVariant.objects.get(pk=golden.pk).stock == 7


def test_seller_cancels_a_ready_order_with_a_reason(
    order, clerk, golden, slot, django_capture_on_commit_callbacks
):
    order_accept(order=order, by=clerk)
    order_mark_ready(order=order, by=clerk)

    with django_capture_on_commit_callbacks(execute=True):
        order_cancel_by_seller(order=order, by=clerk, reason="Grêle sur le verger, récolte perdue.")

    order.refresh_from_db()
    assert (order.status, order.cancel_reason) == (
        OrderStatus.CANCELLED,
        "Grêle sur le verger, récolte perdue.",
    )
    assert OfferVariant.objects.get(pk=golden.pk).stock == 10
    assert PickupSlot.objects.get(pk=slot.pk).booked == 0
    notification = Notification.objects.filter(user=order.buyer, kind="order_status").first()
    assert notification is not None
    assert notification.body == (
        f"Verger des Ocres a annulé votre commande {order.number}. Motif\u00a0: Grêle sur le "
        "verger, récolte perdue."
    )


def test_seller_must_give_a_reason_to_cancel(order, clerk, golden):
    with pytest.raises(ApplicationError) as error:
        order_cancel_by_seller(order=order, by=clerk, reason="   ")

    assert (
        error.value.message == "Indiquez le motif de l'annulation\u00a0: il est transmis au client."
    )
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PLACED
    assert OfferVariant.objects.get(pk=golden.pk).stock == 7


def test_seller_cannot_cancel_a_collected_order(order, clerk, golden):
    order_accept(order=order, by=clerk)
    order_mark_ready(order=order, by=clerk)
    order_mark_collected(order=order, by=clerk)

    with pytest.raises(ApplicationError):
        order_cancel_by_seller(order=order, by=clerk, reason="Erreur")

    assert Order.objects.get(pk=order.pk).status == OrderStatus.COLLECTED
    assert OfferVariant.objects.get(pk=golden.pk).stock == 7


def test_a_cancelled_order_cannot_be_cancelled_twice(order, buyer, golden):
    order_cancel_by_buyer(order=order, by=buyer)

    with pytest.raises(ApplicationError):
        order_cancel_by_buyer(order=order, by=buyer)

    assert OfferVariant.objects.get(pk=golden.pk).stock == 10


def test_cancelling_puts_back_only_the_units_taken_from_a_tracked_stock(
    buyer, seller, make_variant, slot, fill_cart, place
):
    baskets = make_variant(seller, "Panier garni", label="", price="25.00", stock_tracked=False)
    order = place(fill_cart(buyer, (baskets, 2)), buyer, {seller.pk: collect(slot)})[0]

    order_cancel_by_buyer(order=order, by=buyer)

    assert OfferVariant.objects.get(pk=baskets.pk).stock == 0


# --- Payment -------------------------------------------------------------------------------


def test_seller_records_the_payment(order, clerk):
    order_mark_paid(order=order, by=clerk)

    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert order.paid_at is not None
    assert list(OrderEvent.objects.filter(order=order).values_list("note", flat=True))[-1] == (
        "Paiement reçu."
    )


def test_rejects_recording_a_payment_twice(order, clerk):
    order_mark_paid(order=order, by=clerk)

    with pytest.raises(ApplicationError) as error:
        order_mark_paid(order=order, by=clerk)

    assert error.value.message == "Cette commande est annulée ou déjà réglée."


def test_the_buyer_cannot_record_their_own_payment(order, buyer):
    with pytest.raises(PermissionDeniedError):
        order_mark_paid(order=order, by=buyer)

    assert Order.objects.get(pk=order.pk).payment_status == PaymentStatus.PENDING


def test_amounts_do_not_change_through_the_lifecycle(order, clerk):
    order_accept(order=order, by=clerk)
    order_mark_ready(order=order, by=clerk)

    order.refresh_from_db()
    assert order.total == Decimal("8.40")
