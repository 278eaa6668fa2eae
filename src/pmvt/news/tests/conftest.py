"""Factories of the news' tests. Data goes through the services, as on the site."""

import io
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from PIL import Image

from pmvt.accounts.models import Role, User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.community.models import Theme
from pmvt.news.models import Post
from pmvt.news.services.posts import post_create
from pmvt.territories.models import Commune, Territory

TERRITORY = "/t/pays-dapt-luberon"
NEWS = f"{TERRITORY}/valeurs/actualites/"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(output, fmt)
    return output.getvalue()


def upload(fmt: str = "PNG", name: str = "photo.png", content: bytes | None = None):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(fmt))


@pytest.fixture
def make_actor(operator) -> Callable[..., Actor]:
    """An actor of the territory owned by `owner` (verified unless told)."""

    def make(territory: Territory, owner: User, *, verified: bool = True, name: str = "") -> Actor:
        number = next(_numbers)
        actor = actor_register(
            territory=territory,
            by=owner,
            kind=ActorKind.ASSOCIATION,
            legal_name=name or f"Association {number}",
            commune=Commune.objects.filter(territory=territory).order_by("pk")[0],
            address="Place de la Bouquerie",
            siret=fictitious_siret(700 + number),
            naf_code="94.99Z",
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return Actor.objects.get(pk=actor.pk)

    return make


@pytest.fixture
def staff(make_member, territory) -> User:
    """A plain member of the territory who is on the team of a verified association."""
    return make_member(territory, Role.MEMBER, email="tresoriere@apt.test")


def forget_caches(user: User) -> None:
    """Drop the per-request permission caches kept on the user object."""
    for key in [key for key in user.__dict__ if key.startswith("_pmvt")]:
        del user.__dict__[key]


@pytest.fixture
def association(make_actor, territory, staff) -> Actor:
    actor = make_actor(territory, staff, name="Repair Café du Calavon")
    forget_caches(staff)
    return actor


@pytest.fixture
def make_theme() -> Callable[..., Theme]:
    def make(territory: Territory, name: str, slug: str, position: int = 0) -> Theme:
        return Theme.objects.create(territory=territory, name=name, slug=slug, position=position)

    return make


@pytest.fixture
def make_post(admin, territory) -> Callable[..., Post]:
    """A post; by default published by the territory's admin in their own name."""

    def make(
        in_territory: Territory | None = None, *, author: User | None = None, **values: Any
    ) -> Post:
        author = author or admin
        territory_ = in_territory or territory
        values.setdefault("title", f"Actualité {next(_numbers)}")
        values.setdefault("body", "Un texte **important** pour le territoire.")
        return post_create(territory=territory_, author=author, **values)

    return make
