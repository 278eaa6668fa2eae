"""The life of an order, one function per transition.

placed → accepted → ready → collected (click & collect, pickup point)
                          → delivered (home delivery, delivery round)
placed → cancelled by the buyer; placed, accepted or ready → cancelled by the seller, with a
reason. A cancellation puts the units back in stock and frees the pickup slot place.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.catalog.models import OfferVariant
from pmvt.catalog.services.offers import offers_stock_changed
from pmvt.core.email import email_on_commit
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.services import notify
from pmvt.orders.access import access_seller_orders
from pmvt.orders.errors import OrderErrorCode
from pmvt.orders.models import (
    FulfilmentMethod,
    Order,
    OrderEvent,
    OrderStatus,
    PaymentStatus,
    PickupSlot,
)
from pmvt.orders.services.checkout import seller_order_url
from pmvt.vouchers.checkout import vouchers_refund_order

COLLECTED_METHODS = {FulfilmentMethod.CLICK_COLLECT, FulfilmentMethod.PICKUP_POINT}
DELIVERED_METHODS = {FulfilmentMethod.HOME_DELIVERY, FulfilmentMethod.DELIVERY_ROUND}
SELLER_CANCELLABLE = {OrderStatus.PLACED, OrderStatus.ACCEPTED, OrderStatus.READY}
OPEN_STATUSES = SELLER_CANCELLABLE


def _locked(order: Order) -> Order:
    """Lock the order row and read its current state (another tab may have changed it)."""
    locked = (
        Order.objects.select_for_update(of=("self",))
        .select_related("territory", "seller")
        .get(pk=order.pk)
    )
    return locked


def _refuse(order: Order) -> ApplicationError:
    return ApplicationError(
        _("Cette commande est « %(status)s » : cette action n'est plus possible.")
        % {"status": order.get_status_display()},
        code=OrderErrorCode.INVALID_TRANSITION,
    )


def _move(*, order: Order, to: str, by: User, note: str = "", fields: tuple = ()) -> Order:
    previous = order.status
    order.status = to
    order.save(update_fields=["status", *fields, "updated_at"])
    OrderEvent.objects.create(order=order, from_status=previous, to_status=to, by=by, note=note)
    return order


def notify_buyer(*, order: Order, title: str, body: str) -> None:
    """In-app and email for an account; email only for an assisted order without account."""
    if order.buyer is not None:
        notify(
            user=order.buyer,
            territory=order.territory,
            kind="order_status",
            title=title,
            body=body,
            url=order.get_absolute_url(),
        )
    elif order.customer_email:
        email_on_commit(
            subject=f"[{order.territory.public_name}] {title}", body=body, to=[order.customer_email]
        )


def _values(order: Order) -> dict[str, str]:
    return {"number": order.number, "seller": order.seller.display_name}


def _seller_transition(
    *, order: Order, by: User, allowed: set[str], to: str, title: str, body: str
) -> Order:
    access_seller_orders(user=by, actor=order.seller)
    order = _locked(order)
    if order.status not in allowed:
        raise _refuse(order)
    _move(order=order, to=to, by=by)
    values = _values(order)
    notify_buyer(order=order, title=title % values, body=body % values)
    return order


@transaction.atomic
def order_accept(*, order: Order, by: User) -> Order:
    return _seller_transition(
        order=order,
        by=by,
        allowed={OrderStatus.PLACED},
        to=OrderStatus.ACCEPTED,
        title=_("Commande %(number)s acceptée"),
        body=_("%(seller)s a accepté votre commande %(number)s et la prépare."),
    )


@transaction.atomic
def order_mark_ready(*, order: Order, by: User) -> Order:
    if order.fulfilment in COLLECTED_METHODS:
        body = _("Votre commande %(number)s chez %(seller)s est prête : vous pouvez la retirer.")
    else:
        body = _("Votre commande %(number)s chez %(seller)s est prête et part en livraison.")
    return _seller_transition(
        order=order,
        by=by,
        allowed={OrderStatus.ACCEPTED},
        to=OrderStatus.READY,
        title=_("Commande %(number)s prête"),
        body=body,
    )


@transaction.atomic
def order_mark_collected(*, order: Order, by: User) -> Order:
    if order.fulfilment not in COLLECTED_METHODS:
        raise ApplicationError(
            _("Cette commande est livrée, pas retirée : marquez-la comme livrée."),
            code=OrderErrorCode.INVALID_TRANSITION,
        )
    return _seller_transition(
        order=order,
        by=by,
        allowed={OrderStatus.READY},
        to=OrderStatus.COLLECTED,
        title=_("Commande %(number)s retirée"),
        body=_("Vous avez retiré votre commande %(number)s chez %(seller)s. Merci !"),
    )


@transaction.atomic
def order_mark_delivered(*, order: Order, by: User) -> Order:
    if order.fulfilment not in DELIVERED_METHODS:
        raise ApplicationError(
            _("Cette commande est retirée, pas livrée : marquez-la comme retirée."),
            code=OrderErrorCode.INVALID_TRANSITION,
        )
    return _seller_transition(
        order=order,
        by=by,
        allowed={OrderStatus.READY},
        to=OrderStatus.DELIVERED,
        title=_("Commande %(number)s livrée"),
        body=_("Votre commande %(number)s de %(seller)s a été livrée. Merci !"),
    )


def _release(order: Order) -> None:
    """Put the units back in stock and free the slot place, in the global lock order."""
    taken = sorted(
        (line.variant_id, line.quantity)
        for line in order.lines.all()
        if line.stock_taken and line.variant_id is not None
    )
    for variant_id, quantity in taken:
        OfferVariant.objects.filter(pk=variant_id).update(stock=F("stock") + quantity)
    if taken:
        # Back in stock, maybe: the catalog's cached pages may have said "sold out".
        offers_stock_changed(territory=order.territory)
    if order.pickup_slot_id:
        PickupSlot.objects.filter(pk=order.pickup_slot_id, booked__gt=0).update(
            booked=F("booked") - 1
        )
    if order.voucher_amount:
        # What the vouchers paid goes back to them (the ledger is locked last, as at checkout).
        vouchers_refund_order(order_reference=order.number, by=None)


@transaction.atomic
def order_cancel_by_buyer(*, order: Order, by: User) -> Order:
    """The buyer withdraws an order the seller has not accepted yet."""
    if order.buyer_id is None or order.buyer_id != by.pk:
        raise PermissionDeniedError(_("Seul l'acheteur peut annuler sa commande."))
    order = _locked(order)
    if order.status != OrderStatus.PLACED:
        raise ApplicationError(
            _(
                "%(seller)s a déjà pris en charge cette commande : contactez le vendeur pour "
                "l'annuler."
            )
            % _values(order),
            code=OrderErrorCode.INVALID_TRANSITION,
        )
    _release(order)
    _move(order=order, to=OrderStatus.CANCELLED, by=by, note=_("Annulée par l'acheteur."))
    for member in order.seller.staff.select_related("user"):
        notify(
            user=member.user,
            territory=order.territory,
            kind="order_cancelled",
            title=_("Commande %(number)s annulée par le client") % _values(order),
            url=seller_order_url(order),
        )
    return order


@transaction.atomic
def order_cancel_by_seller(*, order: Order, by: User, reason: str) -> Order:
    """The seller cancels an order not yet handed over, saying why."""
    access_seller_orders(user=by, actor=order.seller)
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            _("Indiquez le motif de l'annulation : il est transmis au client."),
            code=OrderErrorCode.REASON_REQUIRED,
        )
    order = _locked(order)
    if order.status not in SELLER_CANCELLABLE:
        raise _refuse(order)
    _release(order)
    order.cancel_reason = reason
    _move(order=order, to=OrderStatus.CANCELLED, by=by, note=reason, fields=("cancel_reason",))
    values = {**_values(order), "reason": reason}
    notify_buyer(
        order=order,
        title=_("Commande %(number)s annulée") % values,
        body=_("%(seller)s a annulé votre commande %(number)s. Motif : %(reason)s") % values,
    )
    return order


@transaction.atomic
def order_mark_paid(*, order: Order, by: User) -> Order:
    """The seller received the payment (cash, card at the stall, transfer)."""
    access_seller_orders(user=by, actor=order.seller)
    order = _locked(order)
    if order.status == OrderStatus.CANCELLED or order.payment_status == PaymentStatus.PAID:
        raise ApplicationError(
            _("Cette commande est annulée ou déjà réglée."), code=OrderErrorCode.INVALID_TRANSITION
        )
    order.payment_status = PaymentStatus.PAID
    order.paid_at = timezone.now()
    order.save(update_fields=["payment_status", "paid_at", "updated_at"])
    OrderEvent.objects.create(
        order=order,
        from_status=order.status,
        to_status=order.status,
        by=by,
        note=_("Paiement reçu."),
    )
    return order
