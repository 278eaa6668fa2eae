"""The demo clubs of the Pays d'Apt-Luberon (pmvt.demo.clubs.load_clubs)."""

import pytest
from django_scopes import scope

from pmvt.clubs.models import Club, ClubMembership, Reply, Resource, Thread
from pmvt.demo.actors import load_actors
from pmvt.demo.clubs import ACTORS_SLUG, CITIZENS_SLUG, load_clubs
from pmvt.demo.loader import load_foundation


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_clubs(territory)
    return territory


def snapshot():
    return {
        "clubs": list(Club.objects.order_by("pk").values_list("slug", "join_policy", "updated_at")),
        "memberships": list(
            ClubMembership.objects.order_by("pk").values_list(
                "club__slug", "user__email", "role", "status"
            )
        ),
        "threads": list(
            Thread.objects.order_by("pk").values_list(
                "slug", "reply_count", "pinned", "solved_reply", "last_activity_at"
            )
        ),
        "replies": list(Reply.objects.order_by("pk").values_list("pk", "created_at")),
        "resources": list(Resource.objects.order_by("pk").values_list("title", "pinned")),
    }


def test_loads_the_two_clubs_of_the_issue(demo_territory):
    citizens = Club.objects.get(slug=CITIZENS_SLUG)
    actors = Club.objects.get(slug=ACTORS_SLUG)
    assert (citizens.join_policy, citizens.audience) == ("open", "everyone")
    assert (actors.join_policy, actors.audience) == ("approval", "actors")
    members = set(
        ClubMembership.objects.filter(club=citizens, status="active").values_list(
            "user__email", flat=True
        )
    )
    assert {"habitant@demo.pmvt.fr", "acteur@demo.pmvt.fr", "moderation@demo.pmvt.fr"} <= members
    # The baker has not joined the club des acteurs: the demo lets her ask.
    assert not ClubMembership.objects.filter(
        club=actors, user__email="acteur@demo.pmvt.fr"
    ).exists()
    assert (
        ClubMembership.objects.filter(club=actors, status="active", role="moderator").count() == 1
    )
    question = Thread.objects.get(club=actors, category="question")
    assert question.is_solved
    assert Thread.objects.filter(club=actors, category="group_purchase", pinned=True).exists()
    assert Thread.objects.filter(club=actors, category="training").exists()
    assert Thread.objects.filter(
        club=citizens, category="feedback", title__contains="samedi"
    ).exists()
    assert Thread.objects.get(club=citizens, category="feedback").reply_count == 3
    assert Resource.objects.filter(club=actors).count() == 2


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()
    with scope(territory=demo_territory):
        load_clubs(demo_territory)
    assert snapshot() == before
