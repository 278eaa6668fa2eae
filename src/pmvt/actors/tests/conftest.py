"""Factories of the actors' tests. Data goes through the services, as on the site."""

import itertools
from collections.abc import Callable, Iterator
from datetime import time
from typing import Any

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind, Market
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.actors.services.markets import market_create
from pmvt.territories.models import Commune, Territory

TERRITORY = "/t/pays-dapt-luberon"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture
def postgresql(db) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def commune(territory) -> Commune:
    return Commune.objects.get(territory=territory, insee_code="84003")  # Apt


@pytest.fixture
def gargas(territory) -> Commune:
    return Commune.objects.get(territory=territory, insee_code="84047")


@pytest.fixture
def owner(make_member, territory) -> User:
    return make_member(territory, Role.MEMBER, email="elodie@fournil.test")


@pytest.fixture
def make_actor(territory, operator) -> Callable[..., Actor]:
    """An actor registered by `owner` (a new member if none), verified unless told."""

    def make(
        name: str = "Boulangerie des Ocres",
        *,
        owner: User | None = None,
        in_territory: Territory | None = None,
        verified: bool = True,
        naf_code: str = "10.71C",
        commune: Commune | None = None,
        **details: Any,
    ) -> Actor:
        where = in_territory or territory
        number = next(_numbers)
        if owner is None:
            owner = User.objects.create_user(f"owner-{number}@actors.test", "pass-Luberon-84")
        actor = actor_register(
            territory=where,
            by=owner,
            kind=details.pop("kind", ActorKind.BUSINESS),
            legal_name=details.pop("legal_name", name),
            commune=commune or Commune.objects.filter(territory=where).order_by("pk")[0],
            address=details.pop("address", "1 place de la Bouquerie"),
            siret=details.pop("siret", fictitious_siret(number)),
            naf_code=naf_code,
            notify_admins=details.pop("notify_admins", False),
            **details,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return Actor.objects.select_related("territory", "commune").get(pk=actor.pk)

    return make


@pytest.fixture
def actor(make_actor, owner, commune) -> Actor:
    return make_actor("Boulangerie des Ocres", owner=owner, commune=commune)


@pytest.fixture
def make_market(territory, operator, commune) -> Callable[..., Market]:
    def make(name: str = "Marché d'Apt", **values: Any) -> Market:
        return market_create(
            territory=values.pop("territory", territory),
            by=operator,
            name=name,
            commune=values.pop("commune", commune),
            place=values.pop("place", "Place de la Bouquerie"),
            weekday=values.pop("weekday", 5),
            start_time=values.pop("start_time", time(8)),
            end_time=values.pop("end_time", time(13)),
            **values,
        )

    return make


@pytest.fixture
def admin_client(client, admin, activate_totp):
    """The territory's admin, logged in with two-factor authentication (the back office needs it)."""
    activate_totp(admin)
    client.force_login(admin)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
