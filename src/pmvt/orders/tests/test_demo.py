"""The demo fulfilment options and orders (pmvt.demo.orders.load_orders)."""

from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from pmvt.actors.models import Actor, ActorStaff, StaffRole
from pmvt.catalog.models import Offer
from pmvt.demo.actors import load_actors
from pmvt.demo.loader import load_foundation
from pmvt.demo.orders import load_orders
from pmvt.orders.models import (
    DeliveryRound,
    DeliverySettings,
    Order,
    OrderLine,
    OrderStatus,
    PickupPoint,
    PickupSlot,
    SellerPaymentSettings,
)


def _catalog(territory) -> None:
    """The demo catalog when the catalog area ships one; else two products per seller."""
    try:
        from pmvt.demo.catalog import load_catalog
    except ImportError:
        from pmvt.catalog.services.offers import category_create, offer_create

        category = category_create(territory=territory, name="Produits du terroir")
        sellers = Actor.objects.filter(territory=territory).order_by("slug")
        for actor in sellers:
            if not (actor.offers_click_collect or actor.offers_delivery):
                continue
            owner = ActorStaff.objects.get(actor=actor, role=StaffRole.OWNER).user
            for name, price in [("Panier de saison", "18.50"), ("Confiture d'abricot", "5.20")]:
                offer_create(
                    actor=actor,
                    by=owner,
                    category=category,
                    name=name,
                    variants=[{"label": "", "price": Decimal(price), "stock": 40}],
                )
    else:
        load_catalog(territory)


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        _catalog(territory)
        load_orders(territory)
    return territory


def snapshot():
    return {
        "slots": list(
            PickupSlot.objects.order_by("pk").values_list("actor_id", "starts_at", "booked")
        ),
        "delivery": list(
            DeliverySettings.objects.order_by("pk").values_list("actor_id", "fee", "weekdays")
        ),
        "payments": list(
            SellerPaymentSettings.objects.order_by("pk").values_list("actor_id", "iban")
        ),
        "points": list(PickupPoint.objects.order_by("pk").values_list("name", "kind")),
        "rounds": list(DeliveryRound.objects.order_by("pk").values_list("name", "weekday")),
        "orders": list(
            Order.objects.order_by("pk").values_list(
                "number", "status", "total", "placed_at", "payment_status"
            )
        ),
        "lines": OrderLine.objects.count(),
        "stocks": list(Offer.objects.order_by("pk").values_list("variants__stock", flat=True)),
    }


def test_demo_orders_cover_every_way_and_every_status(demo_territory):
    with scope(territory=demo_territory):
        names = list(PickupPoint.objects.order_by("pk").values_list("name", flat=True))
        tour = DeliveryRound.objects.get()
        orders = list(Order.objects.all())
        statuses = Counter(o.status for o in orders)
        ways = Counter(o.fulfilment for o in orders)
        click_collect = Actor.objects.filter(offers_click_collect=True).count()
        slot_sellers = (
            PickupSlot.objects.filter(starts_at__gt=timezone.now())
            .values("actor")
            .distinct()
            .count()
        )

        assert names[0] == "Mairie de Gargas"
        assert len(names) == 3
        assert PickupPoint.objects.filter(kind="market", market__isnull=False).count() == 1
        assert PickupPoint.objects.filter(kind="shop").count() == 1
        assert (tour.name, tour.weekday, tour.operator_name) == (
            "Tournée des villages du Luberon",
            1,
            "Luberon Logistique (SCIC)",
        )
        assert tour.sellers.count() >= 3
        assert slot_sellers == click_collect
        assert (
            DeliverySettings.objects.filter(enabled=True).count()
            == Actor.objects.filter(offers_delivery=True).count()
        )
        assert 30 <= len(orders) <= 40
        assert {OrderStatus.PLACED, OrderStatus.CANCELLED} <= set(statuses)
        assert statuses[OrderStatus.COLLECTED] + statuses[OrderStatus.DELIVERED] >= 15
        assert len(ways) >= 2
        assert Order.objects.filter(is_assisted=True).exists()
        oldest = min(o.placed_at for o in orders)
        assert (timezone.now() - oldest).days >= 28


def test_demo_orders_load_twice_without_change(demo_territory):
    with scope(territory=demo_territory):
        before = snapshot()
        load_orders(demo_territory)
        after = snapshot()

    assert after == before
