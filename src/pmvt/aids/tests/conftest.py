"""Factories of the aids' tests. Data goes through the services, as on the site."""

import itertools
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind, StaffRole
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.actors.services.staff import actor_staff_add
from pmvt.aids.models import AidKind, AidScheme, FunderKind
from pmvt.aids.services.aids import aid_create
from pmvt.territories.models import Commune, Territory

TERRITORY = "/t/pays-dapt-luberon"
PUBLIC = f"{TERRITORY}/valeurs/aides/"
GESTION = f"{TERRITORY}/gestion/aides/"
NBSP = "\u00a0"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path) -> None:
    """Uploaded documents go to a fresh directory, removed with the test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def apt(territory) -> Commune:
    return Commune.objects.get(territory=territory, insee_code="84003")


@pytest.fixture
def gargas(territory) -> Commune:
    return Commune.objects.get(territory=territory, insee_code="84047")


@pytest.fixture
def make_aid(territory, admin) -> Callable[..., AidScheme]:
    """A published aid open to everyone (unless told), through aid_create()."""

    def make(title: str = "Aide à l'immobilier d'entreprise", **values: Any) -> AidScheme:
        where: Territory = values.pop("in_territory", territory)
        by: User = values.pop("by", admin)
        defaults: dict[str, Any] = {
            "funder_name": "Communauté de communes Pays d'Apt-Luberon",
            "funder_kind": FunderKind.EPCI,
            "summary": "Une subvention pour le local de votre activité.",
            "kind": AidKind.GRANT,
            "is_published": True,
        }
        aid = aid_create(territory=where, by=by, title=title, **{**defaults, **values})
        return AidScheme.objects.select_related("territory").get(pk=aid.pk)

    return make


@pytest.fixture
def make_actor(territory, operator) -> Callable[..., Actor]:
    """An actor registered by `owner` (a new account if none), verified unless told."""

    def make(
        name: str = "Boulangerie des Ocres",
        *,
        owner: User | None = None,
        naf_code: str = "10.71C",
        commune: Commune | None = None,
        verified: bool = True,
        kind: str = ActorKind.BUSINESS,
        in_territory: Territory | None = None,
    ) -> Actor:
        where = in_territory or territory
        number = next(_numbers)
        if owner is None:
            owner = User.objects.create_user(f"owner-{number}@aids.test", "pass-Luberon-84")
        actor = actor_register(
            territory=where,
            by=owner,
            kind=kind,
            legal_name=name,
            commune=commune or Commune.objects.get(territory=where, insee_code="84003")
            if where == territory
            else Commune.objects.filter(territory=where).order_by("pk")[0],
            address="1 place de la Bouquerie",
            siret=fictitious_siret(900 + number) if kind == ActorKind.BUSINESS else "",
            naf_code=naf_code,
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return Actor.objects.select_related("territory", "commune").get(pk=actor.pk)

    return make


def add_staff(actor: Actor, user: User, role: str = StaffRole.STAFF) -> None:
    owner = actor.staff.get(role=StaffRole.OWNER).user
    actor_staff_add(actor=actor, user=user, role=role, by=owner)


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def admin_client(client, admin, activate_totp):
    """The territory's admin, logged in with two-factor authentication (the back office needs it)."""
    activate_totp(admin)
    client.force_login(admin)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
