"""Factories of the community's tests. Content is a news post (pmvt.news.Post), made and
moderated through the services, as on the site."""

import itertools
from collections.abc import Callable, Iterator

import pytest
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import ActorKind
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.community.models import ModerationDecision, Visibility
from pmvt.community.services.moderation import content_moderate
from pmvt.community.services.settings import community_settings_update
from pmvt.news.models import Post
from pmvt.news.services.posts import post_create
from pmvt.territories.models import Commune, Territory

TERRITORY = "/t/pays-dapt-luberon"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture
def author(make_member, territory) -> User:
    return make_member(territory, Role.MEMBER, email="autrice@apt.test")


@pytest.fixture
def make_post(operator) -> Callable[..., Post]:
    """A post by `author`; published (approved by the operator if it waited) unless told."""

    def make(author: User, *, title: str | None = None, published: bool = True) -> Post:
        territory = author.memberships.get().territory
        post = post_create(
            territory=territory,
            author=author,
            title=title or f"Marché nocturne numéro {next(_numbers)}",
            body="Rendez-vous place de la Bouquerie, vendredi soir.",
        )
        if published and post.visibility == Visibility.PENDING:
            content_moderate(
                moderator=operator,
                content=post,
                decision=ModerationDecision.APPROVE,
                reason="Conforme à la charte.",
            )
        return Post.objects.get(pk=post.pk)

    return make


@pytest.fixture
def post(make_post, author) -> Post:
    return make_post(author)


@pytest.fixture
def make_reporters(make_member, territory) -> Callable[[int], list[User]]:
    def make(count: int) -> list[User]:
        return [
            make_member(territory, Role.MEMBER, email=f"voisin-{next(_numbers)}@apt.test")
            for _ in range(count)
        ]

    return make


@pytest.fixture
def make_actor_staff(make_member, operator) -> Callable[..., User]:
    """A member who owns an actor of the territory (verified unless told)."""

    def make(territory: Territory, *, verified: bool = True) -> User:
        number = next(_numbers)
        user = make_member(territory, Role.MEMBER, email=f"acteur-{number}@community.test")
        actor = actor_register(
            territory=territory,
            by=user,
            kind=ActorKind.BUSINESS,
            legal_name=f"Boulangerie {number}",
            commune=Commune.objects.filter(territory=territory).order_by("pk")[0],
            address="Place de la Bouquerie",
            siret=fictitious_siret(800 + number),
            naf_code="10.71C",
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return User.objects.get(pk=user.pk)

    return make


@pytest.fixture
def set_community(territory, operator) -> Callable[..., None]:
    """Change the territory's community settings through the service, as the back office does."""

    def change(*, report_threshold: int = 3, moderate_before_publication: bool = True) -> None:
        community_settings_update(
            by=operator,
            territory=territory,
            report_threshold=report_threshold,
            moderate_before_publication=moderate_before_publication,
        )

    return change
