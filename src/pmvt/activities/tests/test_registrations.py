"""Register (oneself or a relative), waiting list, cancellation, promotion, reminders."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from pmvt.activities.models import Activity, Registration, Session
from pmvt.activities.services.activities import activity_create
from pmvt.activities.services.registrations import registration_cancel, registration_create
from pmvt.activities.services.reminders import send_reminders
from pmvt.activities.services.sessions import session_cancel
from pmvt.activities.tests.conftest import activity_data, first_session
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.seats import SeatStatus
from pmvt.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_registers_oneself_and_a_relative_one_seat_each(
    make_activity, member, django_capture_on_commit_callbacks
):
    session = first_session(make_activity(capacity=2))

    with django_capture_on_commit_callbacks(execute=True):
        me = registration_create(session=session, user=member)
        mum = registration_create(
            session=session, user=member, participant_name="  Jeanne  Martin "
        )

    session.refresh_from_db()
    assert (me.status, mum.status) == (SeatStatus.CONFIRMED, SeatStatus.CONFIRMED)
    assert mum.participant_name == "Jeanne Martin"
    assert session.confirmed_count == 2
    assert len(mail.outbox) == 2
    assert "Jeanne Martin" in mail.outbox[1].body


def test_refuses_the_same_person_twice(make_activity, member):
    session = first_session(make_activity())
    registration_create(session=session, user=member, participant_name="Jeanne")

    with pytest.raises(ApplicationError, match="Jeanne est déjà inscrit"):
        registration_create(session=session, user=member, participant_name="Jeanne")
    registration_create(session=session, user=member)
    with pytest.raises(ApplicationError, match="déjà inscrit"):
        registration_create(session=session, user=member)
    session.refresh_from_db()
    assert session.confirmed_count == 2


def test_waiting_list_and_promotion_in_order(make_activity, make_member, territory):
    session = first_session(make_activity(capacity=1))
    people = [make_member(territory, email=f"p{n}@apt.test") for n in range(3)]
    registrations = [registration_create(session=session, user=p) for p in people]
    assert [r.status for r in registrations] == ["confirmed", "waiting", "waiting"]

    promoted = registration_cancel(
        session=session, user=people[0], registration_id=registrations[0].pk
    )

    assert promoted is not None and promoted.user == people[1]
    session.refresh_from_db()
    assert (session.confirmed_count, session.waiting_count) == (1, 1)
    assert Notification.objects.filter(user=people[1], kind="activities").exists()


def test_cannot_cancel_someone_else_s_registration(make_activity, member, make_member, territory):
    session = first_session(make_activity())
    registration = registration_create(session=session, user=member)
    other = make_member(territory, email="autre@apt.test")

    with pytest.raises(ApplicationError, match="n'existe pas"):
        registration_cancel(session=session, user=other, registration_id=registration.pk)
    assert Registration.objects.get(pk=registration.pk).status == SeatStatus.CONFIRMED


def test_refuses_past_and_cancelled_sessions(make_activity, member, organiser):
    past = first_session(make_activity())
    Session.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    past.refresh_from_db()
    with pytest.raises(PermissionDeniedError, match="passée"):
        registration_create(session=past, user=member)
    cancelled = first_session(make_activity(title="Randonnée"))
    session_cancel(session=cancelled, by=organiser[0])
    cancelled.refresh_from_db()
    with pytest.raises(PermissionDeniedError, match="annulée"):
        registration_create(session=cancelled, user=member)
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"price": Decimal("-1")}, "négatif"),
        ({"min_age": 12, "max_age": 8}, "âge maximum"),
        ({"kind": "magie"}, "type d'activité"),
        ({"title": "  "}, "titre"),
    ],
)
def test_refuses_bad_activities(territory, organiser, values, message):
    with pytest.raises(ApplicationError, match=message):
        activity_create(
            territory=territory,
            organiser=organiser[1],
            by=organiser[0],
            data=activity_data(territory, **values),
        )
    assert not Activity.objects.exists()


def test_reminders_are_sent_once(make_activity, member, django_capture_on_commit_callbacks):
    session = first_session(make_activity(days=1))
    registration_create(session=session, user=member, participant_name="Léo", send_email=False)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1
        assert send_reminders() == 0

    assert [m.subject for m in mail.outbox] == [
        "Rappel : demain, Atelier tablette pour les seniors"
    ]
    assert "Léo est inscrit demain" in mail.outbox[0].body
