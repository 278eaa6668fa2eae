"""Sign up, waiting list, cancellation and promotion, through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.seats import SeatStatus
from pmvt.notifications.models import Notification
from pmvt.volunteering.models import Session, Signup
from pmvt.volunteering.services.missions import mission_cancel
from pmvt.volunteering.services.sessions import session_cancel, session_set_capacity
from pmvt.volunteering.services.signups import signup_cancel, signup_create
from pmvt.volunteering.tests.conftest import first_session

pytestmark = pytest.mark.django_db


def test_signs_up_with_confirmation_email_and_notification(
    make_mission, member, django_capture_on_commit_callbacks
):
    session = first_session(make_mission())

    with django_capture_on_commit_callbacks(execute=True):
        signup = signup_create(session=session, user=member)

    session.refresh_from_db()
    assert signup.status == SeatStatus.CONFIRMED
    assert (session.confirmed_count, session.waiting_count) == (1, 0)
    assert [m.subject for m in mail.outbox] == [
        "Inscription confirmée : Distribution de l'épicerie solidaire"
    ]
    assert Notification.objects.filter(user=member, kind="volunteering").count() == 1


def test_puts_people_on_the_waiting_list_in_order_when_full(make_mission, make_member, territory):
    session = first_session(make_mission(capacity=1))
    people = [make_member(territory, email=f"b{n}@apt.test") for n in range(3)]

    statuses = [signup_create(session=session, user=p).status for p in people]

    session.refresh_from_db()
    assert statuses == [SeatStatus.CONFIRMED, SeatStatus.WAITING, SeatStatus.WAITING]
    assert (session.confirmed_count, session.waiting_count) == (1, 2)


def test_cancelling_a_seat_promotes_the_first_person_waiting_who_is_told(
    make_mission, make_member, territory
):
    session = first_session(make_mission(capacity=1))
    first, second, third = (make_member(territory, email=f"c{n}@apt.test") for n in range(3))
    for person in (first, second, third):
        signup_create(session=session, user=person)

    promoted = signup_cancel(session=session, user=first)

    session.refresh_from_db()
    assert promoted is not None and promoted.user == second
    assert Signup.objects.get(session=session, user=third).status == SeatStatus.WAITING
    assert (session.confirmed_count, session.waiting_count) == (1, 1)
    assert Notification.objects.filter(
        user=second, kind="volunteering", title__startswith="Une place s'est libérée"
    ).exists()


def test_cancelling_a_waiting_place_promotes_nobody(make_mission, make_member, territory):
    session = first_session(make_mission(capacity=1))
    first, second = (make_member(territory, email=f"d{n}@apt.test") for n in range(2))
    signup_create(session=session, user=first)
    signup_create(session=session, user=second)

    assert signup_cancel(session=session, user=second) is None

    session.refresh_from_db()
    assert (session.confirmed_count, session.waiting_count) == (1, 0)


def test_refuses_signing_twice_and_changes_nothing(make_mission, member):
    session = first_session(make_mission())
    signup_create(session=session, user=member)

    with pytest.raises(ApplicationError, match="déjà inscrit"):
        signup_create(session=session, user=member)

    session.refresh_from_db()
    assert session.confirmed_count == 1
    assert Signup.objects.filter(session=session).count() == 1


def test_may_sign_up_again_after_cancelling(make_mission, member):
    session = first_session(make_mission())
    signup_create(session=session, user=member)
    signup_cancel(session=session, user=member)

    again = signup_create(session=session, user=member)

    assert again.status == SeatStatus.CONFIRMED
    assert Signup.objects.filter(session=session, user=member).count() == 2


def test_refuses_a_cancelled_date(make_mission, member, organiser):
    session = first_session(make_mission())
    session_cancel(session=session, by=organiser[0])
    session.refresh_from_db()

    with pytest.raises(PermissionDeniedError, match="annulée"):
        signup_create(session=session, user=member)
    assert not Signup.objects.exists()


def test_refuses_a_past_date(make_mission, member):
    session = first_session(make_mission())
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    session.refresh_from_db()

    with pytest.raises(PermissionDeniedError, match="passée"):
        signup_create(session=session, user=member)
    assert not Signup.objects.exists()


def test_refuses_a_draft_mission_and_non_members(make_mission, member, other_admin):
    draft = first_session(make_mission(publish=False))
    with pytest.raises(PermissionDeniedError):
        signup_create(session=draft, user=member)
    published = first_session(make_mission(title="Autre mission"))
    with pytest.raises(PermissionDeniedError, match="Rejoignez"):
        signup_create(session=published, user=other_admin)
    assert not Signup.objects.exists()


def test_cancel_without_a_signup_is_refused(make_mission, member):
    session = first_session(make_mission())
    with pytest.raises(ApplicationError, match="pas inscrit"):
        signup_cancel(session=session, user=member)


def test_cancelling_a_date_cancels_its_signups_and_tells_them(make_mission, member, organiser):
    session = first_session(make_mission())
    signup_create(session=session, user=member)

    session_cancel(session=session, by=organiser[0])

    session.refresh_from_db()
    assert session.is_cancelled and session.confirmed_count == 0
    assert Signup.objects.get(user=member).status == SeatStatus.CANCELLED
    assert Notification.objects.filter(user=member, title__contains="est annulée").exists()


def test_cancelling_the_mission_cancels_its_future_dates(make_mission, member, organiser):
    mission = make_mission()
    signup_create(session=first_session(mission), user=member)

    mission_cancel(mission=mission, by=organiser[0])

    assert mission.status == "cancelled"
    assert Session.objects.filter(mission=mission, is_cancelled=False).count() == 0
    assert Signup.objects.get(user=member).status == SeatStatus.CANCELLED


def test_more_places_go_to_the_people_waiting(make_mission, make_member, territory, organiser):
    session = first_session(make_mission(capacity=1))
    people = [make_member(territory, email=f"e{n}@apt.test") for n in range(3)]
    for person in people:
        signup_create(session=session, user=person)

    session_set_capacity(session=session, by=organiser[0], capacity=2)

    session.refresh_from_db()
    assert (session.capacity, session.confirmed_count, session.waiting_count) == (2, 2, 1)
    assert Signup.objects.get(user=people[1]).status == SeatStatus.CONFIRMED


def test_refuses_fewer_places_than_seats_given(make_mission, make_member, territory, organiser):
    session = first_session(make_mission(capacity=2))
    for n in range(2):
        signup_create(session=session, user=make_member(territory, email=f"f{n}@apt.test"))

    with pytest.raises(ApplicationError, match="déjà inscrites"):
        session_set_capacity(session=session, by=organiser[0], capacity=1)
    session.refresh_from_db()
    assert session.capacity == 2


def test_database_refuses_overbooking(make_mission):
    from django.db import IntegrityError, transaction

    session = first_session(make_mission(capacity=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(confirmed_count=2)
