"""Who may see, report and moderate content: every rule allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.accounts.models import Role
from pmvt.community.access import (
    access_community_settings,
    access_content_for_report,
    access_moderation_queue,
    access_themes,
    can_report_content,
    can_view_content,
)
from pmvt.community.models import ModerationDecision, Visibility
from pmvt.community.services.moderation import content_moderate
from pmvt.core.exceptions import PermissionDeniedError


@pytest.fixture
def hidden_post(post, moderator):
    content_moderate(
        moderator=moderator, content=post, decision=ModerationDecision.HIDE, reason="À vérifier."
    )
    return post


def test_published_content_is_seen_by_everyone(post, member):
    assert can_view_content(AnonymousUser(), post)
    assert can_view_content(member, post)


@pytest.mark.parametrize("visibility", [Visibility.PENDING, Visibility.HIDDEN, Visibility.REMOVED])
def test_content_not_published_is_seen_by_its_author(post, author, visibility):
    post.visibility = visibility
    assert can_view_content(author, post)


@pytest.mark.parametrize("who", ["moderator", "admin", "operator"])
def test_content_not_published_is_seen_by_the_moderators(hidden_post, who, request):
    assert can_view_content(request.getfixturevalue(who), hidden_post)


def test_content_not_published_is_not_seen_by_others(
    hidden_post, member, make_member, other_territory
):
    assert not can_view_content(AnonymousUser(), hidden_post)
    assert not can_view_content(member, hidden_post)
    assert not can_view_content(make_member(other_territory, Role.MODERATOR), hidden_post)


def test_report_link_offered_to_visitors_and_members_not_the_author(post, author, member):
    assert can_report_content(user=AnonymousUser(), content=post)
    assert can_report_content(user=member, content=post)
    assert not can_report_content(user=author, content=post)


def test_report_link_not_offered_on_hidden_content(hidden_post, moderator, member):
    assert not can_report_content(user=moderator, content=hidden_post)
    assert not can_report_content(user=member, content=hidden_post)


def test_report_access_denied_to_anonymous_visitors(post):
    with pytest.raises(PermissionDeniedError, match="Connectez-vous"):
        access_content_for_report(user=AnonymousUser(), content=post)


def test_report_access_denied_on_content_the_member_cannot_see(hidden_post, member):
    with pytest.raises(PermissionDeniedError, match="pas visible"):
        access_content_for_report(user=member, content=hidden_post)


def test_report_access_denied_to_an_inactive_account(post, member):
    member.is_active = False
    with pytest.raises(PermissionDeniedError):
        access_content_for_report(user=member, content=post)


def test_report_access_allowed_for_a_member_on_published_content(post, member):
    access_content_for_report(user=member, content=post)


@pytest.mark.parametrize("who", ["moderator", "admin", "operator"])
def test_the_queue_is_open_to_moderators_admins_and_the_operator(territory, who, request):
    access_moderation_queue(user=request.getfixturevalue(who), territory=territory)


@pytest.mark.parametrize("who", ["anonymous", "member", "actor_member", "other_admin"])
def test_the_queue_is_closed_to_others(territory, who, request):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        access_moderation_queue(user=user, territory=territory)


@pytest.mark.parametrize("check", [access_community_settings, access_themes])
def test_settings_and_themes_are_for_admins(territory, admin, operator, check):
    check(user=admin, territory=territory)
    check(user=operator, territory=territory)


@pytest.mark.parametrize("check", [access_community_settings, access_themes])
@pytest.mark.parametrize("who", ["anonymous", "member", "moderator", "other_admin"])
def test_settings_and_themes_are_closed_to_others(territory, who, request, check):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        check(user=user, territory=territory)
