"""Permission rules on aids: who manages them, who reads them, who looks for an actor's aids.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, is_operator
from pmvt.actors.access import PAGE_EDITORS, actors_of_user, staff_role_of
from pmvt.actors.models import Actor, ActorStatus
from pmvt.aids.models import AidScheme, Announcement
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory


def can_manage_aids(*, user: AnyUser, territory: Territory) -> bool:
    return can_administer_territory(user=user, territory=territory)


def access_aids_as_admin(*, user: AnyUser, territory: Territory) -> None:
    """Create, change, publish aids and announcements: the territory's admins and the operator."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer les aides."))
    if not can_manage_aids(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire gèrent les aides et les annonces.")
        )


def can_view_aid(*, user: AnyUser, aid: AidScheme) -> bool:
    """Everyone reads a published aid; an unpublished one, its admins only (others get 404)."""
    if aid.is_published:
        return True
    return can_manage_aids(user=user, territory=aid.territory)


def can_view_announcement(*, user: AnyUser, announcement: Announcement) -> bool:
    if announcement.is_published:
        return True
    return can_manage_aids(user=user, territory=announcement.territory)


def actors_for_aids(*, user: AnyUser, territory: Territory) -> list[Actor]:
    """The verified actors the user works for: the ones whose aids they may look up."""
    return [
        actor
        for actor in actors_of_user(user=user, territory=territory)
        if actor.status == ActorStatus.VERIFIED
    ]


def access_actor_aids(*, user: AnyUser, actor: Actor) -> None:
    """The aids matching an actor: its team (any role) once it is verified, and the operator."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour voir les aides de votre activité."))
    if is_operator(user):
        return
    if staff_role_of(user=user, actor=actor) is None:
        raise PermissionDeniedError(_("Seule l'équipe de cet acteur peut voir ses aides."))
    if actor.status != ActorStatus.VERIFIED:
        raise PermissionDeniedError(
            _("Les aides s'affichent une fois votre activité vérifiée par le territoire.")
        )


def can_edit_aid_profile(*, user: AnyUser, actor: Actor) -> bool:
    return is_operator(user) or staff_role_of(user=user, actor=actor) in PAGE_EDITORS


def access_aid_profile_as_editor(*, user: AnyUser, actor: Actor) -> None:
    """Tell the actor's headcount: its owner and managers (who edit its page), and the operator."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour indiquer votre effectif."))
    if not can_edit_aid_profile(user=user, actor=actor):
        raise PermissionDeniedError(
            _("Seuls les responsables et gérants de cet acteur peuvent indiquer son effectif.")
        )
