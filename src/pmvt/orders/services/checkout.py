"""Checkout: turn a cart into one order per seller, in one transaction, exactly once.

The order of locks is fixed for every writer: cart, then variants (by primary key), then
pickup slots (by primary key), then the territory's order counter. Cancellations lock the
order, then variants, then the slot; nothing locks in the other direction, so no deadlock.
"""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorStaff
from pmvt.catalog.models import OfferVariant
from pmvt.catalog.services.offers import offers_stock_changed
from pmvt.core.email import email_on_commit, enqueue_with_transaction
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.queries import only_row
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.notifications.services import notify
from pmvt.orders.access import access_buying_as_professional, access_seller_orders
from pmvt.orders.errors import OrderErrorCode
from pmvt.orders.models import (
    ZERO,
    Cart,
    CartLine,
    Checkout,
    DeliveryRound,
    DeliverySettings,
    FulfilmentMethod,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    PickupPoint,
    PickupSlot,
    SellerPaymentSettings,
)
from pmvt.orders.pricing import line_total, to_cents
from pmvt.orders.services.carts import MAX_QUANTITY, SELLABLE_FIELDS, check_sellable, check_stock
from pmvt.orders.services.numbering import next_order_numbers
from pmvt.orders.tasks import notify_orders_placed
from pmvt.territories.models import Commune, Territory
from pmvt.vouchers.checkout import vouchers_spend_for_order

DELIVERY_HORIZON_DAYS = 14
MAX_KEY_LENGTH = 64
# The variants a checkout locks, read with what it checks and snapshots in the order lines.
LOCKED_VARIANT_FIELDS = (
    *SELLABLE_FIELDS,
    "pro_price",
    "offer__unit",
    "offer__vat_rate",
    "offer__actor__sells_to_professionals",
)


@dataclass(frozen=True)
class FulfilmentChoice:
    """How the buyer receives the order of one seller."""

    method: str
    slot: PickupSlot | None = None
    pickup_point: PickupPoint | None = None
    delivery_round: DeliveryRound | None = None
    delivery_date: date | None = None
    address: str = ""
    commune: Commune | None = None


@dataclass
class _Customer:
    buyer: User | None
    name: str
    email: str
    phone: str
    buyer_actor: Actor | None = None
    assisted_by: User | None = None


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


def delivery_dates(*, weekdays: Iterable[int], today: date | None = None) -> list[date]:
    """The seller's delivery days from tomorrow to two weeks ahead."""
    today = today or timezone.localdate()
    days = set(weekdays)
    candidates = (today + timedelta(days=n) for n in range(1, DELIVERY_HORIZON_DAYS + 1))
    return [d for d in candidates if d.weekday() in days]


def round_next_date(*, delivery_round: DeliveryRound, today: date | None = None) -> date:
    """The next run of a weekly round, tomorrow at the earliest."""
    today = today or timezone.localdate()
    ahead = (delivery_round.weekday - today.weekday() - 1) % 7 + 1
    return today + timedelta(days=ahead)


def _error(message, code: OrderErrorCode) -> ApplicationError:
    return ApplicationError(message, code=code)


def _check_key(key: str) -> None:
    if not key or len(key) > MAX_KEY_LENGTH:
        raise _error(
            gettext_lazy("Le formulaire a expiré : rechargez la page puis validez à nouveau."),
            OrderErrorCode.INVALID_KEY,
        )


def _existing_orders(*, buyer: User, key: str) -> list[Order] | None:
    checkout = Checkout.objects.filter(buyer=buyer, idempotency_key=key).first()
    if checkout is None:
        return None
    return list(checkout.orders.select_related("seller").order_by("pk"))


def _open_checkout(*, territory: Territory, buyer: User, key: str) -> Checkout | list[Order]:
    """The new Checkout row, or the orders of the checkout that already used this key.

    No read first: the unique (buyer, key) constraint answers for a key already used, and the
    orders of that checkout are read only then (the rare case: views check the key before).
    """
    try:
        with transaction.atomic():
            return Checkout.objects.create(territory=territory, buyer=buyer, idempotency_key=key)
    except IntegrityError:
        # The key was used already, or a concurrent submission committed first: its orders.
        return _existing_orders(buyer=buyer, key=key) or []


def _check_payment(*, seller: Actor, payment_method: str) -> None:
    if payment_method not in PaymentMethod.values:
        raise _error(_("Choisissez un moyen de paiement."), OrderErrorCode.PAYMENT_INVALID)
    if payment_method == PaymentMethod.BANK_TRANSFER:
        accepts = SellerPaymentSettings.objects.filter(
            actor=seller, bank_transfer_enabled=True
        ).exists()
        if not accepts:
            raise _error(
                _(
                    "%(seller)s n'accepte pas le virement bancaire : choisissez le paiement "
                    "au retrait ou à la livraison."
                )
                % {"seller": seller.display_name},
                OrderErrorCode.PAYMENT_INVALID,
            )


def _need_address(choice: FulfilmentChoice) -> tuple[str, Commune]:
    address = choice.address.strip()
    if not address or choice.commune is None:
        raise _error(
            _("Indiquez l'adresse et la commune de livraison."), OrderErrorCode.ADDRESS_REQUIRED
        )
    return address, choice.commune


@dataclass
class _Plan:
    """What one order will be, once every check passed."""

    seller: Actor
    choice: FulfilmentChoice
    lines: list[tuple[OfferVariant, int, Decimal]]
    subtotal: Decimal
    delivery_fee: Decimal = ZERO
    delivery_date: date | None = None
    address: str = ""
    commune: Commune | None = None
    slot: PickupSlot | None = None
    pickup_point: PickupPoint | None = None
    delivery_round: DeliveryRound | None = None
    voucher_amount: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return to_cents(self.subtotal + self.delivery_fee)


def _plan_fulfilment(*, plan: _Plan, territory: Territory, today: date) -> None:
    """Check the seller's fulfilment choice and set the fee, date and address of the order."""
    seller, choice = plan.seller, plan.choice
    names = {"seller": seller.display_name}
    if choice.method == FulfilmentMethod.CLICK_COLLECT:
        slot = choice.slot
        if slot is None or slot.actor_id != seller.pk:
            raise _error(
                _("Choisissez un créneau de retrait chez %(seller)s.") % names,
                OrderErrorCode.FULFILMENT_INVALID,
            )
        plan.slot = slot
    elif choice.method == FulfilmentMethod.HOME_DELIVERY:
        settings = DeliverySettings.objects.filter(actor=seller, enabled=True).first()
        if settings is None:
            raise _error(
                _("%(seller)s ne livre pas à domicile.") % names, OrderErrorCode.FULFILMENT_INVALID
            )
        plan.address, plan.commune = _need_address(choice)
        if not settings.communes.filter(pk=plan.commune.pk).exists():
            raise _error(
                _("%(seller)s ne livre pas à %(commune)s.")
                % {**names, "commune": plan.commune.name},
                OrderErrorCode.NOT_DELIVERED_THERE,
            )
        if plan.subtotal < settings.minimum_order:
            raise _error(
                _(
                    "La livraison par %(seller)s demande une commande d'au moins %(minimum)s ; "
                    "vos achats chez ce vendeur font %(subtotal)s."
                )
                % {
                    **names,
                    "minimum": euros_text(settings.minimum_order),
                    "subtotal": euros_text(plan.subtotal),
                },
                OrderErrorCode.MINIMUM_NOT_REACHED,
            )
        if choice.delivery_date not in delivery_dates(weekdays=settings.weekdays, today=today):
            raise _error(
                _("Choisissez un jour de livraison proposé par %(seller)s.") % names,
                OrderErrorCode.INVALID_DATE,
            )
        plan.delivery_date = choice.delivery_date
        free = settings.free_threshold is not None and plan.subtotal >= settings.free_threshold
        plan.delivery_fee = ZERO if free else settings.fee
    elif choice.method == FulfilmentMethod.PICKUP_POINT:
        point = choice.pickup_point
        if (
            point is None
            or point.territory_id != territory.pk
            or not point.is_active
            or not point.sellers.filter(pk=seller.pk).exists()
        ):
            raise _error(
                _("Ce point de retrait ne propose pas les produits de %(seller)s.") % names,
                OrderErrorCode.FULFILMENT_INVALID,
            )
        plan.pickup_point = point
    elif choice.method == FulfilmentMethod.DELIVERY_ROUND:
        delivery_round = choice.delivery_round
        if (
            delivery_round is None
            or delivery_round.territory_id != territory.pk
            or not delivery_round.is_active
            or not delivery_round.sellers.filter(pk=seller.pk).exists()
        ):
            raise _error(
                _("Cette tournée ne livre pas les produits de %(seller)s.") % names,
                OrderErrorCode.FULFILMENT_INVALID,
            )
        plan.address, plan.commune = _need_address(choice)
        if not delivery_round.communes.filter(pk=plan.commune.pk).exists():
            raise _error(
                _("La tournée « %(round)s » ne passe pas par %(commune)s.")
                % {"round": delivery_round.name, "commune": plan.commune.name},
                OrderErrorCode.NOT_DELIVERED_THERE,
            )
        plan.delivery_round = delivery_round
        plan.delivery_date = round_next_date(delivery_round=delivery_round, today=today)
        plan.delivery_fee = delivery_round.fee
    else:
        raise _error(
            _("Choisissez comment recevoir la commande de %(seller)s.") % names,
            OrderErrorCode.FULFILMENT_REQUIRED,
        )


def _lock_slots(plans: Sequence[_Plan]) -> None:
    """Lock the chosen slots in key order, then check they are ahead and not full."""
    slot_plans = {p.slot.pk: p for p in plans if p.slot is not None}
    if not slot_plans:
        return
    now = timezone.now()
    locked = PickupSlot.objects.select_for_update().filter(pk__in=slot_plans).order_by("pk")
    for slot in locked:
        plan = slot_plans[slot.pk]
        when = {
            "seller": plan.seller.display_name,
            "when": date_format(timezone.localtime(slot.starts_at), "l j F à H:i"),
        }
        if slot.starts_at <= now:
            raise _error(
                _("Le créneau du %(when)s chez %(seller)s est déjà passé : choisissez-en un autre.")
                % when,
                OrderErrorCode.SLOT_PAST,
            )
        if slot.booked >= slot.capacity:
            raise _error(
                _("Le créneau du %(when)s chez %(seller)s est complet : choisissez-en un autre.")
                % when,
                OrderErrorCode.SLOT_FULL,
            )


def _place_orders(
    *,
    territory: Territory,
    items: Sequence[tuple[int, int]],
    choices: dict[int, FulfilmentChoice],
    payment_method: str,
    customer: _Customer,
    checkout: Checkout,
    note: str,
    vouchers: Mapping[int, Decimal] | None = None,
) -> list[Order]:
    """Lock, check, write: every check passes before the first write.

    `vouchers` maps a seller's primary key to the part of its order paid with the buyer's
    territorial vouchers; they are spent last, inside this transaction, so that an order
    and its voucher payment exist together or not at all.
    """
    if not items:
        raise _error(_("Votre panier est vide."), OrderErrorCode.EMPTY_CART)
    today = timezone.localdate()
    professional = customer.buyer_actor is not None
    variants = {
        v.pk: v
        for v in OfferVariant.objects.select_for_update(of=("self",))
        .select_related("offer__actor")
        .only(*LOCKED_VARIANT_FIELDS)
        .filter(pk__in=sorted({variant_id for variant_id, _q in items}))
        .order_by("pk")
    }
    by_seller: dict[int, _Plan] = {}
    for variant_id, quantity in items:
        variant = variants.get(variant_id)
        if variant is None:
            raise _error(
                _("Un produit de votre panier n'existe plus."), OrderErrorCode.NOT_FOR_SALE
            )
        check_sellable(variant=variant, territory=territory)
        if not 1 <= quantity <= MAX_QUANTITY:
            raise _error(
                _("Choisissez une quantité entre 1 et %(max)s.") % {"max": MAX_QUANTITY},
                OrderErrorCode.INVALID_QUANTITY,
            )
        check_stock(variant=variant, quantity=quantity)
        seller = variant.offer.actor
        if professional and not seller.sells_to_professionals:
            raise _error(
                _("%(seller)s ne vend pas aux professionnels.") % {"seller": seller.display_name},
                OrderErrorCode.PROFESSIONAL_INVALID,
            )
        use_pro = professional and variant.pro_price is not None
        unit_price = variant.pro_price if use_pro else variant.price
        assert unit_price is not None
        plan = by_seller.get(seller.pk)
        if plan is None:
            choice = choices.get(seller.pk) or FulfilmentChoice(method="")
            plan = by_seller[seller.pk] = _Plan(
                seller=seller, choice=choice, lines=[], subtotal=ZERO
            )
        plan.lines.append((variant, quantity, unit_price))
        plan.subtotal += line_total(unit_price=unit_price, quantity=quantity)

    plans = sorted(by_seller.values(), key=lambda p: (p.seller.display_name, p.seller.pk))
    for plan in plans:
        _check_payment(seller=plan.seller, payment_method=payment_method)
        _plan_fulfilment(plan=plan, territory=territory, today=today)
        _plan_vouchers(plan=plan, amount=(vouchers or {}).get(plan.seller.pk, ZERO))
    _lock_slots(plans)

    # Every check passed: write (the rows are locked already, one statement per table).
    taken: dict[int, int] = {}
    for variant_id, quantity in items:
        if variants[variant_id].stock_tracked:
            taken[variant_id] = taken.get(variant_id, 0) + quantity
    if taken:
        OfferVariant.objects.filter(pk__in=sorted(taken)).update(
            stock=F("stock")
            - Case(
                *[When(pk=pk, then=Value(quantity)) for pk, quantity in taken.items()],
                output_field=IntegerField(),
            )
        )
        if any(variants[pk].stock <= quantity for pk, quantity in taken.items()):
            # Sold out: the catalog's cached pages must now say so.
            offers_stock_changed(territory=territory)
    slot_ids = sorted(plan.slot.pk for plan in plans if plan.slot is not None)
    if slot_ids:
        # One order per seller and a slot belongs to one seller: each slot once.
        PickupSlot.objects.filter(pk__in=slot_ids).update(booked=F("booked") + 1)
    orders = _create_orders(
        territory=territory,
        plans=plans,
        customer=customer,
        checkout=checkout,
        payment_method=payment_method,
        note=note,
    )
    _spend_vouchers(orders=orders, plans=plans, customer=customer, checkout=checkout)
    order_ids = [order.pk for order in orders]

    def enqueue_notifications() -> None:
        notify_orders_placed.enqueue(order_ids=order_ids)

    enqueue_with_transaction(enqueue_notifications)
    return orders


def _plan_vouchers(*, plan: _Plan, amount: Decimal) -> None:
    if not amount:
        return
    if amount < 0 or amount != to_cents(amount):
        raise _error(
            _("Indiquez un montant en bons d'achat positif, en euros et centimes."),
            OrderErrorCode.VOUCHERS_INVALID,
        )
    if amount > plan.total:
        raise _error(
            _(
                "Le montant payé en bons d'achat chez %(seller)s (%(amount)s) dépasse le total "
                "de la commande (%(total)s)."
            )
            % {
                "seller": plan.seller.display_name,
                "amount": euros_text(amount),
                "total": euros_text(plan.total),
            },
            OrderErrorCode.VOUCHERS_INVALID,
        )
    plan.voucher_amount = amount


def _spend_vouchers(
    *, orders: Sequence[Order], plans: Sequence[_Plan], customer: _Customer, checkout: Checkout
) -> None:
    """Pay with vouchers last: the ledger's accounts are the last rows this checkout locks."""
    for order, plan in zip(orders, plans, strict=True):
        if not plan.voucher_amount:
            continue
        if customer.buyer is None:
            raise _error(
                _("Seul le titulaire des bons d'achat peut les utiliser."),
                OrderErrorCode.VOUCHERS_INVALID,
            )
        vouchers_spend_for_order(
            user=customer.buyer,
            actor=plan.seller,
            amount=plan.voucher_amount,
            order_reference=order.number,
            idempotency_key=f"{checkout.idempotency_key}-{plan.seller.pk}",
        )


def _create_orders(
    *,
    territory: Territory,
    plans: Sequence[_Plan],
    customer: _Customer,
    checkout: Checkout,
    payment_method: str,
    note: str,
) -> list[Order]:
    """The orders, their lines and first events: one INSERT per table, numbers in plan order."""
    numbers = next_order_numbers(territory, len(plans))
    orders = Order.objects.bulk_create(
        _new_order(
            territory=territory,
            number=number,
            plan=plan,
            customer=customer,
            checkout=checkout,
            payment_method=payment_method,
            note=note,
        )
        for number, plan in zip(numbers, plans, strict=True)
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            variant=variant,
            offer_name=variant.offer.name,
            variant_label=variant.label,
            unit=variant.offer.unit,
            unit_price=unit_price,
            vat_rate=variant.offer.vat_rate,
            quantity=quantity,
            line_total=line_total(unit_price=unit_price, quantity=quantity),
            stock_taken=variant.stock_tracked,
        )
        for order, plan in zip(orders, plans, strict=True)
        for variant, quantity, unit_price in plan.lines
    )
    OrderEvent.objects.bulk_create(
        OrderEvent(
            order=order, from_status="", to_status=OrderStatus.PLACED, by=customer.assisted_by
        )
        for order in orders
    )
    return orders


def _new_order(
    *,
    territory: Territory,
    number: str,
    plan: _Plan,
    customer: _Customer,
    checkout: Checkout,
    payment_method: str,
    note: str,
) -> Order:
    return Order(
        territory=territory,
        number=number,
        checkout=checkout,
        seller=plan.seller,
        buyer=customer.buyer,
        buyer_actor=customer.buyer_actor,
        is_professional=customer.buyer_actor is not None,
        is_assisted=customer.assisted_by is not None,
        assisted_by=customer.assisted_by,
        fulfilment=plan.choice.method,
        pickup_slot=plan.slot,
        pickup_point=plan.pickup_point,
        delivery_round=plan.delivery_round,
        delivery_date=plan.delivery_date,
        delivery_address=plan.address,
        delivery_commune=plan.commune,
        payment_method=payment_method,
        customer_name=customer.name[:150],
        customer_email=customer.email,
        customer_phone=customer.phone[:30],
        note=note.strip(),
        subtotal=to_cents(plan.subtotal),
        delivery_fee=to_cents(plan.delivery_fee),
        total=plan.total,
        voucher_amount=plan.voucher_amount,
    )


def seller_order_url(order: Order) -> str:
    return reverse(
        "orders:pro_order",
        kwargs={
            "territory_slug": order.territory.slug,
            "actor_slug": order.seller.slug,
            "number": order.number,
        },
    )


def notify_new_orders(orders: Sequence[Order]) -> None:
    """The buyer and every staff member of each seller; the staff read in one query."""
    staff: dict[int, list[User]] = {}
    for member in ActorStaff.objects.filter(
        actor__in=[order.seller_id for order in orders]
    ).select_related("user"):
        staff.setdefault(member.actor_id, []).append(member.user)
    for order in orders:
        _notify_new_order(order, staff=staff.get(order.seller_id, []))


def _notify_new_order(order: Order, *, staff: Sequence[User]) -> None:
    values = {
        "number": order.number,
        "seller": order.seller.display_name,
        "total": euros_text(order.total),
        "customer": order.customer_name,
    }
    if order.buyer is not None:
        notify(
            user=order.buyer,
            territory=order.territory,
            kind="order_placed",
            title=_("Commande %(number)s enregistrée") % values,
            body=_(
                "Votre commande chez %(seller)s (%(total)s) est enregistrée. Le vendeur va la "
                "confirmer ; vous serez prévenu à chaque étape."
            )
            % values,
            url=order.get_absolute_url(),
        )
    elif order.customer_email:
        email_on_commit(
            subject=_("[%(territory)s] Commande %(number)s enregistrée")
            % {**values, "territory": order.territory.public_name},
            body=_(
                "Bonjour,\n\nVotre commande chez %(seller)s (%(total)s) est enregistrée sous le "
                "numéro %(number)s. Le vendeur vous préviendra quand elle sera prête.\n"
            )
            % values,
            to=[order.customer_email],
        )
    for user in staff:
        notify(
            user=user,
            territory=order.territory,
            kind="order_received",
            title=_("Nouvelle commande %(number)s") % values,
            body=_("%(customer)s a commandé pour %(total)s.") % values,
            url=seller_order_url(order),
        )


@transaction.atomic
def checkout_place(
    *,
    cart: Cart,
    buyer: User,
    idempotency_key: str,
    choices: dict[int, FulfilmentChoice],
    payment_method: str,
    note: str = "",
    buyer_actor: Actor | None = None,
    customer_phone: str = "",
    vouchers: Mapping[int, Decimal] | None = None,
) -> list[Order]:
    """Validate the cart: one order per seller, or the orders this key already placed.

    `choices` maps each seller's primary key to how the buyer receives that seller's order.
    With `buyer_actor`, the buyer buys for that actor at professional prices. `vouchers`
    maps a seller's primary key to the amount paid there with territorial vouchers.
    """
    _check_key(idempotency_key)
    if cart.user_id != buyer.pk:
        raise PermissionDeniedError(_("Ce panier n'est pas le vôtre."))
    opened = _open_checkout(territory=cart.territory, buyer=buyer, key=idempotency_key)
    if isinstance(opened, list):
        return opened
    if buyer_actor is not None:
        access_buying_as_professional(user=buyer, actor=buyer_actor)
        if buyer_actor.territory_id != cart.territory_id:
            raise _error(
                _("Choisissez un acteur de ce territoire."), OrderErrorCode.PROFESSIONAL_INVALID
            )
    # A second submission with another key (another tab) waits here, then finds the cart empty.
    only_row(Cart.objects.select_for_update().filter(pk=cart.pk))
    lines = list(CartLine.objects.filter(cart=cart).order_by("pk"))
    orders = _place_orders(
        territory=cart.territory,
        items=[(line.variant_id, line.quantity) for line in lines],
        choices=choices,
        payment_method=payment_method,
        customer=_Customer(
            buyer=buyer,
            name=buyer.display_name or buyer.email,
            email=buyer.email,
            phone=customer_phone.strip() or buyer.phone,
            buyer_actor=buyer_actor,
        ),
        checkout=opened,
        note=note,
        vouchers=vouchers,
    )
    CartLine.objects.filter(pk__in=[line.pk for line in lines]).delete()
    return orders


@transaction.atomic
def order_place_assisted(
    *,
    seller: Actor,
    by: User,
    idempotency_key: str,
    customer_name: str,
    customer_phone: str,
    items: Sequence[tuple[OfferVariant, int]],
    choice: FulfilmentChoice,
    payment_method: str = PaymentMethod.ON_PICKUP,
    customer_email: str = "",
    note: str = "",
) -> Order:
    """An order a seller's staff (or a territory admin) takes for a customer who phoned in.

    When the email belongs to an account, the order joins that account's orders.
    """
    access_seller_orders(user=by, actor=seller)
    _check_key(idempotency_key)
    customer_name, customer_phone = customer_name.strip(), customer_phone.strip()
    customer_email = customer_email.strip().lower()
    if not customer_name or not customer_phone:
        raise _error(
            _("Indiquez le nom et le téléphone du client."), OrderErrorCode.CUSTOMER_REQUIRED
        )
    opened = _open_checkout(territory=seller.territory, buyer=by, key=idempotency_key)
    if isinstance(opened, list):
        if opened:
            return opened[0]
        raise _error(
            _("Cette commande est déjà en cours d'enregistrement."), OrderErrorCode.INVALID_KEY
        )
    if any(variant.offer.actor_id != seller.pk for variant, _q in items):
        raise _error(
            _("Choisissez des produits de %(seller)s.") % {"seller": seller.display_name},
            OrderErrorCode.NOT_FOR_SALE,
        )
    account = None
    if customer_email:
        account = User.objects.filter(
            email__iexact=customer_email, is_active=True, erased_at__isnull=True
        ).first()
    quantities: dict[int, int] = {}
    for variant, quantity in items:
        quantities[variant.pk] = quantities.get(variant.pk, 0) + quantity
    orders = _place_orders(
        territory=seller.territory,
        items=list(quantities.items()),
        choices={seller.pk: choice},
        payment_method=payment_method,
        customer=_Customer(
            buyer=account,
            name=customer_name,
            email=customer_email,
            phone=customer_phone,
            assisted_by=by,
        ),
        checkout=opened,
        note=note,
    )
    return orders[0]
