"""Demo fulfilment and orders of the CC Pays d'Apt-Luberon.

Click & collect slots for the next two weeks, home delivery for the sellers who deliver, bank
transfer for a few, three pickup points, the "Tournée des villages du Luberon", six demo
buyers and about forty orders in every status, some of them taken by phone or bought by a
restaurant at professional prices.

Everything goes through the services, as on the site. Past orders are placed and moved along
their life like any order, then their dates are set back over the last eight weeks (the only
direct writes, so the sales dashboard has a history). Deterministic (fixed seed) and
idempotent: a slot, point, round or order that exists is left as it is; orders are recognised
by their idempotency key.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone
from stdnum import iban as stdnum_iban

from pmvt.accounts.models import User
from pmvt.accounts.services.memberships import membership_join
from pmvt.actors.models import Actor, ActorStaff, ActorStatus, Market, MarketStall, StaffRole
from pmvt.catalog.models import OfferVariant
from pmvt.core.exceptions import ApplicationError
from pmvt.orders.models import (
    Checkout,
    DeliveryRound,
    DeliverySettings,
    FulfilmentMethod,
    Order,
    OrderEvent,
    OrderStatus,
    PaymentMethod,
    PickupPoint,
    PickupPointKind,
    PickupSlot,
    SellerPaymentSettings,
)
from pmvt.orders.services.carts import cart_add, cart_for_user, cart_remove
from pmvt.orders.services.checkout import (
    FulfilmentChoice,
    checkout_place,
    delivery_dates,
    order_place_assisted,
)
from pmvt.orders.services.fulfilment import (
    delivery_round_create,
    delivery_settings_update,
    payment_settings_update,
    pickup_point_create,
    pickup_slots_create,
)
from pmvt.orders.services.transitions import (
    order_accept,
    order_cancel_by_buyer,
    order_cancel_by_seller,
    order_mark_collected,
    order_mark_delivered,
    order_mark_paid,
    order_mark_ready,
)
from pmvt.territories.models import Commune, Territory

SEED = 2026_11
ADMIN_EMAIL = "admin@demo.pmvt.fr"
DEMO_PASSWORD = "demo-pmvt-2026"  # noqa: S105 — the documented demo password, demo data only.
HISTORY_ORDERS = 40
SLOT_DAYS = 14


@dataclass(frozen=True)
class DemoBuyer:
    email: str
    display_name: str
    commune: str  # INSEE code
    address: str
    phone: str


BUYERS = [
    DemoBuyer(
        "habitant@demo.pmvt.fr", "Jean Habitant", "84118", "4 rue du Portail", "06 11 22 33 44"
    ),
    DemoBuyer("marie.roux@demo.pmvt.fr", "Marie Roux", "84003", "17 rue Scudéry", "06 20 14 52 87"),
    DemoBuyer(
        "lucas.martin@demo.pmvt.fr",
        "Lucas Martin",
        "84047",
        "Lotissement Les Mûriers",
        "06 72 30 11 09",
    ),
    DemoBuyer(
        "chantal.blanc@demo.pmvt.fr", "Chantal Blanc", "84102", "Chemin des Ocres", "04 90 05 61 18"
    ),
    DemoBuyer(
        "ahmed.benali@demo.pmvt.fr", "Ahmed Benali", "84105", "Place de l'Église", "06 45 78 90 12"
    ),
    DemoBuyer(
        "sophie.garcia@demo.pmvt.fr",
        "Sophie Garcia",
        "84145",
        "Route de Caseneuve",
        "07 81 63 25 40",
    ),
]

PHONE_CUSTOMERS = [
    ("Mme Paulette Reynaud", "04 90 74 12 56"),
    ("M. Robert Arnaud", "04 90 04 88 31"),
    ("Mme Josette Michel", "06 08 45 67 21"),
]

ROUND_COMMUNES = ["84003", "84047", "84102", "84118", "84145", "84103", "84105", "84020"]
CANCEL_REASONS = [
    "La grêle a abîmé la récolte\u00a0: nous ne pouvons pas honorer la commande.",
    "Fermeture exceptionnelle de la boutique ce jour-là.",
    "Produit épuisé au moment de la préparation.",
]


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def _owner(actor: Actor) -> User:
    return ActorStaff.objects.select_related("user").get(actor=actor, role=StaffRole.OWNER).user


def _rib_iban(rng: random.Random) -> str:
    """A fictitious French IBAN whose RIB key and IBAN check digits are right."""
    bank, branch = "30004", f"{rng.randint(100, 999):05d}"
    account = f"{rng.randint(0, 10**11 - 1):011d}"
    key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)
    bban = f"{bank}{branch}{account}{key:02d}"
    return f"FR{stdnum_iban.calc_check_digits(f'FR00{bban}')}{bban}"


# --- Fulfilment ----------------------------------------------------------------------------


def _load_slots(sellers: list[Actor], rng: random.Random) -> None:
    today = timezone.localdate()
    for actor in sellers:
        days = sorted(rng.sample([1, 2, 3, 4, 5], 2))
        start = time(17) if rng.random() < 0.5 else time(16, 30)
        saturday = rng.random() < 0.5
        if not actor.offers_click_collect:
            continue
        owner = _owner(actor)
        taken = set(PickupSlot.objects.filter(actor=actor).values_list("starts_at", flat=True))
        for offset in range(1, SLOT_DAYS + 1):
            day = today + timedelta(days=offset)
            times = []
            if day.weekday() in days:
                times.append((start, time(start.hour + 2, start.minute)))
            if saturday and day.weekday() == 5:
                times.append((time(10), time(12)))
            for begin, end in times:
                if _local(day, begin) in taken:
                    continue
                pickup_slots_create(
                    actor=actor, by=owner, day=day, start=begin, end=end, capacity=6
                )


def _load_delivery(sellers: list[Actor], communes: dict[str, Commune], rng: random.Random) -> None:
    nearby = sorted(communes)
    for actor in sellers:
        served = sorted({actor.commune.insee_code, *rng.sample(nearby, 5)})
        fee = rng.choice([Decimal("3.00"), Decimal("4.00"), Decimal("5.00")])
        minimum = rng.choice([Decimal("15.00"), Decimal("20.00")])
        threshold = rng.choice([Decimal("40.00"), Decimal("60.00"), None])
        weekdays = sorted(rng.sample([1, 2, 3, 4, 5], 2))
        if not actor.offers_delivery or DeliverySettings.objects.filter(actor=actor).exists():
            continue
        delivery_settings_update(
            actor=actor,
            by=_owner(actor),
            enabled=True,
            communes=[communes[code] for code in served],
            fee=fee,
            minimum_order=minimum,
            free_threshold=threshold,
            weekdays=weekdays,
        )


def _load_payments(sellers: list[Actor], rng: random.Random) -> None:
    for index, actor in enumerate(sellers):
        number = _rib_iban(rng)
        if index % 3 or SellerPaymentSettings.objects.filter(actor=actor).exists():
            continue
        payment_settings_update(
            actor=actor,
            by=_owner(actor),
            bank_transfer_enabled=True,
            account_holder=actor.legal_name,
            iban=number,
            bic="BNPAFRPPXXX",
        )


def _load_points(
    territory: Territory, admin: User, sellers: list[Actor], communes: dict[str, Commune]
) -> list[PickupPoint]:
    by_slug = {a.slug: a for a in sellers}
    existing = {p.name: p for p in PickupPoint.objects.filter(territory=territory)}
    points = []
    gargas_sellers = [a for a in sellers if a.commune.insee_code in {"84047", "84003", "84118"}]
    specs: list[dict] = [
        {
            "name": "Mairie de Gargas",
            "kind": PickupPointKind.TOWN_HALL,
            "commune": communes["84047"],
            "address": "Place de la Mairie, 84400 Gargas",
            "opening_info": "Du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h",
            "sellers": gargas_sellers[:6],
        }
    ]
    stalls = MarketStall.objects.filter(
        market__territory=territory, offers_pickup=True, actor__in=sellers
    ).select_related("market", "actor")
    # The Saturday market of Apt, the biggest, when it is there.
    stall = (
        stalls.filter(market__commune__insee_code="84003").order_by("actor__slug").first()
        or stalls.order_by("market__weekday", "actor__slug").first()
    )
    if stall is not None:
        market: Market = stall.market
        specs.append(
            {
                "name": f"Stand {stall.actor.display_name} – {market.name}",
                "kind": PickupPointKind.MARKET_STALL,
                "commune": market.commune,
                "address": market.place,
                "opening_info": f"Le {market.get_weekday_display()}, de "
                f"{market.start_time:%H} h à {market.end_time:%H} h, pendant le marché",
                "host_actor": stall.actor,
                "market": market,
                "sellers": [stall.actor],
            }
        )
    grocery = next((a for a in sellers if a.commune.insee_code == "84144"), None) or by_slug.get(
        "lepicerie-de-viens"
    )
    if grocery is not None:
        plateau = [a for a in sellers if a.commune.insee_code in {"84144", "84103", "84048"}]
        specs.append(
            {
                "name": f"{grocery.display_name} (point relais)",
                "kind": PickupPointKind.PARTNER_SHOP,
                "commune": grocery.commune,
                "address": grocery.address,
                "opening_info": "Aux heures d'ouverture de l'épicerie, sauf le lundi",
                "host_actor": grocery,
                "sellers": [*plateau, *gargas_sellers[:3]],
            }
        )
    for spec in specs:
        point = existing.get(spec["name"])
        if point is None:
            point = pickup_point_create(territory=territory, by=admin, **spec)
        points.append(point)
    return points


def _load_round(
    territory: Territory, admin: User, sellers: list[Actor], communes: dict[str, Commune]
) -> DeliveryRound:
    name = "Tournée des villages du Luberon"
    existing = DeliveryRound.objects.filter(territory=territory, name=name).first()
    if existing is not None:
        return existing
    producers = [a for a in sellers if a.offers_delivery or a.sells_to_professionals][:6]
    return delivery_round_create(
        territory=territory,
        by=admin,
        name=name,
        operator_name="Luberon Logistique (SCIC)",
        weekday=1,
        departure_time=time(14),
        communes=[communes[code] for code in ROUND_COMMUNES],
        sellers=producers,
        fee=Decimal("2.50"),
    )


# --- Buyers and orders ---------------------------------------------------------------------


def _ensure_buyer(spec: DemoBuyer, territory: Territory, communes: dict[str, Commune]) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(
            email=spec.email,
            password=DEMO_PASSWORD,
            display_name=spec.display_name,
            phone=spec.phone,
        )
    EmailAddress.objects.get_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    membership_join(user=user, territory=territory, commune=communes[spec.commune])
    return user


@dataclass
class _Plan:
    """The random draws of one demo order, made even when the order already exists."""

    key: str
    buyer: DemoBuyer
    seller: Actor
    picks: list[tuple[int, int]]  # (index among the seller's variants, quantity)
    days_ago: int
    target: str
    assisted: int | None
    professional: bool
    paid: bool
    hour: int
    way: int


def _target_status(rng: random.Random, days_ago: int) -> str:
    if days_ago == 0:
        return rng.choice([OrderStatus.PLACED, OrderStatus.PLACED, OrderStatus.ACCEPTED, "ready"])
    return rng.choices(["done", OrderStatus.CANCELLED, "cancelled_by_buyer"], weights=[8, 1, 1])[0]


def _fulfilment(
    *,
    seller: Actor,
    buyer: DemoBuyer,
    communes: dict[str, Commune],
    points: list[PickupPoint],
    tour: DeliveryRound,
    history: bool,
    way: int,
) -> FulfilmentChoice | None:
    """One of the ways the seller offers to this buyer, the `way`-th one (modulo)."""
    commune = communes[buyer.commune]
    options: list[str] = []
    if seller.offers_click_collect:
        options.append(FulfilmentMethod.CLICK_COLLECT)
    settings = DeliverySettings.objects.filter(actor=seller, enabled=True).first()
    if settings is not None and settings.communes.filter(pk=commune.pk).exists():
        options.append(FulfilmentMethod.HOME_DELIVERY)
    point = next((p for p in points if p.sellers.filter(pk=seller.pk).exists()), None)
    if point is not None:
        options.append(FulfilmentMethod.PICKUP_POINT)
    if tour.sellers.filter(pk=seller.pk).exists() and tour.communes.filter(pk=commune.pk).exists():
        options.append(FulfilmentMethod.DELIVERY_ROUND)
    if not options:
        return None
    method = options[way % len(options)]
    if method == FulfilmentMethod.CLICK_COLLECT:
        if history:
            # A slot of its own, set back in time with the order (reused if still unbooked).
            day = timezone.localdate() + timedelta(days=1)
            slot = (
                PickupSlot.objects.filter(
                    actor=seller, starts_at=_local(day, time(7)), booked=0
                ).first()
                or pickup_slots_create(
                    actor=seller, by=_owner(seller), day=day, start=time(7), end=time(8), capacity=1
                )[0]
            )
        else:
            upcoming = PickupSlot.objects.filter(actor=seller, starts_at__gt=timezone.now())
            free = next((s for s in upcoming.order_by("starts_at") if s.remaining > 0), None)
            if free is None:
                return None
            slot = free
        return FulfilmentChoice(method=method, slot=slot)
    if method == FulfilmentMethod.HOME_DELIVERY:
        assert settings is not None
        return FulfilmentChoice(
            method=method,
            address=buyer.address,
            commune=commune,
            delivery_date=delivery_dates(weekdays=settings.weekdays)[0],
        )
    if method == FulfilmentMethod.PICKUP_POINT:
        return FulfilmentChoice(method=method, pickup_point=point)
    return FulfilmentChoice(
        method=method, delivery_round=tour, address=buyer.address, commune=commune
    )


def _move_along(order: Order, plan: _Plan, buyer: User) -> None:
    owner = _owner(order.seller)
    if plan.target == "cancelled_by_buyer" and order.buyer is not None:
        order_cancel_by_buyer(order=order, by=buyer)
        return
    if plan.target == OrderStatus.CANCELLED:
        order_accept(order=order, by=owner)
        order_cancel_by_seller(order=order, by=owner, reason=CANCEL_REASONS[plan.hour % 3])
        return
    if plan.target == OrderStatus.PLACED:
        return
    order_accept(order=order, by=owner)
    if plan.target == OrderStatus.ACCEPTED:
        return
    order_mark_ready(order=order, by=owner)
    if plan.target == "ready":
        return
    if order.fulfilment in {FulfilmentMethod.CLICK_COLLECT, FulfilmentMethod.PICKUP_POINT}:
        order_mark_collected(order=order, by=owner)
    else:
        order_mark_delivered(order=order, by=owner)
    if plan.paid or order.payment_method == PaymentMethod.ON_PICKUP:
        order_mark_paid(order=order, by=owner)


def _set_back(order: Order, days: int, hour: int) -> None:
    """Give a past order its date: placed `days` ago, each later step a few hours after."""
    shift = timedelta(days=days)
    placed = _local(timezone.localdate() - shift, time(hour))
    events = list(OrderEvent.objects.filter(order=order).order_by("at", "pk"))
    for step, event in enumerate(events):
        OrderEvent.objects.filter(pk=event.pk).update(at=placed + timedelta(hours=5 * step))
    last = placed + timedelta(hours=5 * max(len(events) - 1, 0))
    order.refresh_from_db()
    Order.objects.filter(pk=order.pk).update(
        placed_at=placed,
        updated_at=last,
        delivery_date=order.delivery_date - shift if order.delivery_date else None,
        paid_at=last if order.paid_at else None,
    )
    if order.pickup_slot_id:
        PickupSlot.objects.filter(pk=order.pickup_slot_id).update(
            starts_at=placed + timedelta(days=1), ends_at=placed + timedelta(days=1, hours=1)
        )


def _load_history(
    *,
    territory: Territory,
    sellers: list[Actor],
    communes: dict[str, Commune],
    points: list[PickupPoint],
    tour: DeliveryRound,
    rng: random.Random,
) -> None:
    variants = {
        actor.pk: list(
            OfferVariant.objects.filter(
                offer__actor=actor, is_active=True, offer__is_active=True, offer__kind="product"
            )
            .select_related("offer__actor")
            .order_by("offer__name", "position", "pk")
        )
        for actor in sellers
    }
    sellers = [a for a in sellers if variants[a.pk]]
    if not sellers:
        return
    if Order.objects.filter(
        territory=territory, buyer__email__in=[spec.email for spec in BUYERS]
    ).exists():
        return  # The history is there: planning it again would add slots.
    users = {spec.email: _ensure_buyer(spec, territory, communes) for spec in BUYERS}
    restaurant = Actor.objects.filter(
        territory=territory, status=ActorStatus.VERIFIED, naf_code__startswith="56."
    ).first()
    pro_sellers = [a for a in sellers if a.sells_to_professionals and a != restaurant]
    plans = []
    for index in range(HISTORY_ORDERS):
        professional = bool(restaurant and pro_sellers and index % 13 == 5)
        seller = rng.choice(pro_sellers if professional else sellers)
        count = min(len(variants[seller.pk]), rng.randint(1, 3))
        chosen = rng.sample(range(len(variants[seller.pk])), count)
        days_ago = 0 if index >= HISTORY_ORDERS - 8 else rng.randint(1, 55)
        plans.append(
            _Plan(
                key=f"demo-commande-{index:02d}",
                buyer=rng.choice(BUYERS),
                seller=seller,
                picks=[(i, rng.randint(1, 3)) for i in chosen],
                days_ago=days_ago,
                target=_target_status(rng, days_ago),
                assisted=index % 11
                if index % 11 < len(PHONE_CUSTOMERS) and index % 4 == 2
                else None,
                professional=professional,
                paid=rng.random() < 0.9,
                hour=rng.randint(8, 20),
                way=rng.randint(0, 5),
            )
        )
    for plan in plans:
        _place_demo_order(
            plan=plan,
            territory=territory,
            variants=variants[plan.seller.pk],
            users=users,
            restaurant=restaurant,
            communes=communes,
            points=points,
            tour=tour,
        )


def _place_demo_order(
    *,
    plan: _Plan,
    territory: Territory,
    variants: list[OfferVariant],
    users: dict[str, User],
    restaurant: Actor | None,
    communes: dict[str, Commune],
    points: list[PickupPoint],
    tour: DeliveryRound,
) -> None:
    seller = plan.seller
    owner = _owner(seller)
    buyer = _owner(restaurant) if plan.professional and restaurant else users[plan.buyer.email]
    by = owner if plan.assisted is not None else buyer
    if Checkout.objects.filter(buyer=by, idempotency_key=plan.key).exists():
        return
    items = []
    for position, quantity in plan.picks:
        variant = OfferVariant.objects.get(pk=variants[position].pk)
        if variant.stock_tracked and variant.stock < quantity:
            continue
        items.append((variant, quantity))
    choice = _fulfilment(
        seller=seller,
        buyer=plan.buyer,
        communes=communes,
        points=points,
        tour=tour,
        history=plan.days_ago > 0,
        way=plan.way,
    )
    if not items or choice is None:
        return
    transfer = SellerPaymentSettings.objects.filter(actor=seller, bank_transfer_enabled=True)
    payment = (
        PaymentMethod.BANK_TRANSFER
        if transfer.exists() and plan.hour % 2
        else PaymentMethod.ON_PICKUP
    )
    try:
        if plan.assisted is not None:
            name, phone = PHONE_CUSTOMERS[plan.assisted]
            order = order_place_assisted(
                seller=seller,
                by=owner,
                idempotency_key=plan.key,
                customer_name=name,
                customer_phone=phone,
                items=items,
                choice=choice,
                payment_method=payment,
                note="Commande prise par téléphone.",
            )
        else:
            cart = cart_for_user(territory=territory, user=buyer)
            for line in list(cart.lines.all()):
                cart_remove(cart=cart, line_id=line.pk)
            for variant, quantity in items:
                cart_add(cart=cart, variant=variant, quantity=quantity)
            order = checkout_place(
                cart=cart,
                buyer=buyer,
                idempotency_key=plan.key,
                choices={seller.pk: choice},
                payment_method=payment,
                buyer_actor=restaurant if plan.professional else None,
            )[0]
    except ApplicationError:
        return  # The minimum order for delivery, say: this draw gives no order.
    _move_along(order, plan, buyer)
    if plan.days_ago:
        _set_back(order, plan.days_ago, plan.hour)


def load_orders(territory: Territory) -> None:
    """Create the demo fulfilment options and orders of `territory` (idempotent)."""
    rng = random.Random(SEED)
    admin = User.objects.get(email=ADMIN_EMAIL)
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    sellers = list(
        Actor.objects.filter(territory=territory, status=ActorStatus.VERIFIED)
        .filter(offers__is_active=True, offers__kind="product")
        .select_related("commune")
        .distinct()
        .order_by("slug")
    )
    _load_slots(sellers, rng)
    _load_delivery(sellers, communes, rng)
    _load_payments(sellers, rng)
    points = _load_points(territory, admin, sellers, communes)
    tour = _load_round(territory, admin, sellers, communes)
    _load_history(
        territory=territory,
        sellers=sellers,
        communes=communes,
        points=points,
        tour=tour,
        rng=rng,
    )
