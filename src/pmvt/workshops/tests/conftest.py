"""Factories of workshops' tests. Data goes through the services, as on the site."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.territories.models import Commune, Territory
from pmvt.workshops.models import Contribution, Phase, Theme, Workshop, WorkshopMode
from pmvt.workshops.services.facilitation import contributions_file, theme_create
from pmvt.workshops.services.participation import contribution_create
from pmvt.workshops.services.workshops import WorkshopData, workshop_create, workshop_phase_next

T = "/t/pays-dapt-luberon"
LIST = f"{T}/valeurs/maison/ateliers/"


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


def commune(territory: Territory) -> Commune:
    return Commune.objects.filter(territory=territory).order_by("insee_code")[0]


def workshop_data(territory: Territory, **values: Any) -> WorkshopData:
    values.setdefault("title", "Faire revivre le centre-bourg")
    values.setdefault("question", "Comment faire revivre le centre-bourg ?")
    values.setdefault("mode", WorkshopMode.IN_PERSON)
    values.setdefault("starts_at", timezone.now() + timedelta(days=3))
    values.setdefault("place", "Salle des fêtes")
    values.setdefault("commune", commune(territory))
    values.setdefault("dots_per_participant", 3)
    values.setdefault("max_contribution_length", 100)
    return WorkshopData(**values)


def url(workshop: Workshop, tail: str = "") -> str:
    return f"{LIST}{workshop.slug}/{tail}"


def fresh(workshop: Workshop) -> Workshop:
    return Workshop.objects.get(pk=workshop.pk)


@pytest.fixture
def facilitator(make_member, territory) -> User:
    return make_member(territory, Role.ADMIN, email="animatrice@apt.test", display_name="Anna Mat")


@pytest.fixture
def make_workshop(territory, facilitator) -> Callable[..., Workshop]:
    """A workshop of the territory, moved to `phase` (draft by default)."""

    def make(*, phase: str = Phase.DRAFT, by: User | None = None, **values: Any) -> Workshop:
        user = by or facilitator
        workshop = workshop_create(
            territory=territory, by=user, data=workshop_data(territory, **values)
        )
        order = [Phase.DRAFT, Phase.CONTRIBUTIONS, Phase.CLUSTERING, Phase.VOTING]
        while workshop.phase != phase:
            if (
                workshop.phase == Phase.CLUSTERING
                and not Theme.objects.filter(workshop=workshop).exists()
            ):
                theme_create(workshop=workshop, by=user, title="Commerces")
            workshop_phase_next(workshop=workshop, by=user)
            assert workshop.phase in order or phase in (Phase.OUTCOME, Phase.CLOSED)
        return fresh(workshop)

    return make


@pytest.fixture
def participants(make_member, territory) -> list[User]:
    return [
        make_member(territory, email=f"p{n}@apt.test", display_name=f"Participant {n}")
        for n in range(3)
    ]


def contribute(workshop: Workshop, user: User, text: str) -> Contribution:
    return contribution_create(workshop=workshop, by=user, text=text)


@pytest.fixture
def clustered(make_workshop, facilitator, participants) -> Workshop:
    """A workshop in clustering: 4 contributions, themes "Commerces" and "Mobilité", filed."""
    workshop = make_workshop(phase=Phase.CONTRIBUTIONS)
    a, b, c = participants
    shop = contribute(workshop, a, "Une épicerie coopérative sur la place")
    market = contribute(workshop, b, "Un marché de producteurs le samedi")
    bus = contribute(workshop, c, "Une navette vers la gare d'Apt")
    contribute(workshop, a, "Des bancs à l'ombre")
    workshop_phase_next(workshop=workshop, by=facilitator)
    shops = theme_create(workshop=workshop, by=facilitator, title="Commerces")
    mobility = theme_create(workshop=workshop, by=facilitator, title="Mobilité")
    contributions_file(
        workshop=workshop,
        by=facilitator,
        assignments={shop.pk: shops.pk, market.pk: shops.pk, bus.pk: mobility.pk},
    )
    return fresh(workshop)


def themes(workshop: Workshop) -> dict[str, Theme]:
    return {t.title: t for t in Theme.objects.filter(workshop=workshop)}
