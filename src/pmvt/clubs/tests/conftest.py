"""Factories of the clubs' tests. Data goes through the services, as on the site."""

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import ActorKind
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.clubs.models import Audience, Club, ClubKind, ClubMembership, JoinPolicy, Thread
from pmvt.clubs.services.clubs import club_create
from pmvt.clubs.services.memberships import club_join, membership_approve, membership_set_role
from pmvt.clubs.services.threads import thread_create
from pmvt.territories.models import Commune, Territory

TERRITORY = "/t/pays-dapt-luberon"
CLUBS = f"{TERRITORY}/valeurs/clubs/"
GESTION = f"{TERRITORY}/gestion/clubs/"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path) -> None:
    settings.PMVT_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


@pytest.fixture
def make_actor_staff(make_member, operator) -> Callable[..., User]:
    """A member who owns an actor of the territory (verified unless told)."""

    def make(territory: Territory, *, email: str | None = None, verified: bool = True) -> User:
        number = next(_numbers)
        user = make_member(territory, Role.MEMBER, email=email or f"acteur-{number}@clubs.test")
        actor = actor_register(
            territory=territory,
            by=user,
            kind=ActorKind.BUSINESS,
            legal_name=f"Commerce {number}",
            commune=Commune.objects.filter(territory=territory).order_by("pk")[0],
            address="Place de la Bouquerie",
            siret=fictitious_siret(900 + number),
            naf_code="47.11B",
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return User.objects.get(pk=user.pk)

    return make


@pytest.fixture
def actor_staff(make_actor_staff, territory) -> User:
    return make_actor_staff(territory, email="epicier@apt.test")


@pytest.fixture
def make_club(territory, admin) -> Callable[..., Club]:
    def make(
        name: str = "Club citoyens–acteurs", *, in_territory=None, by=None, **values: Any
    ) -> Club:
        values.setdefault("purpose", "Co-construire les offres du territoire.")
        values.setdefault("kind", ClubKind.CITIZENS_ACTORS)
        return club_create(territory=in_territory or territory, by=by or admin, name=name, **values)

    return make


@pytest.fixture
def open_club(make_club) -> Club:
    return make_club()


@pytest.fixture
def actors_club(make_club) -> Club:
    return make_club(
        "Club des acteurs",
        kind=ClubKind.ACTORS,
        join_policy=JoinPolicy.APPROVAL,
        audience=Audience.ACTORS,
        purpose="Les CAPLA s'entraident.",
    )


@pytest.fixture
def join(admin) -> Callable[..., ClubMembership]:
    """Make `user` an active member of `club` (approved by the territory admin if needed)."""

    def make(club: Club, user: User, *, moderator: bool = False) -> ClubMembership:
        membership = club_join(club=club, user=user)
        if membership.status != "active":
            membership = membership_approve(membership=membership, by=admin)
        if moderator:
            membership = membership_set_role(membership=membership, by=admin, role="moderator")
        forget(user)
        return membership

    return make


def forget(user: User) -> None:
    user.__dict__.pop("_pmvt_club_memberships", None)


@pytest.fixture
def make_thread() -> Callable[..., Thread]:
    def make(
        club: Club, author: User, title: str = "Où trouver des sacs kraft ?", **values: Any
    ) -> Thread:
        values.setdefault(
            "category", "question" if "question" in club.categories else club.categories[0]
        )
        values.setdefault("body", "Je cherche un fournisseur de **sacs kraft** près d'Apt.")
        return thread_create(club=club, author=author, title=title, **values)

    return make


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
