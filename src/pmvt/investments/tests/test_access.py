"""Every permission rule of the investments area, allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.accounts.models import Role
from pmvt.actors.models import StaffRole
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.investments.access import (
    access_actor_call_create,
    access_actor_calls,
    access_call_as_editor,
    access_call_pledges,
    access_calls_as_reviewer,
    access_pledge_as_member,
    can_edit_call,
    can_view_call,
    can_view_pledge,
    can_view_pledges,
)
from pmvt.investments.tests.conftest import add_staff, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor_call(make_call, bakery):
    return make_call(bakery)


@pytest.fixture
def own_call(make_call):
    """A call of the collectivité."""
    return make_call(None, title="Toit solaire citoyen")


def test_holder_staff_of_any_role_sees_pledges_editors_edit(actor_call, bakery, make_user):
    staff = make_user("vendeur@invest.test")
    manager = make_user("gerant@invest.test")
    add_staff(bakery, staff, StaffRole.STAFF)
    add_staff(bakery, manager, StaffRole.MANAGER)

    assert can_view_pledges(user=owner_of(bakery), call=actor_call)
    assert can_view_pledges(user=staff, call=actor_call)
    assert can_edit_call(user=manager, call=actor_call)
    assert can_edit_call(user=owner_of(bakery), call=actor_call)
    assert not can_edit_call(user=staff, call=actor_call)
    access_call_pledges(user=staff, call=actor_call)
    with pytest.raises(PermissionDeniedError):
        access_call_as_editor(user=staff, call=actor_call)


def test_nobody_else_sees_an_actors_pledges(
    actor_call, make_actor, member, admin, other_admin, operator, make_member, territory
):
    other_actor = make_actor("Fromagerie du Luberon")
    moderator = make_member(territory, Role.MODERATOR)
    for user in (
        AnonymousUser(),
        member,
        owner_of(other_actor),  # Staff of another actor.
        admin,  # The territory's admin approves the call, but the pledges stay private.
        other_admin,
        moderator,
        operator,
    ):
        assert not can_view_pledges(user=user, call=actor_call), user
        with pytest.raises(PermissionDeniedError):
            access_call_pledges(user=user, call=actor_call)
        with pytest.raises(PermissionDeniedError):
            access_call_as_editor(user=user, call=actor_call)


def test_the_collectivites_pledges_are_for_its_admins(own_call, admin, other_admin, member):
    assert can_view_pledges(user=admin, call=own_call)
    assert can_edit_call(user=admin, call=own_call)
    for user in (AnonymousUser(), member, other_admin):
        assert not can_view_pledges(user=user, call=own_call)
        assert not can_edit_call(user=user, call=own_call)


def test_a_suspended_actor_no_longer_edits_its_call(actor_call, bakery, operator):
    from pmvt.actors.services.actors import actor_suspend

    actor_suspend(actor=bakery, by=operator, reason="Fermé.")
    actor_call.actor.refresh_from_db()

    assert not can_edit_call(user=owner_of(bakery), call=actor_call)


def test_reviewers_are_the_territorys_admins(territory, admin, other_admin, member, operator):
    access_calls_as_reviewer(user=admin, territory=territory)
    access_calls_as_reviewer(user=operator, territory=territory)
    for user in (AnonymousUser(), member, other_admin):
        with pytest.raises(PermissionDeniedError):
            access_calls_as_reviewer(user=user, territory=territory)


def test_actor_calls_are_for_its_team_and_created_by_editors_of_a_verified_actor(
    bakery, make_actor, make_user, member
):
    staff = make_user("vendeur@invest.test")
    add_staff(bakery, staff, StaffRole.STAFF)
    pending = make_actor("Ferme en attente", verified=False)

    access_actor_calls(user=staff, actor=bakery)
    access_actor_call_create(user=owner_of(bakery), actor=bakery)
    access_actor_calls(user=owner_of(pending), actor=pending)
    with pytest.raises(PermissionDeniedError):
        access_actor_call_create(user=staff, actor=bakery)
    with pytest.raises(PermissionDeniedError):
        access_actor_call_create(user=owner_of(pending), actor=pending)
    for user in (AnonymousUser(), member):
        with pytest.raises(PermissionDeniedError):
            access_actor_calls(user=user, actor=bakery)


def test_a_draft_is_seen_by_its_holder_and_reviewers_only(make_call, bakery, admin, member):
    draft = make_call(bakery, status="draft")
    published = make_call(bakery, title="Autre projet")

    assert can_view_call(user=owner_of(bakery), call=draft)
    assert can_view_call(user=admin, call=draft)
    assert not can_view_call(user=member, call=draft)
    assert not can_view_call(user=AnonymousUser(), call=draft)
    assert can_view_call(user=AnonymousUser(), call=published)


def test_pledging_needs_a_member_of_the_territory(actor_call, member, other_admin):
    access_pledge_as_member(user=member, call=actor_call)
    for user in (AnonymousUser(), other_admin):
        with pytest.raises(PermissionDeniedError):
            access_pledge_as_member(user=user, call=actor_call)


def test_a_pledge_is_seen_by_its_pledger_and_the_holder(
    actor_call, bakery, member, make_member, territory, make_pledge, admin
):
    pledge = make_pledge(actor_call, member)
    other = make_member(territory)

    assert can_view_pledge(user=member, pledge=pledge)
    assert can_view_pledge(user=owner_of(bakery), pledge=pledge)
    for user in (other, admin, AnonymousUser()):
        assert not can_view_pledge(user=user, pledge=pledge)
