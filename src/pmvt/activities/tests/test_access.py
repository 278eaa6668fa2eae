"""Every access helper of activities, allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.activities.access import (
    access_activities_as_organiser,
    access_activity_as_organiser,
    access_register,
    access_registration_cancel,
    can_actor_organise,
    can_manage_activity,
    can_organise,
    can_register,
    can_view_activity,
)
from pmvt.activities.models import Registration
from pmvt.activities.services.registrations import registration_create
from pmvt.activities.tests.conftest import first_session
from pmvt.core.exceptions import PermissionDeniedError

pytestmark = pytest.mark.django_db
ANON = AnonymousUser()


def test_organising(territory, other_territory, organiser, member, admin, operator):
    user, actor = organiser
    assert can_organise(user=user, territory=territory, actor=actor)
    access_activities_as_organiser(user=user, territory=territory, actor=actor)
    assert can_organise(user=operator, territory=territory, actor=actor)
    for denied in (member, admin, ANON):
        with pytest.raises(PermissionDeniedError):
            access_activities_as_organiser(user=denied, territory=territory, actor=actor)
    assert not can_organise(user=user, territory=other_territory, actor=actor)
    access_activities_as_organiser(user=admin, territory=territory, actor=None)
    with pytest.raises(PermissionDeniedError):
        access_activities_as_organiser(user=user, territory=territory, actor=None)


def test_any_verified_actor_organises(make_organiser, territory):
    _u, shop = make_organiser(territory)
    pending_user, pending = make_organiser(territory, verified=False)
    assert can_actor_organise(shop)
    assert not can_actor_organise(pending)
    with pytest.raises(PermissionDeniedError, match="vérifiés"):
        access_activities_as_organiser(user=pending_user, territory=territory, actor=pending)


def test_managing_and_viewing(make_activity, organiser, member):
    draft = make_activity(publish=False)
    assert can_manage_activity(user=organiser[0], activity=draft)
    access_activity_as_organiser(user=organiser[0], activity=draft)
    assert not can_manage_activity(user=member, activity=draft)
    with pytest.raises(PermissionDeniedError):
        access_activity_as_organiser(user=member, activity=draft)
    assert can_view_activity(user=organiser[0], activity=draft)
    assert not can_view_activity(user=ANON, activity=draft)
    assert can_view_activity(user=ANON, activity=make_activity(title="Publiée"))


def test_registering_and_cancelling(make_activity, member, other_admin, make_member, territory):
    session = first_session(make_activity())
    assert can_register(user=member, session=session)
    assert not can_register(user=ANON, session=session)
    with pytest.raises(PermissionDeniedError, match="Rejoignez"):
        access_register(user=other_admin, session=session)
    access_register(user=member, session=session)
    registration = registration_create(session=session, user=member)
    registration = Registration.objects.select_related("session").get(pk=registration.pk)
    access_registration_cancel(user=member, registration=registration)
    with pytest.raises(PermissionDeniedError):
        access_registration_cancel(
            user=make_member(territory, email="voisin@apt.test"), registration=registration
        )
