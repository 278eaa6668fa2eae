"""Permission rules of the community area: who may see, report and moderate content.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool for
templates and for the other areas' detail pages. Each condition stands on its own line.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import (
    AnyUser,
    access_territory_as_admin,
    access_territory_as_moderator,
    can_moderate_territory,
)
from pmvt.community.models import ModeratedContent, Visibility
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory


def is_author(*, user: AnyUser, content: ModeratedContent) -> bool:
    return bool(
        user.is_authenticated and content.author_id is not None and content.author_id == user.pk
    )


def can_moderate_content(*, user: AnyUser, content: ModeratedContent) -> bool:
    return can_moderate_territory(user=user, territory=content.territory)


def can_view_content(user: AnyUser, content: ModeratedContent) -> bool:
    """Published content is public; pending, hidden and removed content is seen by its author
    (with a notice saying why) and by the territory's moderators only."""
    if content.visibility == Visibility.PUBLISHED:
        return True
    if is_author(user=user, content=content):
        return True
    return can_moderate_content(user=user, content=content)


def can_report_content(*, user: AnyUser, content: ModeratedContent) -> bool:
    """Whether to offer the "Signaler" link (anonymous visitors get it too: it leads to login)."""
    if is_author(user=user, content=content):
        return False
    return content.visibility in (Visibility.PUBLISHED, Visibility.PENDING) and can_view_content(
        user, content
    )


def access_content_for_report(*, user: AnyUser, content: ModeratedContent) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour signaler un contenu."))
    if not user.is_active:
        raise PermissionDeniedError(_("Votre compte ne permet pas de signaler un contenu."))
    if not can_view_content(user, content):
        raise PermissionDeniedError(_("Ce contenu n'est pas visible."))


def access_content_as_moderator(*, user: AnyUser, content: ModeratedContent) -> None:
    access_territory_as_moderator(user=user, territory=content.territory)


def access_moderation_queue(*, user: AnyUser, territory: Territory) -> None:
    access_territory_as_moderator(user=user, territory=territory)


def access_community_settings(*, user: AnyUser, territory: Territory) -> None:
    access_territory_as_admin(user=user, territory=territory)


def access_themes(*, user: AnyUser, territory: Territory) -> None:
    access_territory_as_admin(user=user, territory=territory)
