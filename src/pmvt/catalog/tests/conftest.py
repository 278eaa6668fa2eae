"""Factories of the catalog tests: verified sellers with their team, categories, offers.

Data goes through the services (actor_register, actor_verify, category_create, offer_create)
so that tests exercise the same path as the site.
"""

import itertools
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind, StaffRole
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.catalog.models import Category, Offer
from pmvt.catalog.services.offers import category_create, offer_create
from pmvt.territories.models import Commune, Territory

_serial = itertools.count(1)

APT = "84003"
GARGAS = "84047"
ROUSSILLON = "84102"
VIENS = "84144"


@pytest.fixture(autouse=True)
def _unscoped() -> Iterator[None]:
    """Tests read and write across territories on purpose; pages set their own scope."""
    with scopes_disabled():
        yield


@pytest.fixture
def commune(territory) -> Callable[[str], Commune]:
    def get(insee: str, *, of: Territory | None = None) -> Commune:
        return Commune.objects.get(territory=of or territory, insee_code=insee)

    return get


@pytest.fixture
def make_actor(make_user, operator, territory, commune) -> Callable[..., Actor]:
    """A business of the territory, verified unless told otherwise; its owner is `owner`."""

    def make(
        name: str = "Boulangerie du Cours",
        *,
        owner: User | None = None,
        of: Territory | None = None,
        insee: str = APT,
        naf_code: str = "10.71C",
        verified: bool = True,
        **details: Any,
    ) -> Actor:
        where = of or territory
        n = next(_serial)
        owner = owner or make_user(f"vendeur{n}@{where.slug}.test")
        actor = actor_register(
            territory=where,
            by=owner,
            kind=ActorKind.BUSINESS,
            legal_name=name,
            commune=commune(insee, of=where),
            address=f"{n} place de la Bouquerie",
            siret=fictitious_siret(60_000 + n),
            naf_code=naf_code,
            **details,
        )
        if verified:
            actor = actor_verify(actor=actor, by=operator)
        return actor

    return make


@pytest.fixture
def owner(make_user) -> User:
    return make_user("proprietaire@boulangerie.test")


@pytest.fixture
def seller(make_actor, owner) -> Actor:
    return make_actor(
        "Boulangerie du Cours", owner=owner, offers_click_collect=True, offers_delivery=False
    )


@pytest.fixture
def add_staff(make_user) -> Callable[..., User]:
    """A user with `role` in the actor's team (written directly: the team service is A's)."""

    def add(actor: Actor, role: str = StaffRole.STAFF, *, email: str | None = None) -> User:
        from pmvt.actors.models import ActorStaff

        user = make_user(email or f"{role}-{next(_serial)}@equipe.test")
        ActorStaff.objects.create(actor=actor, user=user, role=role)
        return user

    return add


@pytest.fixture
def categories(territory) -> dict[str, Category]:
    food = category_create(territory=territory, name="Boulangerie-pâtisserie")
    fruit = category_create(territory=territory, name="Fruits et légumes")
    return {
        "boulangerie": food,
        "pains": category_create(territory=territory, name="Pains", parent=food),
        "fruits": fruit,
        "pommes": category_create(territory=territory, name="Fruits", parent=fruit),
        "epicerie": category_create(territory=territory, name="Épicerie"),
        "services": category_create(territory=territory, name="Services"),
    }


@pytest.fixture
def make_offer(categories) -> Callable[..., Offer]:
    def make(
        actor: Actor,
        name: str = "Pain de campagne",
        *,
        price: str = "3.20",
        category: str | Category = "pains",
        variants: list[dict] | None = None,
        by: User | None = None,
        **fields: Any,
    ) -> Offer:
        by = by or actor.staff.get(role=StaffRole.OWNER).user
        return offer_create(
            actor=actor,
            by=by,
            category=categories[category] if isinstance(category, str) else category,
            name=name,
            variants=variants or [{"label": "", "price": Decimal(price), "stock": 10}],
            **fields,
        )

    return make
