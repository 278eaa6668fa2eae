"""Factories of the agenda's tests. Data goes through the services, as on the site."""

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.agenda.models import Event
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.agenda.services.events import EventData, event_create
from pmvt.territories.models import Commune, Territory

TERRITORY = "/t/pays-dapt-luberon"
AGENDA = f"{TERRITORY}/valeurs/agenda/"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def commune(territory: Territory, insee: str = "84003") -> Commune:
    """Apt by default; the first commune of a territory without it."""
    communes = Commune.objects.filter(territory=territory)
    return communes.filter(insee_code=insee).first() or communes.order_by("insee_code")[0]


def in_days(days: int, at: time = time(18)) -> datetime:
    """A Paris wall-clock instant `days` from today."""
    return paris_datetime(paris(timezone.now()).date() + timedelta(days=days), at)


def event_data(territory: Territory, **values: Any) -> EventData:
    starts_at = values.pop("starts_at", None) or in_days(10)
    values.setdefault("title", "Concert de la chorale")
    values.setdefault("description", "Un concert **gratuit** sur la place.")
    values.setdefault("commune", commune(territory))
    values.setdefault("place_name", "Place de la Bouquerie")
    values.setdefault("ends_at", starts_at + timedelta(hours=2))
    return EventData(starts_at=starts_at, **values)


@pytest.fixture
def make_event(territory, admin) -> Callable[..., Event]:
    def make(
        *, by: User | None = None, in_territory: Territory | None = None, **values: Any
    ) -> Event:
        where = in_territory or territory
        return event_create(territory=where, by=by or admin, data=event_data(where, **values))

    return make


@pytest.fixture
def make_actor_staff(make_member, operator) -> Callable[..., tuple[User, Actor]]:
    """A plain member who owns a verified actor (an association by default)."""

    def make(territory: Territory, *, email: str | None = None, verified: bool = True):
        number = next(_numbers)
        user = make_member(territory, Role.MEMBER, email=email or f"asso-{number}@agenda.test")
        actor = actor_register(
            territory=territory,
            by=user,
            kind=ActorKind.ASSOCIATION,
            legal_name=f"Association {number}",
            commune=Commune.objects.filter(territory=territory).order_by("insee_code")[0],
            address="Maison des associations",
            siret=fictitious_siret(600 + number),
            naf_code="94.99Z",
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return User.objects.get(pk=user.pk), Actor.objects.get(pk=actor.pk)

    return make
