"""The demo missions of the Pays d'Apt-Luberon (pmvt.demo.volunteering.load_volunteering)."""

import pytest
from django_scopes import scope

from pmvt.demo.actors import load_actors
from pmvt.demo.loader import load_foundation
from pmvt.demo.volunteering import DEMO_MISSIONS, load_volunteering
from pmvt.volunteering.models import Mission, Session, Signup


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_volunteering(territory)
    return territory


def snapshot():
    return {
        "missions": list(
            Mission.objects.order_by("pk").values_list("slug", "status", "updated_at")
        ),
        "sessions": list(
            Session.objects.order_by("pk").values_list(
                "starts_at", "capacity", "confirmed_count", "waiting_count"
            )
        ),
        "signups": list(Signup.objects.order_by("pk").values_list("user_id", "status")),
    }


def test_loads_published_missions_one_weekly_one_full(demo_territory):
    assert {m.slug for m in Mission.objects.all()} == {spec.slug for spec in DEMO_MISSIONS}
    assert set(Mission.objects.values_list("status", flat=True)) == {"published"}
    weekly = Mission.objects.get(slug="distribution-de-lepicerie-solidaire")
    assert Session.objects.filter(mission=weekly).count() == 8
    banks = Mission.objects.get(slug="nettoyage-des-berges-du-calavon")
    next_date = Session.objects.filter(mission=banks).order_by("-starts_at")[0]
    assert (next_date.confirmed_count, next_date.waiting_count) == (2, 1)
    past = Session.objects.filter(mission=banks).order_by("starts_at")[0]
    assert past.is_past and past.confirmed_count == 2


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()
    with scope(territory=demo_territory):
        load_volunteering(demo_territory)
    assert snapshot() == before
