"""Every permission rule of the clubs, allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.accounts.models import Role
from pmvt.clubs.access import (
    access_club_content,
    access_club_join,
    access_club_leave,
    access_club_manage,
    access_club_post,
    access_clubs_as_admin,
    access_resource_remove,
    access_thread,
    access_thread_mark_solved,
    access_thread_reply,
    can_join_club,
    can_manage_club,
    can_mark_solved,
    can_post_in_club,
    can_read_club,
    can_remove_resource,
    can_reply_to_thread,
    can_view_club,
    can_view_thread,
    is_verified_actor_staff,
)
from pmvt.clubs.services.clubs import club_update
from pmvt.clubs.services.memberships import club_join
from pmvt.clubs.services.resources import resource_add
from pmvt.clubs.services.threads import thread_set_locked
from pmvt.community.models import Visibility
from pmvt.core.exceptions import PermissionDeniedError

from .conftest import forget


def _close(club, admin):
    return club_update(
        club=club,
        by=admin,
        name=club.name,
        purpose=club.purpose,
        kind=club.kind,
        join_policy=club.join_policy,
        audience=club.audience,
        is_active=False,
    )


def test_everyone_sees_an_active_club(open_club, member, other_admin):
    for user in (AnonymousUser(), member, other_admin):
        assert can_view_club(user=user, club=open_club)


def test_an_inactive_club_is_seen_by_the_territory_admins_only(
    open_club, admin, operator, member, moderator
):
    _close(open_club, admin)
    assert can_view_club(user=admin, club=open_club)
    assert can_view_club(user=operator, club=open_club)
    for user in (AnonymousUser(), member, moderator):
        assert not can_view_club(user=user, club=open_club)


def test_content_is_for_active_members_and_territory_moderators(
    open_club, join, member, moderator, admin, operator
):
    join(open_club, member)
    for user in (member, moderator, admin, operator):
        access_club_content(user=user, club=open_club)
        assert can_read_club(user=user, club=open_club)


def test_content_is_refused_to_visitors_non_members_and_pending_members(
    actors_club, open_club, member, actor_staff, make_user, other_admin
):
    club_join(club=actors_club, user=actor_staff)  # Pending.
    forget(actor_staff)
    cases = [
        (AnonymousUser(), open_club),
        (member, open_club),
        (other_admin, open_club),
        (make_user("passant@ailleurs.test"), open_club),
        (actor_staff, actors_club),
    ]
    for user, club in cases:
        assert not can_read_club(user=user, club=club)
        with pytest.raises(PermissionDeniedError):
            access_club_content(user=user, club=club)


def test_posting_is_for_active_members_of_an_open_club(open_club, join, member, moderator, admin):
    join(open_club, member)
    for user in (member, moderator):
        access_club_post(user=user, club=open_club)
        assert can_post_in_club(user=user, club=open_club)
    _close(open_club, admin)
    for user in (member, moderator):
        assert not can_post_in_club(user=user, club=open_club)
        with pytest.raises(PermissionDeniedError):
            access_club_post(user=user, club=open_club)


def test_posting_is_refused_to_non_members(open_club, member, actor_member):
    for user in (AnonymousUser(), member, actor_member):
        assert not can_post_in_club(user=user, club=open_club)
        with pytest.raises(PermissionDeniedError):
            access_club_post(user=user, club=open_club)


def test_a_removed_thread_is_hidden_but_a_pending_one_is_seen_by_its_author(
    open_club, join, member, make_member, territory, moderator, make_thread
):
    other = make_member(territory, email="autre@apt.test")
    join(open_club, member)
    join(open_club, other)
    thread = make_thread(open_club, member)
    assert can_view_thread(user=other, thread=thread)
    thread.visibility = Visibility.PENDING
    assert can_view_thread(user=member, thread=thread)
    assert can_view_thread(user=moderator, thread=thread)
    assert not can_view_thread(user=other, thread=thread)
    with pytest.raises(PermissionDeniedError):
        access_thread(user=other, thread=thread)
    thread.visibility = Visibility.REMOVED
    assert not can_view_thread(user=member, thread=thread)
    access_thread(user=moderator, thread=thread)


def test_a_closed_thread_takes_replies_from_managers_only(
    open_club, join, member, moderator, make_member, territory, make_thread
):
    club_moderator = make_member(territory, email="animatrice@apt.test")
    join(open_club, member)
    join(open_club, club_moderator, moderator=True)
    thread = make_thread(open_club, member)
    access_thread_reply(user=member, thread=thread)
    thread_set_locked(thread=thread, by=club_moderator, locked=True)
    assert not can_reply_to_thread(user=member, thread=thread)
    with pytest.raises(PermissionDeniedError):
        access_thread_reply(user=member, thread=thread)
    for user in (club_moderator, moderator):
        access_thread_reply(user=user, thread=thread)
        assert can_reply_to_thread(user=user, thread=thread)


def test_no_reply_to_a_thread_waiting_for_moderation(open_club, join, member, make_thread):
    join(open_club, member)
    thread = make_thread(open_club, member)
    thread.visibility = Visibility.PENDING
    assert not can_reply_to_thread(user=member, thread=thread)
    with pytest.raises(PermissionDeniedError):
        access_thread_reply(user=member, thread=thread)


def test_the_author_and_managers_mark_a_question_solved(
    open_club, join, member, make_member, territory, moderator, make_thread
):
    other = make_member(territory, email="autre@apt.test")
    join(open_club, member)
    join(open_club, other)
    question = make_thread(open_club, member, category="question")
    for user in (member, moderator):
        access_thread_mark_solved(user=user, thread=question)
    for user in (other, AnonymousUser()):
        assert not can_mark_solved(user=user, thread=question)
        with pytest.raises(PermissionDeniedError):
            access_thread_mark_solved(user=user, thread=question)
    feedback = make_thread(open_club, member, "Retour sur le marché", category="feedback")
    assert not can_mark_solved(user=member, thread=feedback)


def test_a_resource_is_removed_by_who_added_it_or_a_manager(
    open_club, join, member, make_member, territory, moderator
):
    other = make_member(territory, email="autre@apt.test")
    join(open_club, member)
    join(open_club, other)
    resource = resource_add(
        club=open_club, by=member, title="Guide", url="https://example.org/guide"
    )
    for user in (member, moderator):
        access_resource_remove(user=user, resource=resource)
    for user in (other, AnonymousUser()):
        assert not can_remove_resource(user=user, resource=resource)
        with pytest.raises(PermissionDeniedError):
            access_resource_remove(user=user, resource=resource)


def test_joining_an_open_club_needs_a_territory_membership(
    open_club, member, make_user, other_admin
):
    access_club_join(user=member, club=open_club)
    assert can_join_club(user=member, club=open_club)
    for user in (AnonymousUser(), make_user("passant@ailleurs.test"), other_admin):
        assert not can_join_club(user=user, club=open_club)
        with pytest.raises(PermissionDeniedError):
            access_club_join(user=user, club=open_club)


def test_an_actors_club_takes_the_staff_of_verified_actors_only(
    actors_club, actor_staff, make_actor_staff, territory, member, actor_member
):
    pending_actor = make_actor_staff(territory, verified=False)
    assert is_verified_actor_staff(user=actor_staff, territory=territory)
    access_club_join(user=actor_staff, club=actors_club)
    for user in (member, actor_member, pending_actor):
        assert not is_verified_actor_staff(user=user, territory=territory)
        with pytest.raises(PermissionDeniedError) as caught:
            access_club_join(user=user, club=actors_club)
        assert "acteur vérifié" in str(caught.value.message)


def test_no_second_membership_and_no_joining_a_closed_club(open_club, member, admin):
    club_join(club=open_club, user=member)
    with pytest.raises(PermissionDeniedError):
        access_club_join(user=member, club=open_club)
    _close(open_club, admin)
    forget(member)
    other_user = admin
    with pytest.raises(PermissionDeniedError):
        access_club_join(user=other_user, club=open_club)


def test_leaving_needs_a_current_membership(open_club, actors_club, actor_staff, member):
    club_join(club=open_club, user=member)
    club_join(club=actors_club, user=actor_staff)  # Pending: may withdraw.
    access_club_leave(user=member, club=open_club)
    access_club_leave(user=actor_staff, club=actors_club)
    for user, club in (
        (AnonymousUser(), open_club),
        (actor_staff, open_club),
        (member, actors_club),
    ):
        with pytest.raises(PermissionDeniedError):
            access_club_leave(user=user, club=club)


def test_managing_is_for_club_moderators_and_territory_moderators(
    open_club, join, member, make_member, territory, moderator, admin, operator
):
    club_moderator = make_member(territory, email="animatrice@apt.test")
    join(open_club, club_moderator, moderator=True)
    for user in (club_moderator, moderator, admin, operator):
        access_club_manage(user=user, club=open_club)
        assert can_manage_club(user=user, club=open_club)


def test_managing_is_refused_to_plain_members_and_others(
    open_club, join, member, other_admin, actor_member
):
    join(open_club, member)
    for user in (AnonymousUser(), member, other_admin, actor_member):
        assert not can_manage_club(user=user, club=open_club)
        with pytest.raises(PermissionDeniedError):
            access_club_manage(user=user, club=open_club)


def test_clubs_are_created_by_territory_admins(
    territory, admin, operator, moderator, member, other_admin
):
    for user in (admin, operator):
        access_clubs_as_admin(user=user, territory=territory)
    for user in (AnonymousUser(), moderator, member, other_admin):
        with pytest.raises(PermissionDeniedError):
            access_clubs_as_admin(user=user, territory=territory)


def test_a_role_is_not_a_club_membership(open_club, make_member, territory):
    """An actor member of the territory still joins a club like everyone else."""
    actor_member = make_member(territory, Role.ACTOR_MEMBER, email="vendeur@apt.test")
    assert not can_read_club(user=actor_member, club=open_club)
