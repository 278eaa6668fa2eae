"""Factories of the ideas' tests. Data goes through the services, as on the site."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.community.models import CommunitySettings, Theme
from pmvt.ideas.models import Campaign, Idea
from pmvt.ideas.services.campaigns import campaign_create
from pmvt.ideas.services.ideas import idea_submit
from pmvt.territories.models import Territory

TERRITORY = "/t/pays-dapt-luberon"
IDEAS = f"{TERRITORY}/valeurs/idees/"
GESTION = f"{TERRITORY}/gestion/idees/"


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _publish_directly(territory) -> None:
    """Publish inhabitants' content at once (the tests of moderation switch it back on)."""
    CommunitySettings.objects.update_or_create(
        territory=territory, defaults={"moderate_before_publication": False}
    )


@pytest.fixture
def moderate_first(territory) -> None:
    """The territory moderates inhabitants' content before publication."""
    CommunitySettings.objects.filter(territory=territory).update(moderate_before_publication=True)
    territory.__dict__.pop("_pmvt_community_settings", None)


@pytest.fixture
def make_theme(territory) -> Callable[..., Theme]:
    def make(name: str, slug: str, *, in_territory: Territory | None = None) -> Theme:
        return Theme.objects.create(territory=in_territory or territory, name=name, slug=slug)

    return make


@pytest.fixture
def make_campaign(territory, admin) -> Callable[..., Campaign]:
    """An open campaign (opened yesterday, closing in 30 days) unless told otherwise."""

    def make(
        title: str = "Jeunes en centre-bourg",
        *,
        in_territory: Territory | None = None,
        by: User | None = None,
        **values: Any,
    ) -> Campaign:
        now = timezone.now()
        values.setdefault("question", "Comment faire revenir les jeunes en centre-bourg ?")
        values.setdefault("opens_at", now - timedelta(days=1))
        values.setdefault("closes_at", now + timedelta(days=30))
        return campaign_create(
            territory=in_territory or territory, by=by or admin, title=title, **values
        )

    return make


@pytest.fixture
def campaign(make_campaign) -> Campaign:
    return make_campaign()


@pytest.fixture
def make_idea() -> Callable[..., Idea]:
    def make(
        campaign: Campaign,
        author: User,
        title: str = "Un tiers-lieu pour les jeunes",
        **values: Any,
    ) -> Idea:
        values.setdefault("description", "Un lieu ouvert le soir, avec du **wifi** et des jeux.")
        return idea_submit(campaign=campaign, author=author, title=title, **values)

    return make


def close(campaign: Campaign) -> Campaign:
    """Move the campaign's dates to the past (as if it had run its course)."""
    now = timezone.now()
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1)
    )
    campaign.refresh_from_db()
    return campaign


def fresh(idea: Idea) -> Idea:
    return Idea.objects.select_related("campaign__territory", "territory").get(pk=idea.pk)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
