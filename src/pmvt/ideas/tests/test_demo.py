"""The demo idea campaigns of the Pays d'Apt-Luberon (pmvt.demo.ideas.load_ideas)."""

import pytest
from django_scopes import scope

from pmvt.community.models import Visibility
from pmvt.demo.actors import load_actors
from pmvt.demo.community import load_community
from pmvt.demo.ideas import CLOSED_SLUG, CONCERTS_SLUG, OPEN_SLUG, load_ideas
from pmvt.demo.loader import load_foundation
from pmvt.ideas.models import Campaign, Comment, Follow, Idea, IdeaStatusChange, Support


@pytest.fixture
def _publish_directly() -> None:
    """The demo keeps the territory's own setting: moderation before publication."""


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_community(territory)
        load_ideas(territory)
    return territory


def snapshot():
    return {
        "campaigns": list(
            Campaign.objects.order_by("pk").values_list("slug", "opens_at", "closes_at")
        ),
        "ideas": list(
            Idea.objects.order_by("pk").values_list(
                "slug", "status", "visibility", "support_count", "comment_count"
            )
        ),
        "answers": IdeaStatusChange.objects.count(),
        "supports": Support.objects.count(),
        "follows": Follow.objects.count(),
        "comments": Comment.objects.count(),
    }


def test_loads_an_open_campaign_with_an_idea_at_every_status(demo_territory):
    open_campaign = Campaign.objects.get(slug=OPEN_SLUG)
    assert open_campaign.title == "Comment faire revenir les jeunes en centre-bourg ?"
    assert open_campaign.is_open
    assert {t.slug for t in open_campaign.themes.all()} >= {"jeunesse", "mobilite"}
    ideas = Idea.objects.filter(campaign=open_campaign)
    assert set(ideas.values_list("status", flat=True)) == {
        "submitted",
        "under_study",
        "accepted",
        "declined",
        "in_progress",
        "realised",
    }
    assert not ideas.exclude(visibility=Visibility.PUBLISHED).exists()
    for idea in ideas:
        assert idea.support_count == Support.objects.filter(idea=idea).count()
        assert idea.comment_count == Comment.objects.filter(idea=idea).count()
    declined = ideas.get(status="declined")
    assert "Non retenue" in declined.status_changes.get(to_status="declined").answer
    assert Comment.objects.filter(idea__campaign=open_campaign).exclude(parent=None).exists()
    assert Follow.objects.filter(idea__campaign=open_campaign).count() > len(ideas)
    # The walk's inhabitant may still support the concerts idea.
    concerts = ideas.get(slug=CONCERTS_SLUG)
    assert not Support.objects.filter(idea=concerts, user__email="habitant@demo.pmvt.fr").exists()


def test_loads_a_closed_campaign_with_answered_ideas(demo_territory):
    closed = Campaign.objects.get(slug=CLOSED_SLUG)
    assert closed.status == "closed"
    assert set(Idea.objects.filter(campaign=closed).values_list("status", flat=True)) == {
        "accepted",
        "declined",
    }


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()
    with scope(territory=demo_territory):
        load_ideas(demo_territory)
    assert snapshot() == before
