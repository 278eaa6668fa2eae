"""Every access helper of volunteering, allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.core.exceptions import PermissionDeniedError
from pmvt.volunteering.access import (
    access_mission_as_organiser,
    access_missions_as_organiser,
    access_sign_up,
    access_signup_cancel,
    can_actor_organise,
    can_manage_mission,
    can_organise,
    can_sign_up,
    can_view_mission,
)
from pmvt.volunteering.models import Session, Signup
from pmvt.volunteering.services.signups import signup_create
from pmvt.volunteering.tests.conftest import first_session

pytestmark = pytest.mark.django_db
ANON = AnonymousUser()


def test_organising_an_actor_s_missions(territory, other_territory, organiser, member, admin):
    user, actor = organiser
    assert can_organise(user=user, territory=territory, actor=actor)
    access_missions_as_organiser(user=user, territory=territory, actor=actor)
    for denied in (member, admin, ANON):
        assert not can_organise(user=denied, territory=territory, actor=actor)
        with pytest.raises(PermissionDeniedError):
            access_missions_as_organiser(user=denied, territory=territory, actor=actor)
    assert not can_organise(user=user, territory=other_territory, actor=actor)


def test_the_operator_may_organise_any_actor_s_missions(territory, organiser, operator):
    assert can_organise(user=operator, territory=territory, actor=organiser[1])


def test_organising_the_collectivite_s_missions(territory, admin, member, organiser, other_admin):
    assert can_organise(user=admin, territory=territory, actor=None)
    access_missions_as_organiser(user=admin, territory=territory, actor=None)
    for denied in (member, organiser[0], other_admin, ANON):
        with pytest.raises(PermissionDeniedError):
            access_missions_as_organiser(user=denied, territory=territory, actor=None)


def test_only_verified_associations_and_public_bodies_organise(make_organiser, territory):
    _u, association = make_organiser(territory)
    _u, public = make_organiser(territory, kind="public")
    pending_user, pending = make_organiser(territory, verified=False)
    _u, shop = make_organiser(territory, kind="business")
    assert can_actor_organise(association)
    assert can_actor_organise(public)
    assert not can_actor_organise(pending)
    assert not can_actor_organise(shop)
    with pytest.raises(PermissionDeniedError, match="vérifiés"):
        access_missions_as_organiser(user=pending_user, territory=territory, actor=pending)


def test_managing_and_viewing_a_mission(make_mission, organiser, member):
    draft = make_mission(publish=False)
    published = make_mission(title="Publiée")
    assert can_manage_mission(user=organiser[0], mission=draft)
    access_mission_as_organiser(user=organiser[0], mission=draft)
    assert not can_manage_mission(user=member, mission=draft)
    with pytest.raises(PermissionDeniedError):
        access_mission_as_organiser(user=member, mission=draft)
    assert can_view_mission(user=organiser[0], mission=draft)
    assert not can_view_mission(user=member, mission=draft)
    assert not can_view_mission(user=ANON, mission=draft)
    assert can_view_mission(user=ANON, mission=published)


def test_signing_up(make_mission, member, other_admin, operator):
    session = first_session(make_mission())
    assert can_sign_up(user=member, session=session)
    access_sign_up(user=member, session=session)
    assert can_sign_up(user=operator, session=session)
    assert not can_sign_up(user=ANON, session=session)
    with pytest.raises(PermissionDeniedError, match="Rejoignez"):
        access_sign_up(user=other_admin, session=session)
    Session.objects.filter(pk=session.pk).update(is_cancelled=True)
    session.refresh_from_db()
    with pytest.raises(PermissionDeniedError, match="annulée"):
        access_sign_up(user=member, session=session)


def test_cancelling_a_signup(make_mission, member, make_member, territory):
    session = first_session(make_mission())
    signup = signup_create(session=session, user=member)
    signup = Signup.objects.select_related("session").get(pk=signup.pk)
    access_signup_cancel(user=member, signup=signup)
    for denied in (make_member(territory, email="voisin@apt.test"), ANON):
        with pytest.raises(PermissionDeniedError):
            access_signup_cancel(user=denied, signup=signup)
