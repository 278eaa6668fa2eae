"""What members do with an idea: support it (once, withdrawable), follow it, comment on it.

Supporting is race-safe: the unique constraint on (idea, user) refuses a second support even
when two requests arrive together, and the counter moves with F() in the same transaction, so
`support_count` always equals the number of supports (a check constraint refuses < 0).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.community.models import Visibility
from pmvt.community.services.publishing import initial_visibility
from pmvt.core.exceptions import ApplicationError
from pmvt.ideas.access import (
    access_idea_comment,
    access_idea_follow,
    access_idea_support,
    access_support_withdraw,
)
from pmvt.ideas.errors import IdeaErrorCode
from pmvt.ideas.models import Comment, Follow, Idea, Support
from pmvt.ideas.services._common import IdeaFieldError, text_block
from pmvt.ideas.services.ideas import bump_comment_count

MAX_COMMENT = 3000


@transaction.atomic
def idea_support(*, idea: Idea, user: User) -> Support:
    access_idea_support(user=user, idea=idea)
    try:
        with transaction.atomic():
            support = Support.objects.create(territory=idea.territory, idea=idea, user=user)
    except IntegrityError:
        raise ApplicationError(
            _("Vous soutenez déjà cette idée : un seul soutien par membre."),
            code=IdeaErrorCode.ALREADY_SUPPORTED,
        ) from None
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    idea.support_count += 1
    return support


@transaction.atomic
def idea_support_withdraw(*, idea: Idea, user: User) -> None:
    access_support_withdraw(user=user, idea=idea)
    deleted, _details = Support.objects.filter(idea=idea, user=user).delete()
    if not deleted:
        raise ApplicationError(
            _("Vous ne soutenez pas cette idée : il n'y a pas de soutien à retirer."),
            code=IdeaErrorCode.NOT_SUPPORTED,
        )
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") - 1)
    idea.support_count -= 1


@transaction.atomic
def idea_follow(*, idea: Idea, user: User) -> Follow:
    """Follow the idea; following it again changes nothing."""
    access_idea_follow(user=user, idea=idea)
    existing = Follow.objects.filter(idea=idea, user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Follow.objects.create(territory=idea.territory, idea=idea, user=user)
    except IntegrityError:
        return Follow.objects.get(idea=idea, user=user)


@transaction.atomic
def idea_unfollow(*, idea: Idea, user: User) -> None:
    """Stop following; an idea one does not follow stays unfollowed."""
    Follow.objects.filter(idea=idea, user=user).delete()


@transaction.atomic
def comment_create(
    *, idea: Idea, author: User, text: str, parent: Comment | None = None
) -> Comment:
    """Comment on an idea, or reply to a comment.

    Replies go one level deep: a reply to a reply is attached to the top comment.
    """
    access_idea_comment(user=author, idea=idea)
    text = text_block(text)
    if not text:
        raise IdeaFieldError(_("Écrivez votre commentaire."), field="text")
    if len(text) > MAX_COMMENT:
        raise IdeaFieldError(
            _("Le commentaire ne doit pas dépasser 3000 caractères."), field="text"
        )
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise IdeaFieldError(_("On ne répond qu'à un commentaire de cette idée."), field="text")
        if parent.parent_id is not None:
            parent = Comment.objects.get(pk=parent.parent_id)
        if parent.visibility != Visibility.PUBLISHED:
            raise IdeaFieldError(_("On ne répond qu'à un commentaire publié."), field="text")
    comment = Comment.objects.create(
        territory=idea.territory,
        idea=idea,
        parent=parent,
        author=author,
        text=text,
        visibility=initial_visibility(user=author, territory=idea.territory),
    )
    if comment.visibility == Visibility.PUBLISHED:
        bump_comment_count(idea=idea, by=1)
    return comment
