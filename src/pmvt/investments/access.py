"""Permission rules on investment calls and pledges.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.

The holder's staff of a call: the team of its actor (any role reads the pledges, owners and
managers write the call), or the territory's admins for a call of the collectivité. Pledges are
private: the pledger and the holder's staff only. The territory's admins approve an actor's
call but do not see who pledged to it.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, membership_of
from pmvt.actors.access import PAGE_EDITORS, staff_role_of
from pmvt.actors.models import Actor, ActorStatus
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.investments.models import InvestmentCall, Pledge
from pmvt.territories.models import Territory


def can_edit_call(*, user: AnyUser, call: InvestmentCall) -> bool:
    """Write the call, its documents and news, submit and close it."""
    if not user.is_authenticated:
        return False
    if call.actor is None:
        return can_administer_territory(user=user, territory=call.territory)
    if call.actor.status != ActorStatus.VERIFIED:
        return False
    return staff_role_of(user=user, actor=call.actor) in PAGE_EDITORS


def can_view_pledges(*, user: AnyUser, call: InvestmentCall) -> bool:
    """Read the individual pledges and export them: the holder's staff, nobody else."""
    if not user.is_authenticated:
        return False
    if call.actor is None:
        return can_administer_territory(user=user, territory=call.territory)
    return staff_role_of(user=user, actor=call.actor) is not None


def can_review_calls(*, user: AnyUser, territory: Territory) -> bool:
    return can_administer_territory(user=user, territory=territory)


def can_view_call(*, user: AnyUser, call: InvestmentCall) -> bool:
    """A published or closed call is public; before that, its holder and the reviewers."""
    if call.is_public:
        return True
    if can_view_pledges(user=user, call=call):
        return True
    return can_review_calls(user=user, territory=call.territory)


def access_call_as_editor(*, user: AnyUser, call: InvestmentCall) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer votre appel à investissement."))
    if not can_edit_call(user=user, call=call):
        raise PermissionDeniedError(
            _("Seuls les responsables du projet peuvent modifier cet appel à investissement.")
        )


def access_call_pledges(*, user: AnyUser, call: InvestmentCall) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour voir les promesses."))
    if not can_view_pledges(user=user, call=call):
        raise PermissionDeniedError(
            _("Seule l'équipe qui porte le projet voit les promesses d'investissement.")
        )


def access_calls_as_reviewer(*, user: AnyUser, territory: Territory) -> None:
    """The approval queue and the collectivité's own calls: the territory's admins."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour accéder à la gestion du territoire."))
    if not can_review_calls(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire valident les appels à investissement.")
        )


def access_actor_calls(*, user: AnyUser, actor: Actor) -> None:
    """The calls of an actor in its pro space: its team, any role."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour accéder à l'espace professionnel."))
    if staff_role_of(user=user, actor=actor) is None:
        raise PermissionDeniedError(
            _("Seule l'équipe de cet acteur a accès à ses appels à investissement.")
        )


def can_create_actor_call(*, user: AnyUser, actor: Actor) -> bool:
    if actor.status != ActorStatus.VERIFIED:
        return False
    return staff_role_of(user=user, actor=actor) in PAGE_EDITORS


def access_actor_call_create(*, user: AnyUser, actor: Actor) -> None:
    access_actor_calls(user=user, actor=actor)
    if actor.status != ActorStatus.VERIFIED:
        raise PermissionDeniedError(
            _("Un appel à investissement ne se dépose qu'une fois votre activité vérifiée.")
        )
    if staff_role_of(user=user, actor=actor) not in PAGE_EDITORS:
        raise PermissionDeniedError(
            _("Seuls les responsables et gérants de cet acteur déposent un appel à investissement.")
        )


def access_pledge_as_member(*, user: AnyUser, call: InvestmentCall) -> None:
    """Pledge: a signed-in member of the call's territory."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour faire une promesse d'investissement."))
    if membership_of(user=user, territory=call.territory) is None:
        raise PermissionDeniedError(
            _("Rejoignez le territoire pour faire une promesse d'investissement.")
        )


def can_view_pledge(*, user: AnyUser, pledge: Pledge) -> bool:
    if not user.is_authenticated:
        return False
    if pledge.user_id == user.pk:
        return True
    return can_view_pledges(user=user, call=pledge.call)
