"""Permission rules on vouchers: who runs campaigns, who cashes vouchers in, who sees them.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory
from pmvt.actors.access import PAGE_EDITORS, staff_role_of
from pmvt.actors.models import Actor, ActorStatus
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory
from pmvt.vouchers.models import Voucher


def can_manage_vouchers(*, user: AnyUser, territory: Territory) -> bool:
    return can_administer_territory(user=user, territory=territory)


def access_vouchers_as_admin(*, user: AnyUser, territory: Territory) -> None:
    """Campaigns, purchases, participations, statements: the territory's admins (the agents)."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer les bons d'achat."))
    if not can_manage_vouchers(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire gèrent les bons d'achat.")
        )


def access_vouchers_as_staff(*, user: AnyUser, actor: Actor) -> None:
    """Cash vouchers in and read statements: the actor's team (any role), once verified."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour accéder à l'espace professionnel."))
    if staff_role_of(user=user, actor=actor) is None:
        raise PermissionDeniedError(_("Seule l'équipe de cet acteur encaisse ses bons d'achat."))
    if actor.status != ActorStatus.VERIFIED:
        raise PermissionDeniedError(
            _("Les bons d'achat s'encaissent une fois votre activité vérifiée par le territoire.")
        )


def can_request_participation(*, user: AnyUser, actor: Actor) -> bool:
    return staff_role_of(user=user, actor=actor) in PAGE_EDITORS


def access_participation_as_editor(*, user: AnyUser, actor: Actor) -> None:
    """Opt in to a campaign: the actor's owner and managers."""
    access_vouchers_as_staff(user=user, actor=actor)
    if not can_request_participation(user=user, actor=actor):
        raise PermissionDeniedError(
            _("Seuls les responsables et gérants de cet acteur l'inscrivent à une campagne.")
        )


def access_voucher_as_holder(*, user: AnyUser, voucher: Voucher | None) -> Voucher:
    """A voucher's page: its holder only; anyone else gets 404, so codes cannot be probed."""
    if voucher is None:
        raise Http404
    if not user.is_authenticated:
        raise Http404
    if voucher.holder_id != user.pk:
        raise Http404
    return voucher
