"""Factories of volunteering's tests. Data goes through the services, as on the site."""

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
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.territories.models import Commune, Territory
from pmvt.volunteering.models import Mission, Session
from pmvt.volunteering.services.missions import MissionData, mission_create, mission_publish
from pmvt.volunteering.services.sessions import sessions_add

T = "/t/pays-dapt-luberon"
LIST = f"{T}/marche/benevolat/"
GESTION = f"{T}/gestion/benevolat/"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


def commune(territory: Territory, insee: str = "84003") -> Commune:
    communes = Commune.objects.filter(territory=territory)
    return communes.filter(insee_code=insee).first() or communes.order_by("insee_code")[0]


def in_days(days: int, at: time = time(9)) -> datetime:
    """A Paris wall-clock instant `days` from today."""
    return paris_datetime(paris(timezone.now()).date() + timedelta(days=days), at)


def mission_data(territory: Territory, **values: Any) -> MissionData:
    values.setdefault("title", "Distribution de l'épicerie solidaire")
    values.setdefault("summary", "Accueillir les familles et distribuer les colis.")
    values.setdefault("description", "Une matinée **conviviale** avec l'équipe.")
    values.setdefault("place_name", "Salle des fêtes")
    values.setdefault("commune", commune(territory))
    values.setdefault("skills", ["accueil", "cuisine"])
    return MissionData(**values)


@pytest.fixture
def make_organiser(make_member, operator) -> Callable[..., tuple[User, Actor]]:
    """A plain member who owns a verified actor (an association by default)."""

    def make(
        territory: Territory,
        *,
        email: str | None = None,
        kind: str = ActorKind.ASSOCIATION,
        verified: bool = True,
    ) -> tuple[User, Actor]:
        number = next(_numbers)
        user = make_member(territory, Role.MEMBER, email=email or f"asso-{number}@benevolat.test")
        actor = actor_register(
            territory=territory,
            by=user,
            kind=kind,
            legal_name=f"Structure {number}",
            commune=Commune.objects.filter(territory=territory).order_by("insee_code")[0],
            address="Maison des associations",
            siret=fictitious_siret(700 + number),
            naf_code="94.99Z",
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return User.objects.get(pk=user.pk), Actor.objects.get(pk=actor.pk)

    return make


@pytest.fixture
def organiser(make_organiser, territory) -> tuple[User, Actor]:
    return make_organiser(territory, email="asso@benevolat.test")


@pytest.fixture
def make_mission(territory, organiser) -> Callable[..., Mission]:
    """A published mission of the organiser's association with one date in 5 days."""

    def make(
        *,
        by: User | None = None,
        actor: Actor | str | None = "default",
        in_territory: Territory | None = None,
        capacity: int = 3,
        days: int = 5,
        publish: bool = True,
        **values: Any,
    ) -> Mission:
        where = in_territory or territory
        owner = organiser[1] if actor == "default" else actor
        user = by or organiser[0]
        mission = mission_create(
            territory=where,
            organiser=owner,  # type: ignore[arg-type]
            by=user,
            data=mission_data(where, **values),
        )
        sessions_add(
            mission=mission,
            by=user,
            starts_at=in_days(days),
            ends_at=in_days(days, time(12)),
            capacity=capacity,
        )
        if publish:
            mission_publish(mission=mission, by=user)
        return Mission.objects.get(pk=mission.pk)

    return make


def first_session(mission: Mission) -> Session:
    return (
        Session.objects.filter(mission=mission).order_by("starts_at").select_related("mission")[0]
    )
