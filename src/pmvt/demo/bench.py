"""Data for `make bench`: a large territory (actors, offers, past orders), deterministic.

Actors and offers go through the services (offers in bulk); the 50,000 past orders are
history, inserted in bulk rows straight away: going through checkout one by one would take
hours and measure nothing the benchmark needs.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from pmvt.accounts.models import User
from pmvt.accounts.services.memberships import membership_join
from pmvt.accounts.services.users import user_record_consent
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.catalog.models import Offer, OfferVariant
from pmvt.catalog.services.offers import category_create, offers_bulk_create
from pmvt.demo.loader import DEMO_SIREN, load_foundation
from pmvt.orders.models import (
    FulfilmentMethod,
    Order,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    PickupSlot,
)
from pmvt.territories.models import Commune, Territory

BENCH_PASSWORD = "bench-pmvt-2026"  # noqa: S105 — throw-away benchmark accounts.
NAF_BY_FAMILY = {
    "agriculteur": "01.13Z",
    "commercant": "47.21Z",
    "artisan": "10.71C",
    "liberal": "86.90E",
}
PRODUCTS = [
    "Pomme",
    "Poire",
    "Abricot",
    "Cerise",
    "Pêche",
    "Tomate",
    "Courgette",
    "Aubergine",
    "Melon",
    "Fraise",
    "Miel de lavande",
    "Fromage de chèvre",
    "Pain de campagne",
    "Fougasse",
    "Huile d'olive",
    "Confiture d'abricot",
    "Fruits confits",
    "Vin rouge",
    "Jus de pomme",
    "Épicerie fine",
    "Savon à l'huile d'olive",
    "Bougie",
    "Céramique",
    "Lavande séchée",
]
VARIETIES = [
    "Golden",
    "Reinette",
    "bio",
    "du Luberon",
    "de saison",
    "extra",
    "tradition",
    "fermier",
    "artisanal",
    "à l'ancienne",
    "du verger",
    "des collines",
    "de Provence",
    "maison",
]


@dataclass
class BenchSizes:
    actors: int = 500
    offers: int = 100_000
    orders: int = 50_000
    buyers: int = 200


def _user(email: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=BENCH_PASSWORD)
        user_record_consent(user=user)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def bench_generate(*, sizes: BenchSizes, seed: int = 2026, log=print) -> Territory:
    rng = random.Random(seed)
    with scopes_disabled():
        territory = load_foundation()
    assert territory.siren == DEMO_SIREN
    with scope(territory=territory):
        if Actor.objects.filter(territory=territory).count() >= sizes.actors:
            log("bench data already generated")
            return territory
        communes = list(Commune.objects.filter(territory=territory).order_by("insee_code"))
        admin = _user("bench-admin@bench.pmvt.fr")
        admin.is_superuser = True
        admin.save(update_fields=["is_superuser"])
        owner = _user("bench-owner@bench.pmvt.fr")
        buyers = [_user(f"acheteur{i:04d}@bench.pmvt.fr") for i in range(sizes.buyers)]
        for buyer in buyers:
            membership_join(user=buyer, territory=territory, commune=rng.choice(communes))
        log(f"{len(buyers)} buyers")

        parents = [
            category_create(territory=territory, name=n)
            for n in ("Alimentation", "Artisanat", "Services")
        ]
        categories = [
            category_create(
                territory=territory, name=f"{p} {product}", parent=parents[0 if i < 20 else 1]
            )
            for i, product in enumerate(PRODUCTS)
            for p in ("Rayon",)
        ]
        actors = []
        families = list(NAF_BY_FAMILY)
        for i in range(sizes.actors):
            family = families[i % len(families)]
            commune = communes[i % len(communes)]
            with transaction.atomic():
                actor = actor_register(
                    territory=territory,
                    by=owner,
                    kind=ActorKind.BUSINESS,
                    legal_name=f"Entreprise banc d'essai {i:04d}",
                    trade_name=f"Maison {PRODUCTS[i % len(PRODUCTS)]} {i:04d}",
                    commune=commune,
                    address=f"{1 + i % 80} rue du Marché",
                    siret=fictitious_siret(900_000 + i),
                    naf_code=NAF_BY_FAMILY[family],
                    notify_admins=False,
                    offers_click_collect=True,
                    offers_delivery=i % 3 == 0,
                    latitude=commune.latitude,
                    longitude=commune.longitude,
                )
                actors.append(actor_verify(actor=actor, by=admin))
        log(f"{len(actors)} actors")

        per_actor = sizes.offers // len(actors)
        now = timezone.now()
        for n, actor in enumerate(actors):
            rows = []
            for j in range(per_actor):
                product = PRODUCTS[(n + j) % len(PRODUCTS)]
                variety = VARIETIES[(n * 7 + j) % len(VARIETIES)]
                price = Decimal(rng.randint(80, 4500)) / 100
                rows.append(
                    {
                        "category": categories[(n + j) % len(categories)],
                        "name": f"{product} {variety} n°{j}",
                        "description": f"{product} {variety}, produit par {actor.display_name}.",
                        "origin_commune": communes[(n + j) % len(communes)],
                        "produced_on_territory": True,
                        "variants": [
                            {"label": "1 kg", "price": price, "stock": 1_000_000},
                            {
                                "label": "500 g",
                                "price": (price / 2).quantize(Decimal("0.01")) + Decimal("0.20"),
                                "stock": 1_000_000,
                            },
                        ],
                    }
                )
            with transaction.atomic():
                offers_bulk_create(actor=actor, rows=rows)
            slots = [
                PickupSlot(
                    territory=territory,
                    actor=actor,
                    starts_at=now + timedelta(days=d, hours=h),
                    ends_at=now + timedelta(days=d, hours=h + 1),
                    capacity=30_000,
                )
                for d in range(1, 8)
                for h in (0,)
            ]
            PickupSlot.objects.bulk_create(slots)
            if n % 50 == 0:
                log(f"offers: {n * per_actor}")
        log(f"{Offer.objects.filter(territory=territory).count()} offers")
        _bulk_past_orders(
            territory=territory, actors=actors, buyers=buyers, count=sizes.orders, rng=rng, log=log
        )
    return territory


def _bulk_past_orders(*, territory, actors, buyers, count, rng, log) -> None:
    variants_by_actor: dict[int, list[OfferVariant]] = {}
    for v in (
        OfferVariant.objects.filter(territory=territory)
        .select_related("offer")
        .order_by("pk")[:20000]
    ):
        variants_by_actor.setdefault(v.offer.actor_id, []).append(v)
    sellers = [a for a in actors if a.pk in variants_by_actor]
    statuses = [OrderStatus.COLLECTED] * 6 + [
        OrderStatus.CANCELLED,
        OrderStatus.READY,
        OrderStatus.ACCEPTED,
    ]
    now = timezone.now()
    prefix = territory.slug[:3].upper()
    batch = 2000
    for start in range(0, count, batch):
        orders, lines_per_order = [], []
        for k in range(start, min(start + batch, count)):
            seller = sellers[k % len(sellers)]
            buyer = buyers[k % len(buyers)]
            chosen = rng.sample(
                variants_by_actor[seller.pk], k=min(3, len(variants_by_actor[seller.pk]))
            )
            lines = []
            subtotal = Decimal("0.00")
            for v in chosen:
                qty = rng.randint(1, 4)
                total = v.price * qty
                subtotal += total
                lines.append(
                    OrderLine(
                        variant=v,
                        offer_name=v.offer.name,
                        variant_label=v.label,
                        unit=v.offer.unit,
                        unit_price=v.price,
                        vat_rate=v.offer.vat_rate,
                        quantity=qty,
                        line_total=total,
                    )
                )
            orders.append(
                Order(
                    territory=territory,
                    number=f"{prefix}-BENCH-{k:07d}",
                    seller=seller,
                    buyer=buyer,
                    status=statuses[k % len(statuses)],
                    fulfilment=FulfilmentMethod.CLICK_COLLECT,
                    payment_method=PaymentMethod.ON_PICKUP,
                    customer_name=buyer.email,
                    customer_email=buyer.email,
                    subtotal=subtotal,
                    total=subtotal,
                )
            )
            lines_per_order.append(lines)
        with transaction.atomic():
            Order.objects.bulk_create(orders)
            placed = [now - timedelta(days=(k % 365)) for k in range(len(orders))]
            for order, when in zip(orders, placed, strict=True):
                order.placed_at = when
            Order.objects.bulk_update(orders, ["placed_at"])
            all_lines = []
            for order, lines in zip(orders, lines_per_order, strict=True):
                for line in lines:
                    line.order = order
                    all_lines.append(line)
            OrderLine.objects.bulk_create(all_lines)
        log(f"orders: {start + len(orders)}")
