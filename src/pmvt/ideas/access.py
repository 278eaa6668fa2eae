"""Permission rules on idea campaigns: who sees, submits, supports, follows, comments, answers.

- campaigns and published ideas: everyone; a pending or hidden idea: its author (until it is
  removed) and the territory's moderators and admins;
- submitting an idea: a member of the territory, while the campaign is open;
- supporting: a member of the territory, while the campaign is open, a published idea that is
  not declined, never one's own idea; withdrawing: while the campaign is open;
- following and commenting: a member of the territory, on a published idea;
- answering (moving an idea through its workflow): the territory's admins;
- creating and editing campaigns: the territory's admins.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from pmvt.accounts.access import (
    AnyUser,
    can_administer_territory,
    can_moderate_territory,
    membership_of,
)
from pmvt.community.models import Visibility
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.ideas.models import Campaign, Comment, Idea, IdeaStatus
from pmvt.territories.models import Territory


def _require_member(*, user: AnyUser, territory: Territory, login_message: StrOrPromise) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(login_message)
    if membership_of(user=user, territory=territory) is None:
        raise PermissionDeniedError(
            _("Rejoignez d'abord le territoire pour participer à ses campagnes d'idées.")
        )


def _passes(check: Callable[..., None], **kwargs: Any) -> bool:
    try:
        check(**kwargs)
    except PermissionDeniedError:
        return False
    return True


# --- seeing -----------------------------------------------------------------------------------


def can_view_idea(*, user: AnyUser, idea: Idea) -> bool:
    if idea.visibility == Visibility.PUBLISHED:
        return True
    if not user.is_authenticated:
        return False
    if idea.author_id == user.pk and idea.visibility != Visibility.REMOVED:
        return True
    return can_moderate_territory(user=user, territory=idea.territory)


def can_view_comment(*, user: AnyUser, comment: Comment) -> bool:
    if comment.visibility == Visibility.PUBLISHED:
        return True
    if not user.is_authenticated:
        return False
    if comment.author_id == user.pk and comment.visibility != Visibility.REMOVED:
        return True
    return can_moderate_territory(user=user, territory=comment.territory)


# --- submitting -------------------------------------------------------------------------------


def access_idea_submit(*, user: AnyUser, campaign: Campaign) -> None:
    _require_member(
        user=user,
        territory=campaign.territory,
        login_message=_("Connectez-vous pour proposer une idée."),
    )
    if not campaign.is_open:
        raise PermissionDeniedError(
            _("Cette campagne n'est pas ouverte : on ne peut pas y proposer d'idée.")
        )


def can_submit_idea(*, user: AnyUser, campaign: Campaign) -> bool:
    return _passes(access_idea_submit, user=user, campaign=campaign)


# --- supporting -------------------------------------------------------------------------------


def access_idea_support(*, user: AnyUser, idea: Idea) -> None:
    _require_member(
        user=user,
        territory=idea.territory,
        login_message=_("Connectez-vous pour soutenir une idée."),
    )
    if not idea.campaign.is_open:
        raise PermissionDeniedError(
            _("La campagne est close : les soutiens ne sont plus possibles.")
        )
    if idea.visibility != Visibility.PUBLISHED:
        raise PermissionDeniedError(_("Cette idée n'est pas encore publiée."))
    if idea.status == IdeaStatus.DECLINED:
        raise PermissionDeniedError(
            _("Cette idée n'a pas été retenue : elle ne reçoit plus de soutiens.")
        )
    if idea.author_id == user.pk:
        raise PermissionDeniedError(_("On ne soutient pas sa propre idée."))


def can_support_idea(*, user: AnyUser, idea: Idea) -> bool:
    return _passes(access_idea_support, user=user, idea=idea)


def access_support_withdraw(*, user: AnyUser, idea: Idea) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour retirer votre soutien."))
    if not idea.campaign.is_open:
        raise PermissionDeniedError(
            _("La campagne est close : les soutiens ne peuvent plus changer.")
        )


def can_withdraw_support(*, user: AnyUser, idea: Idea) -> bool:
    return _passes(access_support_withdraw, user=user, idea=idea)


# --- following and commenting -----------------------------------------------------------------


def access_idea_follow(*, user: AnyUser, idea: Idea) -> None:
    _require_member(
        user=user,
        territory=idea.territory,
        login_message=_("Connectez-vous pour suivre une idée."),
    )
    if idea.visibility != Visibility.PUBLISHED:
        raise PermissionDeniedError(_("Cette idée n'est pas encore publiée."))


def can_follow_idea(*, user: AnyUser, idea: Idea) -> bool:
    return _passes(access_idea_follow, user=user, idea=idea)


def access_idea_comment(*, user: AnyUser, idea: Idea) -> None:
    _require_member(
        user=user,
        territory=idea.territory,
        login_message=_("Connectez-vous pour commenter une idée."),
    )
    if idea.visibility != Visibility.PUBLISHED:
        raise PermissionDeniedError(_("Cette idée n'est pas encore publiée."))


def can_comment_idea(*, user: AnyUser, idea: Idea) -> bool:
    return _passes(access_idea_comment, user=user, idea=idea)


# --- the territory's answers and campaigns ----------------------------------------------------


def access_idea_answer(*, user: AnyUser, idea: Idea) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour répondre à une idée."))
    if not can_administer_territory(user=user, territory=idea.territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire répondent aux idées.")
        )


def can_answer_idea(*, user: AnyUser, idea: Idea) -> bool:
    return _passes(access_idea_answer, user=user, idea=idea)


def access_campaigns_as_admin(*, user: AnyUser, territory: Territory) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer les campagnes d'idées."))
    if not can_administer_territory(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire gèrent les campagnes d'idées.")
        )
