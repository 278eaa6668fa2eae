"""Volunteering's share of the data export and of the account erasure."""

from decimal import Decimal

import pytest

from pmvt.accounts.personal_data import HANDLERS
from pmvt.core.seats import SeatStatus
from pmvt.volunteering.models import Signup
from pmvt.volunteering.services.signups import signup_create
from pmvt.volunteering.tests.conftest import first_session

pytestmark = pytest.mark.django_db


def test_exports_the_signups_with_hours(make_mission, member):
    session = first_session(make_mission(capacity=1))
    signup = signup_create(session=session, user=member)
    Signup.objects.filter(pk=signup.pk).update(attended=True, hours=Decimal("2.5"))

    exported = HANDLERS["volunteering"].export(member)

    assert exported["signups"][0]["mission"] == "Distribution de l'épicerie solidaire"
    assert exported["signups"][0]["hours"] == "2.50"


def test_erasure_frees_the_place_without_promoting(make_mission, member, make_member, territory):
    session = first_session(make_mission(capacity=1))
    signup_create(session=session, user=member)
    waiting = make_member(territory, email="attente@apt.test")
    signup_create(session=session, user=waiting)

    HANDLERS["volunteering"].erase(member)

    session.refresh_from_db()
    assert not Signup.objects.filter(user=member).exists()
    assert (session.confirmed_count, session.waiting_count) == (0, 1)
    assert Signup.objects.get(user=waiting).status == SeatStatus.WAITING
