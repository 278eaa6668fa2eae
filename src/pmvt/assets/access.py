"""Permission rules of assets: who offers an asset, who manages it, who books it.

- offering: a member of the territory, in their own name; in the name of an actor whose owner
  or manager they are; in the name of the collectivité if they administer the territory;
- managing an asset (edit, publish, photos, blocked periods, answering bookings): its owner;
  the owners and managers of its actor; the territory's admins for the collectivité's assets;
  the operator;
- seeing an asset: everyone once it is published; otherwise its managers only;
- requesting a booking: a member of the territory who does not manage the asset, of a
  published asset; cancelling: the requester or a manager.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, is_operator, membership_of
from pmvt.actors.access import PAGE_EDITORS, actors_of_user, staff_role_of
from pmvt.actors.models import Actor
from pmvt.assets.models import Asset, AssetStatus, Booking
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory

# Staff roles of an actor that manage its assets.
ASSET_MANAGER_ROLES: frozenset[str] = frozenset(PAGE_EDITORS)


@dataclass(frozen=True)
class OfferingAs:
    """One name an asset may be offered in: the person, an actor, or the collectivité."""

    key: str  # "moi", "acteur-<pk>", "collectivite"
    label: str
    actor: Actor | None = None
    by_collectivite: bool = False


def is_member(*, user: AnyUser, territory: Territory) -> bool:
    if is_operator(user):
        return True
    return membership_of(user=user, territory=territory) is not None


def offering_choices(*, user: AnyUser, territory: Territory) -> list[OfferingAs]:
    """The names the user may offer an asset in, themselves first."""
    if not is_member(user=user, territory=territory):
        return []
    choices = [OfferingAs(key="moi", label=str(_("En mon nom")))]
    for actor in actors_of_user(user=user, territory=territory):
        if staff_role_of(user=user, actor=actor) in ASSET_MANAGER_ROLES:
            choices.append(
                OfferingAs(
                    key=f"acteur-{actor.pk}",
                    label=str(_("Au nom de %(name)s") % {"name": actor.display_name}),
                    actor=actor,
                )
            )
    if can_administer_territory(user=user, territory=territory):
        choices.append(
            OfferingAs(
                key="collectivite",
                label=str(
                    _("Au nom de la collectivité (%(name)s)") % {"name": territory.public_name}
                ),
                by_collectivite=True,
            )
        )
    return choices


def access_assets_as_offerer(*, user: AnyUser, territory: Territory) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour proposer un bien."))
    if not is_member(user=user, territory=territory):
        raise PermissionDeniedError(_("Rejoignez ce territoire pour y proposer un bien."))


def access_offer_as(
    *, user: AnyUser, territory: Territory, actor: Actor | None, by_collectivite: bool
) -> None:
    """May the user offer an asset in this name?"""
    access_assets_as_offerer(user=user, territory=territory)
    if by_collectivite and actor is not None:
        raise PermissionDeniedError(
            _("Un bien est proposé au nom d'un acteur ou de la collectivité, pas des deux.")
        )
    if by_collectivite and not can_administer_territory(user=user, territory=territory):
        raise PermissionDeniedError(
            _(
                "Seuls les agents et administrateurs du territoire proposent les biens de la collectivité."
            )
        )
    if actor is not None and actor.territory_id != territory.pk:
        raise PermissionDeniedError(_("Cet acteur n'appartient pas à ce territoire."))
    if (
        actor is not None
        and not is_operator(user)
        and staff_role_of(user=user, actor=actor) not in ASSET_MANAGER_ROLES
    ):
        raise PermissionDeniedError(
            _("Seuls les responsables de cet acteur proposent des biens en son nom.")
        )


def can_manage_asset(*, user: AnyUser, asset: Asset) -> bool:
    if not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    if asset.owner_id == user.pk:
        return True
    if asset.actor_id is not None and asset.actor is not None:
        return staff_role_of(user=user, actor=asset.actor) in ASSET_MANAGER_ROLES
    if asset.by_collectivite:
        return can_administer_territory(user=user, territory=asset.territory)
    return False


def access_asset_as_manager(*, user: AnyUser, asset: Asset) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer ce bien."))
    if not can_manage_asset(user=user, asset=asset):
        raise PermissionDeniedError(
            _("Seules les personnes qui gèrent ce bien peuvent le modifier.")
        )


def can_view_asset(*, user: AnyUser, asset: Asset) -> bool:
    if asset.status == AssetStatus.PUBLISHED:
        return True
    return can_manage_asset(user=user, asset=asset)


def booking_refusal(*, user: AnyUser, asset: Asset) -> str:
    """Why the user may not request a booking of this asset ("" when they may)."""
    if asset.status != AssetStatus.PUBLISHED:
        return str(_("Ce bien n'est pas proposé en ce moment."))
    if not user.is_authenticated:
        return str(_("Connectez-vous pour demander une réservation."))
    if not is_member(user=user, territory=asset.territory):
        return str(_("Rejoignez ce territoire pour réserver ses biens."))
    if can_manage_asset(user=user, asset=asset):
        return str(
            _(
                "Vous gérez ce bien : pour le garder pour vous, bloquez la période dans son calendrier."
            )
        )
    return ""


def access_asset_booking(*, user: AnyUser, asset: Asset) -> None:
    refusal = booking_refusal(user=user, asset=asset)
    if refusal:
        raise PermissionDeniedError(refusal)


def can_view_booking(*, user: AnyUser, booking: Booking) -> bool:
    if not user.is_authenticated:
        return False
    if booking.requester_id == user.pk:
        return True
    return can_manage_asset(user=user, asset=booking.asset)


def access_booking_as_manager(*, user: AnyUser, booking: Booking) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour répondre à cette demande."))
    if not can_manage_asset(user=user, asset=booking.asset):
        raise PermissionDeniedError(
            _("Seules les personnes qui gèrent ce bien répondent aux demandes de réservation.")
        )


def access_booking_as_party(*, user: AnyUser, booking: Booking) -> None:
    """The requester or a manager of the asset (to see or cancel the booking)."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour voir cette réservation."))
    if not can_view_booking(user=user, booking=booking):
        raise PermissionDeniedError(
            _("Seules la personne qui réserve et celles qui gèrent le bien y ont accès.")
        )
