"""Writes on carts: one cart per buyer (or anonymous session) and territory, across sellers."""

from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.models import User
from pmvt.actors.models import ActorStatus
from pmvt.catalog.models import OfferVariant
from pmvt.core.exceptions import ApplicationError
from pmvt.orders.errors import OrderErrorCode
from pmvt.orders.models import Cart, CartLine, Order
from pmvt.territories.models import Territory

MAX_QUANTITY = 99


def variant_display(variant: OfferVariant) -> str:
    """'Pomme Golden (1 kg)': the offer name, and the format when there is one."""
    if variant.label:
        return f"{variant.offer.name} ({variant.label})"
    return variant.offer.name


def check_sellable(*, variant: OfferVariant, territory: Territory) -> None:
    """Raise unless the variant can be bought in this territory right now."""
    offer = variant.offer
    seller = offer.actor
    if variant.territory_id != territory.pk or offer.territory_id != territory.pk:
        raise ApplicationError(
            _("Ce produit n'est pas proposé sur ce territoire."),
            code=OrderErrorCode.OTHER_TERRITORY,
        )
    if seller.status != ActorStatus.VERIFIED:
        raise ApplicationError(
            _("%(seller)s ne vend pas en ce moment sur la place des marchés.")
            % {"seller": seller.display_name},
            code=OrderErrorCode.SELLER_UNAVAILABLE,
        )
    if not (variant.is_active and offer.is_active):
        raise ApplicationError(
            _("« %(item)s » n'est plus en vente.") % {"item": variant_display(variant)},
            code=OrderErrorCode.NOT_FOR_SALE,
        )


def check_stock(*, variant: OfferVariant, quantity: int) -> None:
    """Raise when a tracked stock holds fewer units than asked, naming what is left."""
    if not variant.stock_tracked or quantity <= variant.stock:
        return
    values = {
        "count": variant.stock,
        "item": variant_display(variant),
        "seller": variant.offer.actor.display_name,
    }
    if variant.stock == 0:
        message = _("Il ne reste plus de « %(item)s » chez %(seller)s.") % values
    else:
        message = _("Il ne reste que %(count)s « %(item)s » chez %(seller)s.") % values
    raise ApplicationError(message, code=OrderErrorCode.OUT_OF_STOCK)


def _check_quantity(quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ApplicationError(
            _("Choisissez une quantité entre 1 et %(max)s.") % {"max": MAX_QUANTITY},
            code=OrderErrorCode.INVALID_QUANTITY,
        )


def _lock(cart: Cart) -> None:
    """Lock the cart row first, as checkout does, so cart writes and checkout never deadlock.

    One UPDATE both takes the row lock and touches `updated_at` (what `save()` did after).
    """
    now = timezone.now()
    Cart.objects.filter(pk=cart.pk).update(updated_at=now)
    cart.updated_at = now


def _fresh_variant(variant_id: int) -> OfferVariant:
    return OfferVariant.objects.select_related("offer__actor").get(pk=variant_id)


@transaction.atomic
def cart_for_user(*, territory: Territory, user: User) -> Cart:
    """The user's cart in this territory, created on first use (safe under concurrency)."""
    cart = Cart.objects.filter(territory=territory, user=user).first()
    if cart is not None:
        return cart
    try:
        with transaction.atomic():
            return Cart.objects.create(territory=territory, user=user)
    except IntegrityError:
        return Cart.objects.get(territory=territory, user=user)


@transaction.atomic
def cart_for_session(*, territory: Territory, session_key: str) -> Cart:
    """A new cart for an anonymous visitor; the caller keeps its id in the session."""
    return Cart.objects.create(territory=territory, session_key=session_key)


@transaction.atomic
def cart_add(*, cart: Cart, variant: OfferVariant, quantity: int, fresh: bool = False) -> CartLine:
    """Add units of a variant, on top of those already in the cart.

    `fresh=True`: the caller has just read the variant with `select_related("offer__actor")`
    in this request, so it is not read again.
    """
    _check_quantity(quantity)
    if not fresh:
        variant = _fresh_variant(variant.pk)
    check_sellable(variant=variant, territory=cart.territory)
    _lock(cart)
    line = _add_units(cart=cart, variant=variant, quantity=quantity)
    # Checked after the write, on the line's new total: a refusal rolls the write back.
    if line.quantity > MAX_QUANTITY:
        raise ApplicationError(
            _("Vous ne pouvez pas commander plus de %(max)s « %(item)s ».")
            % {"max": MAX_QUANTITY, "item": variant_display(variant)},
            code=OrderErrorCode.INVALID_QUANTITY,
        )
    check_stock(variant=variant, quantity=line.quantity)
    return line


def _add_units(*, cart: Cart, variant: OfferVariant, quantity: int) -> CartLine:
    """The cart's line of this variant with `quantity` more units: one statement, whether the
    line exists or not (INSERT … ON CONFLICT, on PostgreSQL and SQLite alike)."""
    table = connection.ops.quote_name(CartLine._meta.db_table)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (cart_id, variant_id, quantity, added_at)"  # noqa: S608 — our table
            " VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (cart_id, variant_id)"
            f" DO UPDATE SET quantity = {table}.quantity + excluded.quantity"
            " RETURNING id, quantity",
            [cart.pk, variant.pk, quantity, connection.ops.adapt_datetimefield_value(now)],
        )
        line_id, total = cursor.fetchone()
    return CartLine(pk=line_id, cart=cart, variant=variant, quantity=total)


@transaction.atomic
def cart_set_quantity(*, cart: Cart, line_id: int, quantity: int) -> CartLine:
    _check_quantity(quantity)
    _lock(cart)
    line = CartLine.objects.filter(cart=cart, pk=line_id).first()
    if line is None:
        raise ApplicationError(
            _("Cet article n'est plus dans votre panier."), code=OrderErrorCode.NOT_FOR_SALE
        )
    variant = _fresh_variant(line.variant_id)
    check_sellable(variant=variant, territory=cart.territory)
    check_stock(variant=variant, quantity=quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    return line


@transaction.atomic
def cart_remove(*, cart: Cart, line_id: int) -> None:
    """Remove a line; removing a line that is already gone is not an error."""
    CartLine.objects.filter(cart=cart, pk=line_id).delete()
    cart.save(update_fields=["updated_at"])


@transaction.atomic
def cart_merge(*, source: Cart, target: Cart) -> None:
    """Move an anonymous cart into the user's cart at login, then delete it.

    Quantities add up (capped at the maximum); lines that can no longer be bought are dropped,
    the cart page would refuse them anyway.
    """
    if source.pk == target.pk:
        return
    existing = {line.variant_id: line for line in CartLine.objects.filter(cart=target)}
    for line in CartLine.objects.filter(cart=source).select_related("variant__offer__actor"):
        try:
            check_sellable(variant=line.variant, territory=target.territory)
        except ApplicationError:
            continue
        current = existing.get(line.variant_id)
        if current is None:
            CartLine.objects.create(cart=target, variant=line.variant, quantity=line.quantity)
        else:
            current.quantity = min(MAX_QUANTITY, current.quantity + line.quantity)
            current.save(update_fields=["quantity"])
    source.delete()
    target.save(update_fields=["updated_at"])


@dataclass
class ReorderResult:
    added: list[str] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)


@transaction.atomic
def cart_add_order_again(*, cart: Cart, order: Order) -> ReorderResult:
    """Put the still-available lines of a past order back in the cart; report the others."""
    result = ReorderResult()
    for line in order.lines.all():
        label = (
            f"{line.offer_name} ({line.variant_label})" if line.variant_label else line.offer_name
        )
        if line.variant is None:
            result.unavailable.append(label)
            continue
        try:
            with transaction.atomic():
                cart_add(cart=cart, variant=line.variant, quantity=line.quantity)
        except ApplicationError:
            result.unavailable.append(label)
        else:
            result.added.append(label)
    return result
