"""Proposing and changing events (pmvt.agenda.services.events) and their dates."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pmvt.agenda.errors import EventFieldError
from pmvt.agenda.models import Event, Occurrence, Recurrence, Registration
from pmvt.agenda.recurrence import paris
from pmvt.agenda.services.events import event_update
from pmvt.agenda.services.occurrences import occurrences_sync
from pmvt.agenda.services.registrations import registration_create
from pmvt.community.models import Theme, Visibility
from pmvt.community.services.settings import community_settings_update
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.notifications.models import Notification

from .conftest import event_data, in_days


def test_admin_publishes_a_one_off_event_with_one_date(make_event, admin, territory):
    event = make_event(title="Fête de la musique à Apt")
    assert event.visibility == Visibility.PUBLISHED
    assert event.author == admin
    assert event.slug == "fete-de-la-musique-a-apt"
    assert event.rrule == ""
    occurrence = Occurrence.objects.get(event=event)
    assert (occurrence.starts_at, occurrence.ends_at) == (event.starts_at, event.ends_at)
    assert occurrence.territory == territory


def test_actor_staff_publishes_in_the_name_of_their_verified_actor(
    make_event, make_actor_staff, territory
):
    user, actor = make_actor_staff(territory)
    event = make_event(by=user, organiser=actor)
    assert event.visibility == Visibility.PUBLISHED
    assert event.organiser == actor
    assert event.organiser_display == actor.display_name


def test_inhabitant_event_waits_for_moderation_by_default(make_event, member):
    event = make_event(by=member)
    assert event.visibility == Visibility.PENDING
    assert Occurrence.objects.filter(event=event).count() == 1


def test_inhabitant_event_is_published_when_the_territory_does_not_moderate_first(
    make_event, member, admin, territory
):
    community_settings_update(
        by=admin, territory=territory, report_threshold=3, moderate_before_publication=False
    )
    assert make_event(by=member).visibility == Visibility.PUBLISHED


def test_refuses_an_actor_the_person_does_not_work_for(
    make_event, make_actor_staff, member, territory
):
    _, actor = make_actor_staff(territory)
    with pytest.raises(EventFieldError) as error:
        make_event(by=member, organiser=actor)
    assert error.value.field == "organiser"
    assert not Event.objects.exists()


def test_refuses_an_unverified_actor(make_event, make_actor_staff, territory):
    user, actor = make_actor_staff(territory, verified=False)
    with pytest.raises(EventFieldError):
        make_event(by=user, organiser=actor)


def test_refuses_a_visitor_who_is_not_a_member(make_event, make_user, territory):
    outsider = make_user("passant@ailleurs.test")
    with pytest.raises(PermissionDeniedError):
        make_event(by=outsider)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "  "}, "title"),
        ({"description": ""}, "description"),
        ({"place_name": ""}, "place_name"),
        ({"commune": None}, "commune"),
        ({"ends_at": in_days(10, time(17))}, "end_time"),
        ({"ends_at": in_days(10, time(18))}, "end_time"),
        ({"ends_at": in_days(50)}, "end_date"),
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "start_date"),
        ({"recurrence": Recurrence.WEEKLY, "recurrence_until": date.today()}, "recurrence_until"),
        ({"registration_enabled": True, "capacity": None}, "capacity"),
        ({"registration_enabled": True, "capacity": 0}, "capacity"),
        ({"is_free": False}, "price"),
        ({"is_free": False, "price": Decimal("-1")}, "price"),
        ({"latitude": Decimal("43.87")}, "latitude"),
        ({"latitude": Decimal("95"), "longitude": Decimal("5")}, "latitude"),
        ({"contact_email": "pas-une-adresse"}, "contact_email"),
        ({"recurrence": "daily"}, "recurrence"),
    ],
)
def test_rejects_bad_values_and_creates_nothing(make_event, values, field):
    with pytest.raises(EventFieldError) as error:
        make_event(**values)
    assert error.value.field == field
    assert str(error.value.message)
    assert not Event.objects.exists()
    assert not Occurrence.objects.exists()


def test_rejects_a_commune_or_theme_of_another_territory(make_event, other_territory, territory):
    with pytest.raises(EventFieldError) as error:
        make_event(commune=other_territory.communes.order_by("pk").first())
    assert error.value.field == "commune"
    theme = Theme.objects.create(territory=other_territory, name="Culture", slug="culture")
    with pytest.raises(EventFieldError) as error:
        make_event(themes=[theme])
    assert error.value.field == "themes"


def test_paid_event_keeps_its_price_and_a_free_one_drops_it(make_event):
    paid = make_event(is_free=False, price=Decimal("12.50"), price_text="Gratuit pour les enfants")
    assert (paid.price, paid.price_text) == (Decimal("12.50"), "Gratuit pour les enfants")
    free = make_event(title="Balade", is_free=True, price=Decimal("3"))
    assert free.price is None


def test_slugs_are_unique_and_avoid_the_agenda_words(make_event):
    assert make_event(title="Carte").slug == "carte-2"
    assert make_event(title="Concert").slug == "concert"
    assert make_event(title="Concert").slug == "concert-2"


def test_weekly_event_materialises_its_dates_until_the_end_date(make_event):
    start = in_days(3, time(18))
    until = paris(start).date() + timedelta(days=21)
    event = make_event(recurrence=Recurrence.WEEKLY, starts_at=start, recurrence_until=until)
    dates = list(Occurrence.objects.filter(event=event).values_list("starts_at", flat=True))
    assert [paris(d).date() for d in dates] == [
        paris(start).date() + timedelta(days=7 * n) for n in range(4)
    ]
    assert all(paris(d).hour == 18 for d in dates)
    assert event.rrule.startswith("FREQ=WEEKLY;BYDAY=")


def test_monthly_event_without_end_covers_a_year(make_event):
    event = make_event(recurrence=Recurrence.MONTHLY, starts_at=in_days(2))
    count = Occurrence.objects.filter(event=event).count()
    assert 12 <= count <= 13
    assert "UNTIL" not in event.rrule


def test_changing_the_time_moves_the_dates_and_keeps_registrations(make_event, admin, member):
    event = make_event(
        recurrence=Recurrence.WEEKLY,
        starts_at=in_days(3, time(18)),
        recurrence_until=paris(in_days(3)).date() + timedelta(days=14),
        registration_enabled=True,
        capacity=10,
    )
    first = Occurrence.objects.filter(event=event).order_by("starts_at")[0]
    registration = registration_create(occurrence=first, user=member)
    data = event_data(
        event.territory,
        title=event.title,
        starts_at=in_days(3, time(19)),
        ends_at=in_days(3, time(21)),
        recurrence=Recurrence.WEEKLY,
        recurrence_until=event.recurrence_until,
        registration_enabled=True,
        capacity=10,
    )
    event = event_update(event=event, by=admin, data=data)
    assert event.sequence == 1
    first.refresh_from_db()
    assert first.starts_at == in_days(3, time(19))
    registration.refresh_from_db()
    assert registration.occurrence_id == first.pk
    assert registration.status == "confirmed"
    notice = Notification.objects.get(user=member)
    assert notice.kind == "event"
    assert event.title in notice.title


def test_a_date_removed_from_the_rule_is_cancelled_when_people_registered(
    make_event, admin, member
):
    start = in_days(3, time(18))
    event = make_event(
        recurrence=Recurrence.WEEKLY,
        starts_at=start,
        recurrence_until=paris(start).date() + timedelta(days=14),
        registration_enabled=True,
        capacity=5,
    )
    last = Occurrence.objects.filter(event=event).order_by("-starts_at")[0]
    registration_create(occurrence=last, user=member)
    data = event_data(
        event.territory,
        title=event.title,
        starts_at=start,
        recurrence=Recurrence.WEEKLY,
        recurrence_until=paris(start).date() + timedelta(days=7),
        registration_enabled=True,
        capacity=5,
    )
    event_update(event=event, by=admin, data=data)
    last.refresh_from_db()
    assert last.is_cancelled
    assert Registration.objects.get(occurrence=last).status == "cancelled"
    assert Occurrence.objects.filter(event=event, is_cancelled=False).count() == 2
    assert Notification.objects.filter(user=member, kind="event").count() == 1


def test_capacity_cannot_drop_below_the_seats_taken(make_event, admin, make_member, territory):
    event = make_event(registration_enabled=True, capacity=3)
    occurrence = Occurrence.objects.get(event=event)
    for n in range(2):
        registration_create(
            occurrence=occurrence, user=make_member(territory, email=f"p{n}@apt.test")
        )
    data = event_data(
        territory,
        title=event.title,
        starts_at=event.starts_at,
        registration_enabled=True,
        capacity=1,
    )
    with pytest.raises(EventFieldError) as error:
        event_update(event=event, by=admin, data=data)
    assert error.value.field == "capacity"
    event.refresh_from_db()
    assert event.capacity == 3
    assert event.sequence == 0


def test_only_authors_organisers_and_moderators_edit(
    make_event, member, make_member, moderator, territory
):
    event = make_event(by=member)
    stranger = make_member(territory, email="voisin@apt.test")
    data = event_data(territory, title="Nouveau titre", starts_at=event.starts_at)
    with pytest.raises(PermissionDeniedError):
        event_update(event=event, by=stranger, data=data)
    event.refresh_from_db()
    assert event.title == "Concert de la chorale"
    assert event_update(event=event, by=member, data=data).title == "Nouveau titre"
    data.title = "Titre du modérateur"
    assert event_update(event=event, by=moderator, data=data).title == "Titre du modérateur"


def test_editing_keeps_a_past_start_but_a_new_event_cannot_start_in_the_past(
    make_event, admin, territory
):
    event = make_event()
    past = timezone.now() - timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(starts_at=past, ends_at=past + timedelta(days=5))
    event.refresh_from_db()
    data = event_data(
        territory, title="Exposition", starts_at=past, ends_at=past + timedelta(days=6)
    )
    assert event_update(event=event, by=admin, data=data).title == "Exposition"


def test_extending_the_horizon_adds_the_new_dates(make_event):
    event = make_event(recurrence=Recurrence.WEEKLY, starts_at=in_days(1))
    before = Occurrence.objects.filter(event=event).count()
    occurrences_sync(event=event, now=timezone.now() + timedelta(days=30))
    assert Occurrence.objects.filter(event=event).count() > before


def test_moderators_publish_directly(make_event, moderator):
    assert make_event(by=moderator).visibility == Visibility.PUBLISHED
