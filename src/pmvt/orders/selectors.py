"""Reads of the orders area: carts grouped by seller, checkout options, order lists, the
preparation list and the sales dashboard."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.core.exceptions import ApplicationError
from pmvt.core.queries import only_row
from pmvt.orders.logistics_cache import standing_options
from pmvt.orders.models import (
    ZERO,
    Cart,
    CartLine,
    Checkout,
    DeliveryRound,
    DeliverySettings,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PickupPoint,
    PickupSlot,
    SellerPaymentSettings,
)
from pmvt.orders.pricing import line_total
from pmvt.orders.services.carts import (
    check_sellable,
    check_stock,
    sellable_fields,
    variant_display,
)
from pmvt.orders.services.checkout import DELIVERY_HORIZON_DAYS, delivery_dates, round_next_date
from pmvt.territories.models import Territory

OPEN_STATUSES = [OrderStatus.PLACED, OrderStatus.ACCEPTED, OrderStatus.READY]
DASHBOARD_WEEKS = 8


# --- Cart ----------------------------------------------------------------------------------


@dataclass
class CartItem:
    line: CartLine
    label: str
    unit_price: Decimal
    total: Decimal
    problem: str = ""


@dataclass
class CartGroup:
    seller: Actor
    items: list[CartItem] = field(default_factory=list)
    subtotal: Decimal = ZERO


@dataclass
class CartSummary:
    groups: list[CartGroup]
    total: Decimal
    item_count: int

    @property
    def has_problems(self) -> bool:
        return any(item.problem for group in self.groups for item in group.items)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def cart_summary(*, cart: Cart | None) -> CartSummary:
    """The cart's lines grouped by seller, with subtotals and what stops each line, if any."""
    if cart is None:
        return CartSummary(groups=[], total=ZERO, item_count=0)
    territory = cart.territory
    lines = (
        CartLine.objects.filter(cart=cart)
        .select_related("variant__offer__actor")
        .only("cart_id", "quantity", "variant_id", *sellable_fields("variant__"))
    )
    groups: dict[int, CartGroup] = {}
    for line in lines:
        variant = line.variant
        if variant.offer.territory_id == territory.pk:
            # The offer's link needs its territory: the cart's, known already (no join).
            variant.offer.territory = territory
        problem = ""
        try:
            check_sellable(variant=variant, territory=territory)
            check_stock(variant=variant, quantity=line.quantity)
        except ApplicationError as error:
            problem = str(error.message)
        total = line_total(unit_price=variant.price, quantity=line.quantity)
        seller = variant.offer.actor
        group = groups.setdefault(seller.pk, CartGroup(seller=seller))
        group.items.append(
            CartItem(
                line=line,
                label=variant_display(variant),
                unit_price=variant.price,
                total=total,
                problem=problem,
            )
        )
        group.subtotal += total
    ordered = sorted(groups.values(), key=lambda g: (g.seller.display_name, g.seller.pk))
    return CartSummary(
        groups=ordered,
        total=sum((g.subtotal for g in ordered), ZERO),
        item_count=sum(item.line.quantity for g in ordered for item in g.items),
    )


def cart_item_count_subquery(
    *, territory: Territory, user: User | None, cart_id: int | None
) -> Subquery | None:
    """Units in the visitor's cart(s) of this territory, as a one-value subquery (None: no cart)."""
    condition = Q()
    if user is not None:
        condition |= Q(cart__user=user)
    if cart_id is not None:
        condition |= Q(cart_id=cart_id, cart__user__isnull=True)
    if not condition:
        return None
    return Subquery(
        CartLine.objects.filter(condition, cart__territory=territory)
        .order_by()
        .values("cart__territory")
        .annotate(n=Sum("quantity"))
        .values("n")
    )


# --- Checkout options ----------------------------------------------------------------------


@dataclass
class RoundOption:
    delivery_round: DeliveryRound
    next_date: date
    commune_names: list[str]


@dataclass
class SellerOptions:
    """Every way a buyer may receive one seller's order, right now."""

    seller: Actor
    slots: list[PickupSlot] = field(default_factory=list)
    delivery: DeliverySettings | None = None
    delivery_dates: list[date] = field(default_factory=list)
    delivery_commune_names: list[str] = field(default_factory=list)
    pickup_points: list[PickupPoint] = field(default_factory=list)
    rounds: list[RoundOption] = field(default_factory=list)
    accepts_transfer: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.slots or self.delivery_dates or self.pickup_points or self.rounds)


def seller_options(
    *, sellers: Iterable[Actor], territory: Territory, now: datetime | None = None
) -> dict[int, SellerOptions]:
    """A fixed number of queries, whatever the number of sellers: the live slots, and the
    standing options (delivery, points, rounds, transfer) from their cache."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sellers = list(sellers)
    ids = [s.pk for s in sellers]
    options = {s.pk: SellerOptions(seller=s) for s in sellers}
    horizon = now + timedelta(days=DELIVERY_HORIZON_DAYS)
    slots = PickupSlot.objects.filter(
        actor_id__in=ids, starts_at__gt=now, starts_at__lte=horizon
    ).order_by("starts_at", "pk")
    for slot in slots:
        if slot.remaining > 0:
            options[slot.actor_id].slots.append(slot)
    for seller_id, standing in standing_options(territory=territory, seller_ids=ids).items():
        option = options[seller_id]
        if standing.delivery is not None:
            option.delivery = standing.delivery
            option.delivery_dates = delivery_dates(weekdays=standing.delivery.weekdays, today=today)
            option.delivery_commune_names = standing.delivery_commune_names
        option.pickup_points = standing.pickup_points
        option.rounds = [
            RoundOption(
                delivery_round=delivery_round,
                next_date=round_next_date(delivery_round=delivery_round, today=today),
                commune_names=names,
            )
            for delivery_round, names in standing.rounds
        ]
        option.accepts_transfer = standing.accepts_transfer
    return options


# --- Orders --------------------------------------------------------------------------------


def seller_order_list(*, actor: Actor, status: str = "") -> QuerySet[Order]:
    orders = Order.objects.filter(seller=actor).select_related(
        "seller", "pickup_slot", "pickup_point", "delivery_round", "delivery_commune"
    )
    if status:
        orders = orders.filter(status=status)
    return orders.order_by("-placed_at", "-pk")


def seller_status_counts(*, actor: Actor) -> dict[str, int]:
    rows = Order.objects.filter(seller=actor).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def buyer_order_list(*, user: User, territory: Territory) -> QuerySet[Order]:
    return (
        Order.objects.filter(territory=territory, buyer=user)
        .select_related("seller", "territory")
        .order_by("-placed_at", "-pk")
    )


def order_lines(order: Order) -> list[OrderLine]:
    return list(order.lines.all())


def order_events(order: Order) -> list[OrderEvent]:
    return list(order.events.select_related("by"))


def checkout_orders(*, checkout_id: int, buyer: User) -> list[Order]:
    return list(
        Order.objects.filter(checkout_id=checkout_id, checkout__buyer=buyer)
        .select_related("seller", "pickup_slot", "pickup_point", "delivery_round")
        .select_related("delivery_commune")
        .order_by("pk")
    )


def checkout_for_key(*, buyer: User, key: str) -> Checkout | None:
    """The checkout a submission with this key already placed, if any."""
    return only_row(Checkout.objects.filter(buyer=buyer, idempotency_key=key))


def transfer_details(order: Order) -> SellerPaymentSettings | None:
    """The seller's bank details, for an order to be paid by transfer."""
    if order.payment_method != "transfer":
        return None
    return SellerPaymentSettings.objects.filter(actor=order.seller).first()


def upcoming_slots(*, actor: Actor, now: datetime | None = None) -> QuerySet[PickupSlot]:
    now = now or timezone.now()
    return PickupSlot.objects.filter(actor=actor, ends_at__gt=now).order_by("starts_at", "pk")


# --- Preparation list ----------------------------------------------------------------------


@dataclass
class PreparationRow:
    offer_name: str
    variant_label: str
    unit: str
    quantity: int


@dataclass
class PreparationList:
    orders: list[Order]
    products: list[PreparationRow]


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


def preparation_list(
    *,
    actor: Actor,
    slot: PickupSlot | None = None,
    delivery_round: DeliveryRound | None = None,
    pickup_point: PickupPoint | None = None,
    day: date | None = None,
) -> PreparationList:
    """The open orders to prepare, and the quantities summed per product."""
    orders = Order.objects.filter(seller=actor, status__in=OPEN_STATUSES)
    if slot is not None:
        orders = orders.filter(pickup_slot=slot)
    if delivery_round is not None:
        orders = orders.filter(delivery_round=delivery_round)
    if pickup_point is not None:
        orders = orders.filter(pickup_point=pickup_point)
    if day is not None:
        start, end = _day_bounds(day)
        orders = orders.filter(
            Q(pickup_slot__starts_at__gte=start, pickup_slot__starts_at__lt=end)
            | Q(delivery_date=day)
        )
    orders = orders.select_related(
        "pickup_slot", "pickup_point", "delivery_round", "delivery_commune"
    ).prefetch_related("lines")
    listed = list(orders.order_by("pickup_slot__starts_at", "delivery_date", "pk"))
    totals: dict[tuple[str, str, str], int] = {}
    for order in listed:
        for line in order.lines.all():
            key = (line.offer_name, line.variant_label, line.unit)
            totals[key] = totals.get(key, 0) + line.quantity
    products = [
        PreparationRow(offer_name=name, variant_label=label, unit=unit, quantity=quantity)
        for (name, label, unit), quantity in sorted(totals.items())
    ]
    return PreparationList(orders=listed, products=products)


# --- Sales dashboard -----------------------------------------------------------------------


@dataclass
class WeekRow:
    start: date
    orders: int
    revenue: Decimal


@dataclass
class ProductRow:
    offer_name: str
    variant_label: str
    quantity: int
    revenue: Decimal


@dataclass
class SalesDashboard:
    weeks: list[WeekRow]
    top_products: list[ProductRow]
    total_orders: int
    total_revenue: Decimal


def sales_dashboard(*, actor: Actor, today: date | None = None) -> SalesDashboard:
    """Orders and revenue (TTC, cancelled orders left out) per week over the last 8 weeks."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=DASHBOARD_WEEKS - 1)
    since, _end = _day_bounds(first)
    orders = Order.objects.filter(seller=actor, placed_at__gte=since).exclude(
        status=OrderStatus.CANCELLED
    )
    per_week = {
        timezone.localtime(row["week"]).date(): row
        for row in orders.annotate(week=TruncWeek("placed_at"))
        .values("week")
        .annotate(n=Count("pk"), revenue=Sum("total"))
        .order_by()
    }
    weeks = []
    for index in range(DASHBOARD_WEEKS):
        start = first + timedelta(weeks=index)
        row = per_week.get(start)
        weeks.append(
            WeekRow(
                start=start,
                orders=row["n"] if row else 0,
                revenue=(row["revenue"] or ZERO) if row else ZERO,
            )
        )
    top = (
        OrderLine.objects.filter(order__in=orders)
        .values("offer_name", "variant_label")
        .annotate(quantity=Sum("quantity"), revenue=Sum("line_total"))
        .order_by("-revenue", "offer_name", "variant_label")[:5]
    )
    return SalesDashboard(
        weeks=weeks,
        top_products=[
            ProductRow(
                offer_name=row["offer_name"],
                variant_label=row["variant_label"],
                quantity=row["quantity"],
                revenue=row["revenue"],
            )
            for row in top
        ],
        total_orders=sum(w.orders for w in weeks),
        total_revenue=sum((w.revenue for w in weeks), ZERO),
    )
