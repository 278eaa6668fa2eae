"""Activities' share of the data export and of the account erasure."""

import pytest

from pmvt.accounts.personal_data import HANDLERS
from pmvt.activities.models import Registration
from pmvt.activities.services.registrations import registration_create
from pmvt.activities.tests.conftest import first_session

pytestmark = pytest.mark.django_db


def test_exports_and_erases_the_registrations(make_activity, member):
    session = first_session(make_activity())
    registration_create(session=session, user=member, participant_name="Jeanne", contact_phone="06")

    exported = HANDLERS["activities"].export(member)
    assert exported["registrations"][0]["participant_name"] == "Jeanne"
    assert exported["registrations"][0]["contact_phone"] == "06"

    HANDLERS["activities"].erase(member)
    session.refresh_from_db()
    assert not Registration.objects.filter(user=member).exists()
    assert session.confirmed_count == 0
