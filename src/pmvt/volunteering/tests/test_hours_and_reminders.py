"""Attendance and hours given after a date; the reminder of the day before."""

from datetime import time, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from pmvt.agenda.recurrence import paris
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.volunteering.models import Session, Signup
from pmvt.volunteering.selectors import hours_total
from pmvt.volunteering.services.hours import signup_record_attendance
from pmvt.volunteering.services.reminders import send_reminders
from pmvt.volunteering.services.signups import signup_create
from pmvt.volunteering.tests.conftest import first_session, in_days

pytestmark = pytest.mark.django_db


def _started(session: Session, hours: int = 3) -> Session:
    """Move the date to the past (after the sign-ups): it started an hour ago."""
    start = timezone.now() - timedelta(hours=1)
    Session.objects.filter(pk=session.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=hours)
    )
    session.refresh_from_db()
    return session


@pytest.fixture
def done(make_mission, member):
    """A 3-hour date that started, with the member signed up."""
    session = first_session(make_mission())
    signup = signup_create(session=session, user=member)
    _started(session)
    return Signup.objects.select_related("session__mission").get(pk=signup.pk)


def test_records_hours_and_totals_them(done, organiser, territory):
    signup_record_attendance(signup=done, by=organiser[0], attended=True, hours=Decimal("2.5"))

    done.refresh_from_db()
    assert (done.attended, done.hours, done.hours_recorded_by) == (
        True,
        Decimal("2.50"),
        organiser[0],
    )
    mission = done.session.mission
    assert hours_total(territory=territory, mission=mission) == Decimal("2.50")
    assert hours_total(territory=territory, organiser=organiser[1]) == Decimal("2.50")
    assert hours_total(territory=territory, collectivite=True) == Decimal("0.00")
    day = paris(done.session.starts_at).date()
    assert hours_total(territory=territory, since=day, until=day) == Decimal("2.50")
    assert hours_total(territory=territory, since=day + timedelta(days=1)) == Decimal("0.00")


def test_marks_absent_without_hours(done, organiser):
    signup_record_attendance(signup=done, by=organiser[0], attended=False, hours=None)
    done.refresh_from_db()
    assert (done.attended, done.hours) == (False, None)


@pytest.mark.parametrize(
    ("attended", "hours", "message"),
    [
        (True, Decimal("0"), "positif"),
        (True, Decimal("-1"), "positif"),
        (True, Decimal("5.01"), "au plus 5 heures"),
        (False, Decimal("1"), "absente"),
    ],
)
def test_refuses_bad_hours_and_changes_nothing(done, organiser, attended, hours, message):
    with pytest.raises(ApplicationError, match=message):
        signup_record_attendance(signup=done, by=organiser[0], attended=attended, hours=hours)
    done.refresh_from_db()
    assert (done.attended, done.hours) == (None, None)


def test_refuses_hours_before_the_date(make_mission, member, organiser):
    signup = signup_create(session=first_session(make_mission()), user=member)
    with pytest.raises(ApplicationError, match="commencée"):
        signup_record_attendance(signup=signup, by=organiser[0], attended=True, hours=Decimal(1))


def test_only_the_organiser_records_hours(done, member, make_organiser, territory):
    other, _actor = make_organiser(territory, email="autre@benevolat.test")
    for user in (member, other):
        with pytest.raises(PermissionDeniedError):
            signup_record_attendance(signup=done, by=user, attended=True, hours=Decimal(1))
    done.refresh_from_db()
    assert done.hours is None


def test_reminds_tomorrow_s_volunteers_once(
    make_mission, member, make_member, territory, django_capture_on_commit_callbacks
):
    tomorrow = first_session(make_mission(days=1))
    later = first_session(make_mission(days=3, title="Plus tard"))
    signup_create(session=tomorrow, user=member, send_email=False)
    signup_create(session=later, user=member, send_email=False)
    waiting_person = make_member(territory, email="attente@apt.test")

    with django_capture_on_commit_callbacks(execute=True):
        first = send_reminders()
        second = send_reminders()
        call_command("volunteering_send_reminders", stdout=StringIO())

    assert (first, second) == (1, 0)
    assert [m.subject for m in mail.outbox] == [
        "Rappel : demain, Distribution de l'épicerie solidaire"
    ]
    assert mail.outbox[0].to == [member.email]
    assert Signup.objects.get(session=tomorrow).reminded_at is not None
    assert Signup.objects.get(session=later).reminded_at is None
    assert waiting_person.email not in [m.to[0] for m in mail.outbox]


def test_no_reminder_for_a_cancelled_signup(make_mission, member):
    from pmvt.volunteering.services.signups import signup_cancel

    session = first_session(make_mission(days=1))
    signup_create(session=session, user=member, send_email=False)
    signup_cancel(session=session, user=member)

    assert send_reminders() == 0


def test_in_days_is_a_paris_morning():
    assert in_days(1, time(9)).hour == 9
