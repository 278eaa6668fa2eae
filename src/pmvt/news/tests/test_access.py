"""Every permission rule of the news, allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.accounts.models import Role
from pmvt.community.models import Visibility
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.news.access import (
    access_post_delete,
    access_post_edit,
    access_post_submit,
    access_publish_as_actor,
    access_publish_as_territory,
    can_delete_post,
    can_edit_post,
    can_publish_as_actor,
    can_publish_as_territory,
    can_submit_post,
    can_view_post,
    publishing_actors,
)
from pmvt.news.models import Post

from .conftest import forget_caches

ANONYMOUS = AnonymousUser()


@pytest.fixture
def pending_post(make_post, member):
    return make_post(author=member)


def _set(post: Post, visibility: str) -> Post:
    Post.objects.filter(pk=post.pk).update(visibility=visibility)
    post.refresh_from_db()
    return post


# --- reading ---------------------------------------------------------------------------------


def test_everyone_reads_a_published_post(make_post):
    post = make_post()
    assert can_view_post(user=ANONYMOUS, post=post)


@pytest.mark.parametrize("visibility", [Visibility.PENDING, Visibility.HIDDEN, Visibility.REMOVED])
def test_the_public_does_not_read_an_unpublished_post(
    pending_post, make_member, territory, visibility
):
    post = _set(pending_post, visibility)
    assert not can_view_post(user=ANONYMOUS, post=post)
    assert not can_view_post(user=make_member(territory, Role.MEMBER), post=post)
    assert not can_view_post(user=make_member(territory, Role.ACTOR_MEMBER), post=post)


@pytest.mark.parametrize("visibility", [Visibility.PENDING, Visibility.HIDDEN, Visibility.REMOVED])
def test_the_author_and_the_moderation_read_an_unpublished_post(
    pending_post, member, moderator, admin, operator, visibility
):
    post = _set(pending_post, visibility)
    for user in (member, moderator, admin, operator):
        assert can_view_post(user=user, post=post)


def test_a_moderator_of_another_territory_does_not_read_an_unpublished_post(
    pending_post, other_admin
):
    assert not can_view_post(user=other_admin, post=pending_post)


# --- submitting ------------------------------------------------------------------------------


def test_members_and_the_operator_may_submit(territory, member, actor_member, operator):
    for user in (member, actor_member, operator):
        assert can_submit_post(user=user, territory=territory)
        access_post_submit(user=user, territory=territory)


def test_visitors_and_strangers_may_not_submit(territory, other_admin):
    for user in (ANONYMOUS, other_admin):
        assert not can_submit_post(user=user, territory=territory)
        with pytest.raises(PermissionDeniedError):
            access_post_submit(user=user, territory=territory)


def test_admins_publish_in_the_name_of_the_territory(territory, admin, operator):
    for user in (admin, operator):
        assert can_publish_as_territory(user=user, territory=territory)
        access_publish_as_territory(user=user, territory=territory)


def test_others_do_not_publish_in_the_name_of_the_territory(
    territory, member, moderator, other_admin
):
    for user in (ANONYMOUS, member, moderator, other_admin):
        assert not can_publish_as_territory(user=user, territory=territory)
        with pytest.raises(PermissionDeniedError):
            access_publish_as_territory(user=user, territory=territory)


def test_staff_publish_in_the_name_of_their_verified_actor(territory, staff, association):
    assert can_publish_as_actor(user=staff, actor=association, territory=territory)
    access_publish_as_actor(user=staff, actor=association, territory=territory)
    assert publishing_actors(user=staff, territory=territory) == [association]


def test_non_staff_do_not_publish_in_an_actors_name(territory, member, admin, association):
    for user in (ANONYMOUS, member, admin):
        assert not can_publish_as_actor(user=user, actor=association, territory=territory)
        with pytest.raises(PermissionDeniedError):
            access_publish_as_actor(user=user, actor=association, territory=territory)
    assert publishing_actors(user=member, territory=territory) == []


def test_staff_of_an_unverified_actor_do_not_publish_in_its_name(
    territory, make_member, make_actor
):
    owner = make_member(territory, Role.MEMBER)
    actor = make_actor(territory, owner, verified=False)
    forget_caches(owner)
    assert not can_publish_as_actor(user=owner, actor=actor, territory=territory)
    with pytest.raises(PermissionDeniedError):
        access_publish_as_actor(user=owner, actor=actor, territory=territory)
    assert publishing_actors(user=owner, territory=territory) == []


def test_an_actor_of_another_territory_is_refused(
    territory, other_territory, make_member, make_actor
):
    owner = make_member(other_territory, Role.MEMBER)
    actor = make_actor(other_territory, owner)
    forget_caches(owner)
    assert not can_publish_as_actor(user=owner, actor=actor, territory=territory)
    with pytest.raises(PermissionDeniedError):
        access_publish_as_actor(user=owner, actor=actor, territory=territory)


# --- editing and deleting --------------------------------------------------------------------


def test_the_author_moderators_and_admins_edit(pending_post, member, moderator, admin, operator):
    for user in (member, moderator, admin, operator):
        assert can_edit_post(user=user, post=pending_post)
        access_post_edit(user=user, post=pending_post)


def test_others_do_not_edit(pending_post, territory, make_member, actor_member, other_admin):
    for user in (ANONYMOUS, make_member(territory, Role.MEMBER), actor_member, other_admin):
        assert not can_edit_post(user=user, post=pending_post)
        with pytest.raises(PermissionDeniedError):
            access_post_edit(user=user, post=pending_post)


def test_the_author_does_not_edit_a_removed_post_but_moderators_do(pending_post, member, moderator):
    post = _set(pending_post, Visibility.REMOVED)
    assert not can_edit_post(user=member, post=post)
    with pytest.raises(PermissionDeniedError, match="retirée par la modération"):
        access_post_edit(user=member, post=post)
    assert can_edit_post(user=moderator, post=post)


def test_the_author_moderators_and_admins_delete(pending_post, member, moderator, admin):
    post = _set(pending_post, Visibility.REMOVED)
    for user in (member, moderator, admin):
        assert can_delete_post(user=user, post=post)
        access_post_delete(user=user, post=post)


def test_others_do_not_delete(pending_post, territory, make_member, other_admin):
    for user in (ANONYMOUS, make_member(territory, Role.MEMBER), other_admin):
        assert not can_delete_post(user=user, post=pending_post)
        with pytest.raises(PermissionDeniedError):
            access_post_delete(user=user, post=pending_post)
