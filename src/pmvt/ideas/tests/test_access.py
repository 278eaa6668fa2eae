"""Every permission rule of the ideas, allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.accounts.models import Role
from pmvt.community.models import Visibility
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.ideas.access import (
    access_campaigns_as_admin,
    access_idea_answer,
    access_idea_comment,
    access_idea_follow,
    access_idea_submit,
    access_idea_support,
    access_support_withdraw,
    can_answer_idea,
    can_comment_idea,
    can_follow_idea,
    can_submit_idea,
    can_support_idea,
    can_view_comment,
    can_view_idea,
    can_withdraw_support,
)
from pmvt.ideas.models import Comment, Idea, IdeaStatus

from .conftest import close


def denied(check, **kwargs) -> str:
    with pytest.raises(PermissionDeniedError) as error:
        check(**kwargs)
    return str(error.value.message)


def set_visibility(idea, visibility):
    type(idea).objects.filter(pk=idea.pk).update(visibility=visibility)
    idea.visibility = visibility
    return idea


# --- seeing -----------------------------------------------------------------------------------


def test_everyone_sees_a_published_idea(campaign, make_idea, member):
    idea = make_idea(campaign, member)
    assert can_view_idea(user=AnonymousUser(), idea=idea)


@pytest.mark.parametrize("visibility", [Visibility.PENDING, Visibility.HIDDEN])
def test_a_pending_or_hidden_idea_is_seen_by_its_author_and_moderators_only(
    campaign, make_idea, member, make_member, territory, moderator, admin, visibility
):
    idea = set_visibility(make_idea(campaign, member), visibility)
    neighbour = make_member(territory, email="voisin@apt.test")
    assert can_view_idea(user=member, idea=idea)
    assert can_view_idea(user=moderator, idea=idea)
    assert can_view_idea(user=admin, idea=idea)
    assert not can_view_idea(user=neighbour, idea=idea)
    assert not can_view_idea(user=AnonymousUser(), idea=idea)


def test_a_removed_idea_is_hidden_from_its_author_but_not_from_moderators(
    campaign, make_idea, member, moderator
):
    idea = set_visibility(make_idea(campaign, member), Visibility.REMOVED)
    assert not can_view_idea(user=member, idea=idea)
    assert can_view_idea(user=moderator, idea=idea)


def test_a_pending_comment_is_seen_by_its_author_and_moderators_only(
    campaign, make_idea, member, make_member, territory, moderator
):
    idea = make_idea(campaign, member)
    neighbour = make_member(territory, email="voisin@apt.test")
    comment = Comment.objects.create(
        territory=territory, idea=idea, author=neighbour, text="Oui !", visibility="pending"
    )
    assert can_view_comment(user=neighbour, comment=comment)
    assert can_view_comment(user=moderator, comment=comment)
    assert not can_view_comment(user=member, comment=comment)
    assert not can_view_comment(user=AnonymousUser(), comment=comment)


# --- submitting -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ACTOR_MEMBER, Role.MODERATOR, Role.ADMIN])
def test_every_member_submits_to_an_open_campaign(campaign, make_member, territory, role):
    assert can_submit_idea(user=make_member(territory, role), campaign=campaign)


def test_a_visitor_is_asked_to_log_in_to_submit(campaign):
    assert "Connectez-vous" in denied(access_idea_submit, user=AnonymousUser(), campaign=campaign)


def test_a_member_of_another_territory_cannot_submit(campaign, make_member, other_territory):
    outsider = make_member(other_territory, email="thann@thann.test")
    assert "Rejoignez d'abord le territoire" in denied(
        access_idea_submit, user=outsider, campaign=campaign
    )


def test_nobody_submits_to_a_closed_or_upcoming_campaign(make_campaign, member, admin):
    from datetime import timedelta

    from django.utils import timezone

    closed = close(make_campaign("Close"))
    now = timezone.now()
    upcoming = make_campaign(
        "À venir", opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=9)
    )
    for campaign in (closed, upcoming):
        assert "n'est pas ouverte" in denied(access_idea_submit, user=member, campaign=campaign)
        assert not can_submit_idea(user=admin, campaign=campaign)


# --- supporting -------------------------------------------------------------------------------


@pytest.fixture
def idea(campaign, make_idea, actor_member) -> Idea:
    return make_idea(campaign, actor_member, "Des concerts sur la place")


def test_a_member_supports_a_published_idea_of_someone_else(idea, member):
    assert can_support_idea(user=member, idea=idea)


def test_a_visitor_is_asked_to_log_in_to_support(idea):
    assert "Connectez-vous" in denied(access_idea_support, user=AnonymousUser(), idea=idea)


def test_a_member_of_another_territory_cannot_support(idea, make_member, other_territory):
    outsider = make_member(other_territory, email="thann@thann.test")
    assert "Rejoignez" in denied(access_idea_support, user=outsider, idea=idea)


def test_the_author_cannot_support_own_idea(idea, actor_member):
    assert "propre idée" in denied(access_idea_support, user=actor_member, idea=idea)


def test_nobody_supports_once_the_campaign_is_closed(idea, member):
    close(idea.campaign)
    assert "close" in denied(access_idea_support, user=member, idea=idea)


def test_nobody_supports_an_unpublished_idea(idea, member, moderator):
    set_visibility(idea, Visibility.PENDING)
    assert "pas encore publiée" in denied(access_idea_support, user=member, idea=idea)
    assert not can_support_idea(user=moderator, idea=idea)


def test_nobody_supports_a_declined_idea(idea, member):
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.DECLINED)
    idea.status = IdeaStatus.DECLINED
    assert "pas été retenue" in denied(access_idea_support, user=member, idea=idea)


def test_a_support_is_withdrawn_while_the_campaign_is_open_only(idea, member):
    assert can_withdraw_support(user=member, idea=idea)
    assert "Connectez-vous" in denied(access_support_withdraw, user=AnonymousUser(), idea=idea)
    close(idea.campaign)
    assert "close" in denied(access_support_withdraw, user=member, idea=idea)


# --- following and commenting -----------------------------------------------------------------


def test_members_follow_and_comment_published_ideas(idea, member):
    assert can_follow_idea(user=member, idea=idea)
    assert can_comment_idea(user=member, idea=idea)


def test_comments_and_follows_stay_open_after_the_campaign_closes(idea, member):
    close(idea.campaign)
    assert can_follow_idea(user=member, idea=idea)
    assert can_comment_idea(user=member, idea=idea)


def test_visitors_and_outsiders_neither_follow_nor_comment(idea, make_member, other_territory):
    outsider = make_member(other_territory, email="thann@thann.test")
    for check in (access_idea_follow, access_idea_comment):
        assert "Connectez-vous" in denied(check, user=AnonymousUser(), idea=idea)
        assert "Rejoignez" in denied(check, user=outsider, idea=idea)


def test_nobody_follows_or_comments_an_unpublished_idea(idea, member):
    set_visibility(idea, Visibility.PENDING)
    assert "pas encore publiée" in denied(access_idea_follow, user=member, idea=idea)
    assert "pas encore publiée" in denied(access_idea_comment, user=member, idea=idea)


# --- answering and campaigns: admins only -----------------------------------------------------


def test_only_the_territorys_admins_answer_ideas(idea, admin, operator, moderator, member):
    assert can_answer_idea(user=admin, idea=idea)
    assert can_answer_idea(user=operator, idea=idea)
    assert "administrateurs" in denied(access_idea_answer, user=moderator, idea=idea)
    assert "administrateurs" in denied(access_idea_answer, user=member, idea=idea)
    assert "Connectez-vous" in denied(access_idea_answer, user=AnonymousUser(), idea=idea)


def test_an_admin_of_another_territory_does_not_answer(idea, other_admin):
    assert not can_answer_idea(user=other_admin, idea=idea)


def test_only_the_territorys_admins_manage_campaigns(territory, admin, moderator, other_admin):
    access_campaigns_as_admin(user=admin, territory=territory)
    assert "administrateurs" in denied(
        access_campaigns_as_admin, user=moderator, territory=territory
    )
    assert "administrateurs" in denied(
        access_campaigns_as_admin, user=other_admin, territory=territory
    )
    assert "Connectez-vous" in denied(
        access_campaigns_as_admin, user=AnonymousUser(), territory=territory
    )
