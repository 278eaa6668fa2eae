"""Permission rules on news: who reads, submits, edits and deletes a post, and in whose name.

- a published post: everyone; a post waiting for moderation, hidden or removed: its author
  (who sees why) and the territory's moderators and admins; anyone else gets a 404;
- submitting: every member of the territory (and the operator);
- publishing in the name of an actor: the actor's staff, when the actor is verified;
- publishing in the name of the territory: the territory's admins;
- editing: the author (unless the moderation removed the post), the moderators and admins;
- deleting: the author, the moderators and admins.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import (
    AnyUser,
    can_administer_territory,
    can_moderate_territory,
    is_operator,
    membership_of,
)
from pmvt.actors.access import staff_role_of
from pmvt.actors.models import Actor, ActorStatus
from pmvt.community.models import Visibility
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.news.models import Post
from pmvt.territories.models import Territory


def is_post_author(*, user: AnyUser, post: Post) -> bool:
    return bool(user.is_authenticated and post.author_id is not None and post.author_id == user.pk)


# --- reading ----------------------------------------------------------------------------------


def can_view_post(*, user: AnyUser, post: Post) -> bool:
    if post.visibility == Visibility.PUBLISHED:
        return True
    if is_post_author(user=user, post=post):
        return True
    return can_moderate_territory(user=user, territory=post.territory)


# --- submitting -------------------------------------------------------------------------------


def can_submit_post(*, user: AnyUser, territory: Territory) -> bool:
    if not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    return membership_of(user=user, territory=territory) is not None


def access_post_submit(*, user: AnyUser, territory: Territory) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour proposer une actualité."))
    if not can_submit_post(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Rejoignez d'abord le territoire pour y proposer une actualité.")
        )


def can_publish_as_actor(*, user: AnyUser, actor: Actor, territory: Territory) -> bool:
    if actor.territory_id != territory.pk:
        return False
    if actor.status != ActorStatus.VERIFIED:
        return False
    return staff_role_of(user=user, actor=actor) is not None


def access_publish_as_actor(*, user: AnyUser, actor: Actor, territory: Territory) -> None:
    if actor.territory_id != territory.pk:
        raise PermissionDeniedError(_("Cet acteur n'appartient pas à ce territoire."))
    if actor.status != ActorStatus.VERIFIED:
        raise PermissionDeniedError(
            _("Seul un acteur vérifié par le territoire peut publier des actualités.")
        )
    if not can_publish_as_actor(user=user, actor=actor, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les membres de l'équipe de cet acteur publient en son nom.")
        )


def can_publish_as_territory(*, user: AnyUser, territory: Territory) -> bool:
    return can_administer_territory(user=user, territory=territory)


def access_publish_as_territory(*, user: AnyUser, territory: Territory) -> None:
    if not can_publish_as_territory(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire publient en son nom.")
        )


def publishing_actors(*, user: AnyUser, territory: Territory) -> list[Actor]:
    """The verified actors of the territory in whose name the user may publish."""
    if not user.is_authenticated:
        return []
    return list(
        Actor.objects.filter(territory=territory, status=ActorStatus.VERIFIED, staff__user=user)
        .select_related("territory")
        .order_by("trade_name", "legal_name", "pk")
    )


# --- editing and deleting ---------------------------------------------------------------------


def can_edit_post(*, user: AnyUser, post: Post) -> bool:
    if not user.is_authenticated:
        return False
    if can_moderate_territory(user=user, territory=post.territory):
        return True
    if not is_post_author(user=user, post=post):
        return False
    return post.visibility != Visibility.REMOVED


def access_post_edit(*, user: AnyUser, post: Post) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour modifier cette actualité."))
    if (
        post.visibility == Visibility.REMOVED
        and is_post_author(user=user, post=post)
        and not can_moderate_territory(user=user, territory=post.territory)
    ):
        raise PermissionDeniedError(
            _("Cette actualité a été retirée par la modération : elle ne peut plus être modifiée.")
        )
    if not can_edit_post(user=user, post=post):
        raise PermissionDeniedError(
            _("Seuls l'auteur de l'actualité et les modérateurs du territoire peuvent la modifier.")
        )


def can_delete_post(*, user: AnyUser, post: Post) -> bool:
    if not user.is_authenticated:
        return False
    if is_post_author(user=user, post=post):
        return True
    return can_moderate_territory(user=user, territory=post.territory)


def access_post_delete(*, user: AnyUser, post: Post) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour supprimer cette actualité."))
    if not can_delete_post(user=user, post=post):
        raise PermissionDeniedError(
            _(
                "Seuls l'auteur de l'actualité et les modérateurs du territoire peuvent la "
                "supprimer."
            )
        )
