"""The demo activities of the Pays d'Apt-Luberon (pmvt.demo.activities.load_activities)."""

import pytest
from django_scopes import scope

from pmvt.activities.models import Activity, Registration, Session
from pmvt.demo.activities import DEMO_ACTIVITIES, load_activities
from pmvt.demo.actors import load_actors
from pmvt.demo.loader import load_foundation


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_activities(territory)
    return territory


def snapshot():
    return {
        "activities": list(
            Activity.objects.order_by("pk").values_list("slug", "status", "updated_at")
        ),
        "sessions": list(
            Session.objects.order_by("pk").values_list(
                "starts_at", "capacity", "confirmed_count", "waiting_count"
            )
        ),
        "registrations": list(
            Registration.objects.order_by("pk").values_list("user_id", "participant_name", "status")
        ),
    }


def test_loads_activities_one_full_with_a_waiting_list(demo_territory):
    assert {a.slug for a in Activity.objects.all()} == {spec.slug for spec in DEMO_ACTIVITIES}
    outing = Activity.objects.get(slug="sortie-aux-ocres-de-roussillon")
    assert str(outing.price) == "12.50"
    session = Session.objects.get(activity=outing)
    assert (session.confirmed_count, session.waiting_count) == (3, 1)
    assert Registration.objects.filter(participant_name="Jeanne Voisine").exists()


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()
    with scope(territory=demo_territory):
        load_activities(demo_territory)
    assert snapshot() == before
