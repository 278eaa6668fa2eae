"""Registering to a date, the waiting list, cancelling (pmvt.agenda.services.registrations)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from pmvt.agenda.errors import AgendaErrorCode
from pmvt.agenda.models import Event, Occurrence, Registration, RegistrationStatus
from pmvt.agenda.services.registrations import registration_cancel, registration_create
from pmvt.community.models import Visibility
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.models import Notification


@pytest.fixture
def workshop(make_event):
    """A senior workshop: 2 seats and a waiting list."""
    event = make_event(
        title="Atelier numérique seniors", registration_enabled=True, capacity=2, waiting_list=True
    )
    return Occurrence.objects.get(event=event)


@pytest.fixture
def people(make_member, territory):
    return [make_member(territory, email=f"personne{n}@apt.test") for n in range(4)]


def statuses(occurrence):
    return list(
        Registration.objects.filter(occurrence=occurrence)
        .order_by("pk")
        .values_list("user__email", "status")
    )


def test_confirms_while_seats_remain_then_puts_people_on_the_waiting_list(
    workshop, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        results = [registration_create(occurrence=workshop, user=p) for p in people[:3]]
    assert [r.status for r in results] == ["confirmed", "confirmed", "waiting"]
    workshop.refresh_from_db()
    assert (workshop.confirmed_count, workshop.waiting_count) == (2, 1)
    assert [m.to for m in mail.outbox] == [[p.email] for p in people[:3]]
    assert "Inscription confirmée" in mail.outbox[0].subject
    assert "Atelier numérique seniors" in mail.outbox[0].body
    assert "liste d'attente" in mail.outbox[2].subject.lower()


def test_refuses_when_full_without_waiting_list(make_event, people):
    event = make_event(registration_enabled=True, capacity=1)
    occurrence = Occurrence.objects.get(event=event)
    registration_create(occurrence=occurrence, user=people[0])
    with pytest.raises(ApplicationError) as error:
        registration_create(occurrence=occurrence, user=people[1])
    assert error.value.code == AgendaErrorCode.FULL
    assert Registration.objects.filter(occurrence=occurrence).count() == 1


def test_refuses_a_second_registration_of_the_same_person(workshop, people):
    registration_create(occurrence=workshop, user=people[0])
    with pytest.raises(ApplicationError) as error:
        registration_create(occurrence=workshop, user=people[0])
    assert error.value.code == AgendaErrorCode.ALREADY_REGISTERED
    workshop.refresh_from_db()
    assert workshop.confirmed_count == 1


def test_database_allows_one_active_registration_per_person_and_date(workshop, people):
    registration_create(occurrence=workshop, user=people[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            territory=workshop.territory,
            occurrence=workshop,
            user=people[0],
            status=RegistrationStatus.WAITING,
        )


def test_cancelling_a_seat_promotes_the_first_person_waiting_and_tells_them(workshop, people):
    for person in people:
        registration_create(occurrence=workshop, user=person)
    promoted = registration_cancel(occurrence=workshop, user=people[1])
    assert promoted is not None
    assert promoted.user == people[2]
    assert statuses(workshop) == [
        (people[0].email, "confirmed"),
        (people[1].email, "cancelled"),
        (people[2].email, "confirmed"),
        (people[3].email, "waiting"),
    ]
    workshop.refresh_from_db()
    assert (workshop.confirmed_count, workshop.waiting_count) == (2, 1)
    notice = Notification.objects.get(user=people[2])
    assert notice.kind == "event"
    assert "place s'est libérée" in notice.title
    assert notice.url == workshop.event.get_absolute_url()
    assert not Notification.objects.filter(user=people[3]).exists()


def test_leaving_the_waiting_list_promotes_nobody(workshop, people):
    for person in people[:3]:
        registration_create(occurrence=workshop, user=person)
    assert registration_cancel(occurrence=workshop, user=people[2]) is None
    assert not Notification.objects.exists()
    workshop.refresh_from_db()
    assert (workshop.confirmed_count, workshop.waiting_count) == (2, 0)


def test_a_cancelled_person_can_register_again(workshop, people):
    registration_create(occurrence=workshop, user=people[0])
    registration_cancel(occurrence=workshop, user=people[0])
    again = registration_create(occurrence=workshop, user=people[0])
    assert again.status == "confirmed"
    assert Registration.objects.filter(occurrence=workshop, user=people[0]).count() == 2


def test_cancelling_without_a_registration_is_refused(workshop, people):
    with pytest.raises(ApplicationError) as error:
        registration_cancel(occurrence=workshop, user=people[0])
    assert error.value.code == AgendaErrorCode.NOT_REGISTERED


def test_refuses_past_cancelled_unpublished_or_unregistrable_dates(make_event, workshop, people):
    Occurrence.objects.filter(pk=workshop.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(PermissionDeniedError):
        registration_create(occurrence=workshop, user=people[0])
    open_event = make_event(title="Concert")
    with pytest.raises(PermissionDeniedError):
        registration_create(occurrence=open_event.occurrences.get(), user=people[0])
    pending = make_event(title="Atelier en attente", registration_enabled=True, capacity=5)
    Event.objects.filter(pk=pending.pk).update(visibility=Visibility.PENDING)
    with pytest.raises(PermissionDeniedError):
        registration_create(occurrence=pending.occurrences.get(), user=people[0])
    cancelled = make_event(title="Atelier annulé", registration_enabled=True, capacity=5)
    cancelled.occurrences.update(is_cancelled=True)
    with pytest.raises(PermissionDeniedError):
        registration_create(occurrence=cancelled.occurrences.get(), user=people[0])
    assert not Registration.objects.exists()


def test_refuses_people_who_are_not_members_of_the_territory(workshop, make_user, other_admin):
    outsider = make_user("passant@ailleurs.test")
    for user in (outsider, other_admin):
        with pytest.raises(PermissionDeniedError):
            registration_create(occurrence=workshop, user=user)
    assert not Registration.objects.exists()


# --- the organisers call off a date ---------------------------------------------------------


def test_organisers_cancel_a_date_and_the_registrants_are_told(workshop, people, admin):
    from pmvt.agenda.services.occurrences import occurrence_cancel

    occurrence = workshop
    registration_create(occurrence=occurrence, user=people[0])
    sequence = occurrence.event.sequence

    occurrence_cancel(occurrence=occurrence, by=admin)

    occurrence.refresh_from_db()
    assert occurrence.is_cancelled
    assert statuses(occurrence) == [(people[0].email, RegistrationStatus.CANCELLED)]
    assert Notification.objects.filter(user=people[0], kind="event").exists()
    assert Event.objects.get(pk=occurrence.event_id).sequence == sequence + 1
    with pytest.raises(ApplicationError, match="déjà annulée"):
        occurrence_cancel(occurrence=occurrence, by=admin)


def test_only_the_organisers_cancel_a_date(workshop, people):
    from pmvt.agenda.services.occurrences import occurrence_cancel

    occurrence = workshop
    with pytest.raises(PermissionDeniedError):
        occurrence_cancel(occurrence=occurrence, by=people[0])
    occurrence.refresh_from_db()
    assert not occurrence.is_cancelled
