"""Every permission rule of the aids area, allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.actors.models import StaffRole
from pmvt.aids.access import (
    access_actor_aids,
    access_aid_profile_as_editor,
    access_aids_as_admin,
    actors_for_aids,
    can_edit_aid_profile,
    can_manage_aids,
    can_view_aid,
    can_view_announcement,
)
from pmvt.aids.services.announcements import announcement_create
from pmvt.aids.tests.conftest import add_staff
from pmvt.core.exceptions import PermissionDeniedError

ANONYMOUS = AnonymousUser()


# --- managing aids and announcements ----------------------------------------------------------


def test_admins_and_the_operator_manage_aids(territory, admin, operator):
    access_aids_as_admin(user=admin, territory=territory)
    access_aids_as_admin(user=operator, territory=territory)
    assert can_manage_aids(user=admin, territory=territory)


def test_visitors_members_moderators_and_other_admins_do_not_manage_aids(
    territory, member, moderator, other_admin
):
    with pytest.raises(PermissionDeniedError, match="Connectez-vous"):
        access_aids_as_admin(user=ANONYMOUS, territory=territory)
    for user in (member, moderator, other_admin):
        with pytest.raises(PermissionDeniedError, match="Seuls les administrateurs"):
            access_aids_as_admin(user=user, territory=territory)
        assert not can_manage_aids(user=user, territory=territory)


# --- reading ----------------------------------------------------------------------------------


def test_everyone_reads_a_published_aid(make_aid, member):
    aid = make_aid()

    assert can_view_aid(user=ANONYMOUS, aid=aid)
    assert can_view_aid(user=member, aid=aid)


def test_only_admins_read_an_unpublished_aid(make_aid, admin, member, other_admin, operator):
    aid = make_aid(is_published=False)

    assert can_view_aid(user=admin, aid=aid)
    assert can_view_aid(user=operator, aid=aid)
    assert not can_view_aid(user=ANONYMOUS, aid=aid)
    assert not can_view_aid(user=member, aid=aid)
    assert not can_view_aid(user=other_admin, aid=aid)


def test_a_draft_announcement_is_for_admins_only(territory, admin, member):
    draft = announcement_create(territory=territory, by=admin, title="T", body="B")
    published = announcement_create(
        territory=territory, by=admin, title="P", body="B", publish=True
    )

    assert can_view_announcement(user=admin, announcement=draft)
    assert not can_view_announcement(user=member, announcement=draft)
    assert not can_view_announcement(user=ANONYMOUS, announcement=draft)
    assert can_view_announcement(user=ANONYMOUS, announcement=published)


# --- an actor's aids --------------------------------------------------------------------------


def test_the_team_of_a_verified_actor_sees_its_aids(make_actor, make_user, operator):
    actor = make_actor()
    employee = make_user("vendeuse@fournil.test")
    add_staff(actor, employee, StaffRole.STAFF)

    access_actor_aids(user=actor.staff.get(role=StaffRole.OWNER).user, actor=actor)
    access_actor_aids(user=employee, actor=actor)
    access_actor_aids(user=operator, actor=actor)


def test_strangers_do_not_see_an_actors_aids(make_actor, member, admin):
    actor = make_actor()

    with pytest.raises(PermissionDeniedError, match="Connectez-vous"):
        access_actor_aids(user=ANONYMOUS, actor=actor)
    for user in (member, admin):
        with pytest.raises(PermissionDeniedError, match="Seule l'équipe"):
            access_actor_aids(user=user, actor=actor)


def test_a_pending_actor_sees_no_aids_until_verified(make_actor, territory):
    actor = make_actor(verified=False)
    owner = actor.staff.get().user

    with pytest.raises(PermissionDeniedError, match="une fois votre activité vérifiée"):
        access_actor_aids(user=owner, actor=actor)
    assert actors_for_aids(user=owner, territory=territory) == []


def test_actors_for_aids_are_the_users_verified_actors(make_actor, territory, make_user):
    person = make_user("elodie@fournil.test")
    bakery = make_actor("Boulangerie", owner=person)
    make_actor("Pâtisserie en attente", owner=person, verified=False)
    make_actor("Autre boulangerie")

    assert actors_for_aids(user=person, territory=territory) == [bakery]
    assert actors_for_aids(user=ANONYMOUS, territory=territory) == []


def test_actors_of_another_territory_are_not_listed(
    make_actor, territory, other_territory, make_user
):
    person = make_user("elodie@fournil.test")
    make_actor("Boulangerie de Thann", owner=person, in_territory=other_territory)

    assert actors_for_aids(user=person, territory=territory) == []


# --- the actor's headcount --------------------------------------------------------------------


def test_owners_managers_and_the_operator_tell_the_headcount(make_actor, make_user, operator):
    actor = make_actor()
    manager = make_user("gerante@fournil.test")
    add_staff(actor, manager, StaffRole.MANAGER)

    for user in (actor.staff.get(role=StaffRole.OWNER).user, manager, operator):
        access_aid_profile_as_editor(user=user, actor=actor)
        assert can_edit_aid_profile(user=user, actor=actor)


def test_staff_strangers_and_visitors_do_not_tell_the_headcount(make_actor, make_user, admin):
    actor = make_actor()
    employee = make_user("vendeuse@fournil.test")
    add_staff(actor, employee, StaffRole.STAFF)

    with pytest.raises(PermissionDeniedError, match="Connectez-vous"):
        access_aid_profile_as_editor(user=ANONYMOUS, actor=actor)
    for user in (employee, admin):
        with pytest.raises(PermissionDeniedError, match="responsables et gérants"):
            access_aid_profile_as_editor(user=user, actor=actor)
        assert not can_edit_aid_profile(user=user, actor=actor)
