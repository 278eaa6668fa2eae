"""Factories of the activities' tests. Data goes through the services, as on the site."""

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.activities.models import Activity, Session
from pmvt.activities.services.activities import ActivityData, activity_create, activity_publish
from pmvt.activities.services.sessions import sessions_add
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.territories.models import Commune, Territory

T = "/t/pays-dapt-luberon"
LIST = f"{T}/marche/activites/"
GESTION = f"{T}/gestion/activites/"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


def commune(territory: Territory, insee: str = "84003") -> Commune:
    communes = Commune.objects.filter(territory=territory)
    return communes.filter(insee_code=insee).first() or communes.order_by("insee_code")[0]


def in_days(days: int, at: time = time(14)) -> datetime:
    return paris_datetime(paris(timezone.now()).date() + timedelta(days=days), at)


def activity_data(territory: Territory, **values: Any) -> ActivityData:
    values.setdefault("title", "Atelier tablette pour les seniors")
    values.setdefault("summary", "Apprendre à se servir d'une tablette, à son rythme.")
    values.setdefault("description", "Apportez votre **tablette** si vous en avez une.")
    values.setdefault("kind", "numerique")
    values.setdefault("age_group", "seniors")
    values.setdefault("place_name", "Médiathèque")
    values.setdefault("commune", commune(territory))
    values.setdefault("price", Decimal(0))
    return ActivityData(**values)


@pytest.fixture
def make_organiser(make_member, operator) -> Callable[..., tuple[User, Actor]]:
    """A plain member who owns a verified actor (a business by default: any actor may)."""

    def make(
        territory: Territory,
        *,
        email: str | None = None,
        kind: str = ActorKind.BUSINESS,
        verified: bool = True,
    ) -> tuple[User, Actor]:
        number = next(_numbers)
        user = make_member(territory, Role.MEMBER, email=email or f"orga-{number}@activites.test")
        actor = actor_register(
            territory=territory,
            by=user,
            kind=kind,
            legal_name=f"Club {number}",
            commune=Commune.objects.filter(territory=territory).order_by("insee_code")[0],
            address="Place de la mairie",
            siret=fictitious_siret(800 + number),
            naf_code="93.12Z",
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return User.objects.get(pk=user.pk), Actor.objects.get(pk=actor.pk)

    return make


@pytest.fixture
def organiser(make_organiser, territory) -> tuple[User, Actor]:
    return make_organiser(territory, email="club@activites.test")


@pytest.fixture
def make_activity(territory, organiser) -> Callable[..., Activity]:
    """A published activity of the organiser with one session in 5 days."""

    def make(
        *,
        by: User | None = None,
        actor: Actor | str | None = "default",
        in_territory: Territory | None = None,
        capacity: int = 3,
        days: int = 5,
        publish: bool = True,
        **values: Any,
    ) -> Activity:
        where = in_territory or territory
        owner = organiser[1] if actor == "default" else actor
        user = by or organiser[0]
        activity = activity_create(
            territory=where,
            organiser=owner,  # type: ignore[arg-type]
            by=user,
            data=activity_data(where, **values),
        )
        sessions_add(
            activity=activity,
            by=user,
            starts_at=in_days(days),
            ends_at=in_days(days, time(16)),
            capacity=capacity,
        )
        if publish:
            activity_publish(activity=activity, by=user)
        return Activity.objects.get(pk=activity.pk)

    return make


def first_session(activity: Activity) -> Session:
    return (
        Session.objects.filter(activity=activity)
        .order_by("starts_at")
        .select_related("activity")[0]
    )
