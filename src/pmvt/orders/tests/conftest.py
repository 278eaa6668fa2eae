"""Factories of the orders tests: verified sellers with offers, slots, carts, checkouts.

Data goes through the services of each area (actor_register, actor_verify, category_create,
offer_create, pickup_slots_create, cart_add, checkout_place), so tests exercise the site's path.
"""

import itertools
from collections.abc import Callable, Iterator
from datetime import time
from decimal import Decimal
from typing import Any

import pytest
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorKind, ActorStaff, StaffRole
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.catalog.models import Category, OfferVariant
from pmvt.catalog.services.offers import category_create, offer_create
from pmvt.orders.models import (
    Cart,
    Order,
    PaymentMethod,
    PickupSlot,
)
from pmvt.orders.services.carts import cart_add, cart_for_user
from pmvt.orders.services.checkout import FulfilmentChoice, checkout_place, new_idempotency_key
from pmvt.orders.services.fulfilment import pickup_slots_create
from pmvt.orders.tests.factories import local_dt, owner_of, valid_siret
from pmvt.territories.models import Commune, Territory

_serial = itertools.count(1)

APT = "84003"
GARGAS = "84047"
ROUSSILLON = "84102"
SAIGNON = "84105"
VIENS = "84144"


@pytest.fixture(autouse=True)
def _unscoped() -> Iterator[None]:
    """Tests set data up across territories on purpose; pages set their own scope."""
    with scopes_disabled():
        yield


@pytest.fixture
def commune(territory) -> Callable[..., Commune]:
    def get(insee: str, *, of: Territory | None = None) -> Commune:
        return Commune.objects.get(territory=of or territory, insee_code=insee)

    return get


@pytest.fixture
def make_seller(make_user, admin, territory, commune) -> Callable[..., Actor]:
    """A business of the territory, verified by the territory admin unless told otherwise."""

    def make(
        name: str = "Verger des Ocres",
        *,
        owner: User | None = None,
        of: Territory | None = None,
        insee: str = APT,
        verified: bool = True,
        verifier: User | None = None,
        **details: Any,
    ) -> Actor:
        where = of or territory
        n = next(_serial)
        owner = owner or make_user(f"vendeur{n}@{where.slug}.test")
        actor = actor_register(
            territory=where,
            by=owner,
            kind=ActorKind.BUSINESS,
            legal_name=f"{name} SARL",
            trade_name=name,
            commune=commune(insee, of=where),
            address=f"{n} avenue Victor Hugo",
            siret=valid_siret(n),
            naf_code="01.24Z",
            **details,
        )
        if verified:
            actor = actor_verify(actor=actor, by=verifier or admin)
        return actor

    return make


@pytest.fixture
def add_staff(make_user) -> Callable[..., User]:
    """A user with `role` in the actor's team (the team service belongs to the actors area)."""

    def add(actor: Actor, role: str = StaffRole.STAFF, *, email: str | None = None) -> User:
        user = make_user(email or f"{role}-{next(_serial)}@equipe.test")
        ActorStaff.objects.create(actor=actor, user=user, role=role)
        return user

    return add


@pytest.fixture
def category(territory) -> Category:
    return category_create(territory=territory, name="Fruits et légumes")


@pytest.fixture
def make_variant(category) -> Callable[..., OfferVariant]:
    """One offer with one format; returns the format (what carts and orders hold)."""

    def make(
        actor: Actor,
        name: str = "Pomme Golden",
        *,
        label: str = "1 kg",
        price: str = "2.80",
        stock: int = 10,
        stock_tracked: bool = True,
        pro_price: str | None = None,
        vat_rate: str = "5.50",
        unit: str = "piece",
        cat: Category | None = None,
    ) -> OfferVariant:
        variant: dict[str, Any] = {
            "label": label,
            "price": Decimal(price),
            "stock": stock,
            "stock_tracked": stock_tracked,
        }
        if pro_price is not None:
            variant["pro_price"] = Decimal(pro_price)
        offer = offer_create(
            actor=actor,
            by=owner_of(actor),
            category=cat or category,
            name=name,
            variants=[variant],
            vat_rate=Decimal(vat_rate),
            unit=unit,
        )
        return OfferVariant.objects.select_related("offer__actor").get(offer=offer)

    return make


@pytest.fixture
def seller(make_seller) -> Actor:
    return make_seller("Verger des Ocres", offers_click_collect=True)


@pytest.fixture
def golden(make_variant, seller) -> OfferVariant:
    return make_variant(seller, "Pomme Golden", label="1 kg", price="2.80", stock=10)


@pytest.fixture
def make_slot() -> Callable[..., PickupSlot]:
    def make(actor: Actor, *, days: int = 1, hour: int = 10, capacity: int = 5) -> PickupSlot:
        start = local_dt(days, hour)
        return pickup_slots_create(
            actor=actor,
            by=owner_of(actor),
            day=start.date(),
            start=time(hour),
            end=time(hour + 2),
            capacity=capacity,
        )[0]

    return make


@pytest.fixture
def slot(make_slot, seller) -> PickupSlot:
    return make_slot(seller)


@pytest.fixture
def buyer(member) -> User:
    return member


@pytest.fixture
def fill_cart(territory) -> Callable[..., Cart]:
    def fill(user: User, *items: tuple[OfferVariant, int]) -> Cart:
        cart = cart_for_user(territory=territory, user=user)
        for variant, quantity in items:
            cart_add(cart=cart, variant=variant, quantity=quantity)
        return cart

    return fill


@pytest.fixture
def place() -> Callable[..., list[Order]]:
    """checkout_place with defaults: pay on pickup, a fresh idempotency key."""

    def run(
        cart: Cart,
        buyer: User,
        choices: dict[int, FulfilmentChoice],
        *,
        key: str | None = None,
        payment_method: str = PaymentMethod.ON_PICKUP,
        **kwargs: Any,
    ) -> list[Order]:
        return checkout_place(
            cart=cart,
            buyer=buyer,
            idempotency_key=key or new_idempotency_key(),
            choices=choices,
            payment_method=payment_method,
            **kwargs,
        )

    return run
