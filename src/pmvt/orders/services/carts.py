"""Writes on carts: one cart per buyer (or anonymous session) and territory, across sellers."""

from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
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


# What a cart reads of a variant, its offer and its seller to add it, show it or sell it
# (check_sellable, check_stock, variant_display, the seller's name and link): not the offer's
# description nor the seller's whole page.
SELLABLE_FIELDS = (
    "territory_id",
    "label",
    "price",
    "stock_tracked",
    "stock",
    "is_active",
    "offer__territory_id",
    "offer__name",
    "offer__slug",
    "offer__is_active",
    "offer__actor__territory_id",
    "offer__actor__status",
    "offer__actor__slug",
    "offer__actor__trade_name",
    "offer__actor__legal_name",
)


def sellable_fields(prefix: str = "") -> list[str]:
    """SELLABLE_FIELDS as seen from a model that points at the variant (`prefix`)."""
    return [prefix + name for name in SELLABLE_FIELDS]


def sellable_variants() -> QuerySet[OfferVariant]:
    """Variants read with what `cart_add(..., fresh=True)` needs, and nothing more."""
    return OfferVariant.objects.select_related("offer__actor").only(*SELLABLE_FIELDS)


def _fresh_variant(variant_id: int) -> OfferVariant:
    return sellable_variants().get(pk=variant_id)


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


def cart_add(*, cart: Cart, variant: OfferVariant, quantity: int, fresh: bool = False) -> CartLine:
    """Add units of a variant, on top of those already in the cart.

    `fresh=True`: the caller has just read the variant with `select_related("offer__actor")`
    in this request, so it is not read again.
    """
    _check_quantity(quantity)
    if not fresh:
        variant = _fresh_variant(variant.pk)
    check_sellable(variant=variant, territory=cart.territory)
    line = _add_or_refuse(
        territory=cart.territory, owner=("id", cart.pk), variant=variant, quantity=quantity
    )
    assert line is not None  # The cart exists: it was given.
    line.cart = cart
    return line


def cart_add_for_user(
    *, territory: Territory, user: User, variant: OfferVariant, quantity: int
) -> CartLine:
    """`cart_add` on the user's cart, found by its owner in the statement that adds (not read
    first), created on first use. The variant was read with its offer and seller."""
    _check_quantity(quantity)
    check_sellable(variant=variant, territory=territory)
    line = _add_or_refuse(
        territory=territory, owner=("user_id", user.pk), variant=variant, quantity=quantity
    )
    if line is not None:
        return line
    cart = cart_for_user(territory=territory, user=user)
    cart.territory = territory
    return cart_add(cart=cart, variant=variant, quantity=quantity, fresh=True)


def _add_or_refuse(
    *, territory: Territory, owner: tuple[str, int], variant: OfferVariant, quantity: int
) -> CartLine | None:
    """The line with the units added; None when the owner has no cart; a refusal explained."""
    for _attempt in range(2):
        line = _add_units(territory=territory, owner=owner, variant=variant, quantity=quantity)
        if line is not None:
            return line
        column, value = owner
        cart_id = (
            Cart.objects.filter(territory=territory, **{column: value})
            .values_list("id", flat=True)
            .first()
        )
        if cart_id is None:
            return None
        _refuse(cart_id=cart_id, variant=variant, quantity=quantity)
    # Refused twice, and each time the line had changed again by the time it was read.
    raise ApplicationError(
        _("Votre panier vient d'être modifié : réessayez."), code=OrderErrorCode.OUT_OF_STOCK
    )


def _refuse(*, cart_id: int, variant: OfferVariant, quantity: int) -> None:
    """Explain why the units were not added: the line's new total would pass the maximum or
    the stock. Returns (so the caller tries again) when the line changed in between."""
    current = (
        CartLine.objects.filter(cart_id=cart_id, variant=variant)
        .values_list("quantity", flat=True)
        .first()
    )
    total = (current or 0) + quantity
    if total > MAX_QUANTITY:
        raise ApplicationError(
            _("Vous ne pouvez pas commander plus de %(max)s « %(item)s ».")
            % {"max": MAX_QUANTITY, "item": variant_display(variant)},
            code=OrderErrorCode.INVALID_QUANTITY,
        )
    check_stock(variant=variant, quantity=total)


def _add_units(
    *, territory: Territory, owner: tuple[str, int], variant: OfferVariant, quantity: int
) -> CartLine | None:
    """Add `quantity` units to the cart's line of the variant, creating the line if need be,
    unless the line's new total would pass the maximum or the variant's stock; touch the cart.

    The cart is found by `owner` (column, value): its id, or its user. Returns None, having
    changed nothing, when there is no such cart or the total would pass the limit.

    On PostgreSQL this is one statement: the cart row is locked first, as checkout locks it,
    so an add and a checkout never deadlock and an add waits for a checkout in progress. On
    SQLite the transaction (BEGIN IMMEDIATE) already holds the database: two statements.
    """
    limit = MAX_QUANTITY
    if variant.stock_tracked:
        limit = min(limit, variant.stock)
    if quantity > limit:
        return None
    column, value = owner
    carts = connection.ops.quote_name(Cart._meta.db_table)
    lines = connection.ops.quote_name(CartLine._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    upsert = (
        f"INSERT INTO {lines} (cart_id, variant_id, quantity, added_at)"  # noqa: S608 — our tables
        " SELECT id, %s, %s, %s FROM {source} WHERE {where}"
        " ON CONFLICT (cart_id, variant_id)"
        f" DO UPDATE SET quantity = {lines}.quantity + excluded.quantity"
        f" WHERE {lines}.quantity + excluded.quantity <= %s"
        " RETURNING id, quantity, cart_id"
    )
    values = [variant.pk, quantity, now, limit]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH cart AS (SELECT id FROM {carts}"  # noqa: S608 — our tables and columns
                f" WHERE territory_id = %s AND {column} = %s FOR UPDATE),"
                f" line AS ({upsert.format(source='cart', where='true')}),"
                f" touched AS (UPDATE {carts} SET updated_at = %s"
                " WHERE id IN (SELECT cart_id FROM line))"
                " SELECT id, quantity, cart_id FROM line",
                [territory.pk, value, *values, now],
            )
            row = cursor.fetchone()
        else:
            with transaction.atomic():
                cursor.execute(
                    upsert.format(source=carts, where=f"territory_id = %s AND {column} = %s"),
                    [*values[:3], territory.pk, value, values[3]],
                )
                row = cursor.fetchone()
                if row is not None:
                    cursor.execute(
                        f"UPDATE {carts} SET updated_at = %s WHERE id = %s",  # noqa: S608
                        [now, row[2]],
                    )
    if row is None:
        return None
    line_id, total, cart_id = row
    return CartLine(pk=line_id, cart_id=cart_id, variant=variant, quantity=total)


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
