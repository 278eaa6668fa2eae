"""Factories of assets' tests. Data goes through the services, as on the site."""

import io
import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from pmvt.accounts.models import Role, User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.assets.models import Asset, AssetCondition, AssetKind
from pmvt.assets.services.assets import AssetData, asset_create, asset_publish
from pmvt.territories.models import Commune, Territory

T = "/t/pays-dapt-luberon"
ROOT = f"{T}/valeurs/maison/biens/"
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


def asset_data(territory: Territory, **values: Any) -> AssetData:
    values.setdefault("kind", AssetKind.EQUIPMENT)
    values.setdefault("title", "Remorque bâchée 750 kg")
    values.setdefault("description", "Une remorque en bon état, avec sa bâche et ses sangles.")
    values.setdefault("commune", commune(territory))
    values.setdefault("condition", AssetCondition.FREE)
    return AssetData(**values)


def photo_upload(name: str = "photo.png", fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def make_asset() -> Callable[..., Asset]:
    def make(
        territory: Territory,
        owner: User,
        *,
        publish: bool = True,
        actor: Actor | None = None,
        by_collectivite: bool = False,
        **values: Any,
    ) -> Asset:
        asset = asset_create(
            territory=territory,
            by=owner,
            data=asset_data(territory, **values),
            actor=actor,
            by_collectivite=by_collectivite,
        )
        if publish:
            asset_publish(asset=asset, by=owner)
        return Asset.objects.get(pk=asset.pk)

    return make


@pytest.fixture
def owner(make_member, territory) -> User:
    return make_member(territory, Role.MEMBER, email="prete@apt.test", display_name="Jeanne Prête")


@pytest.fixture
def requester(make_member, territory) -> User:
    return make_member(
        territory, Role.MEMBER, email="emprunte@apt.test", display_name="Marc Emprunte"
    )


@pytest.fixture
def stranger(make_member, territory) -> User:
    return make_member(territory, Role.MEMBER, email="voisin@apt.test")


@pytest.fixture
def asset(make_asset, territory, owner) -> Asset:
    return make_asset(territory, owner)


@pytest.fixture
def make_actor(make_member, operator) -> Callable[..., tuple[User, Actor]]:
    """A plain member who owns a verified actor (a carpenter by default)."""

    def make(territory: Territory, *, email: str | None = None) -> tuple[User, Actor]:
        number = next(_numbers)
        user = make_member(territory, Role.MEMBER, email=email or f"artisan-{number}@biens.test")
        actor = actor_register(
            territory=territory,
            by=user,
            kind=ActorKind.BUSINESS,
            legal_name=f"Menuiserie {number}",
            commune=Commune.objects.filter(territory=territory).order_by("insee_code")[0],
            address="Zone artisanale",
            siret=fictitious_siret(800 + number),
            naf_code="16.23Z",
            notify_admins=False,
        )
        actor_verify(actor=actor, by=operator)
        return User.objects.get(pk=user.pk), Actor.objects.get(pk=actor.pk)

    return make


PRICE = Decimal("15.00")
