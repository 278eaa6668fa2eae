"""The demo aids of the Pays d'Apt-Luberon (pmvt.demo.aids.load_aids)."""

import pytest
from django_scopes import scope

from pmvt.actors.models import Actor
from pmvt.aids.models import ActorAidProfile, AidDocument, AidScheme, AidStatus, Announcement
from pmvt.aids.selectors import aids_for_actor
from pmvt.aids.tests.conftest import days
from pmvt.demo.actors import load_actors
from pmvt.demo.aids import BAKERY_SLUG, DEMO_AIDS, load_aids
from pmvt.demo.loader import load_foundation


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_aids(territory)
    return territory


def snapshot():
    return {
        "aids": list(
            AidScheme.objects.order_by("pk").values_list(
                "slug", "opens_at", "deadline", "updated_at", "is_published"
            )
        ),
        "announcements": list(
            Announcement.objects.order_by("pk").values_list("title", "published_at", "aid_id")
        ),
        "profiles": list(ActorAidProfile.objects.values_list("actor_id", "headcount_range")),
        "documents": AidDocument.objects.count(),
    }


def test_loads_published_aids_one_of_them_closed(demo_territory):
    aids = list(AidScheme.objects.all())

    assert {aid.slug for aid in aids} == {spec.slug for spec in DEMO_AIDS}
    assert all(aid.is_published for aid in aids)
    assert [aid.slug for aid in aids if aid.status == AidStatus.CLOSED] == [
        "appel-a-projets-commerces-de-village"
    ]
    assert Announcement.objects.filter(published_at__isnull=False).count() == 2


def test_the_demo_bakery_finds_its_aids(demo_territory):
    bakery = Actor.objects.get(slug=BAKERY_SLUG)

    found = [aid.slug for aid in aids_for_actor(actor=bakery, today=days(0))]

    assert ActorAidProfile.objects.get(actor=bakery).headcount_range == "1-9"
    assert found == [
        "pass-commerce-de-proximite",
        "aide-a-limmobilier-dentreprise",
        "pret-dhonneur-initiative",
    ]


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()

    with scope(territory=demo_territory):
        load_aids(demo_territory)

    assert snapshot() == before
