"""The demo agenda of the Pays d'Apt-Luberon (pmvt.demo.agenda.load_agenda)."""

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scope

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.agenda.models import Event, Occurrence, Registration
from pmvt.community.models import Visibility
from pmvt.demo.actors import load_actors
from pmvt.demo.agenda import DEMO_EVENTS, PENDING_SLUG, WORKSHOP_SLUG, load_agenda
from pmvt.demo.community import load_community
from pmvt.demo.loader import load_foundation


@pytest.fixture
def demo_territory(db, django_capture_on_commit_callbacks):
    territory = load_foundation()
    with scope(territory=territory):
        with django_capture_on_commit_callbacks(execute=True):
            load_actors(territory)
            load_community(territory)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            load_agenda(territory)
    return territory


def snapshot():
    return {
        "events": list(
            Event.objects.order_by("pk").values_list("slug", "visibility", "starts_at", "sequence")
        ),
        "occurrences": list(
            Occurrence.objects.order_by("pk").values_list(
                "event__slug", "starts_at", "confirmed_count", "waiting_count"
            )
        ),
        "registrations": list(
            Registration.objects.order_by("pk").values_list("user__email", "status")
        ),
    }


def test_loads_a_month_of_events_from_today(demo_territory):
    events = {e.slug: e for e in Event.objects.all()}
    assert set(events) == {spec.slug for spec in DEMO_EVENTS}
    now = timezone.now()
    assert all(e.starts_at > now for e in events.values())
    assert events["repair-cafe-du-luberon"].rrule.startswith("FREQ=MONTHLY;BYDAY=")
    assert events["repair-cafe-du-luberon"].organiser == Actor.objects.get(
        slug="repair-cafe-du-luberon"
    )
    assert events["fete-du-marche-dapt"].visibility == Visibility.PUBLISHED
    assert events[PENDING_SLUG].visibility == Visibility.PENDING
    assert events[PENDING_SLUG].author == User.objects.get(email="habitant@demo.pmvt.fr")
    assert events["concert-de-lensemble-vocal-du-luberon"].is_free is False
    assert events["fete-du-marche-dapt"].themes.filter(slug="commerce-local").exists()
    assert Occurrence.objects.filter(event=events["lheure-du-conte-a-la-mediatheque"]).count() >= 4


def test_senior_workshop_is_full_with_a_waiting_list_and_sends_no_email(demo_territory):
    workshop = Occurrence.objects.filter(event__slug=WORKSHOP_SLUG).get()
    assert (workshop.confirmed_count, workshop.waiting_count) == (4, 2)
    assert workshop.is_full
    assert mail.outbox == []


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()
    with scope(territory=demo_territory):
        load_agenda(demo_territory)
    assert snapshot() == before
