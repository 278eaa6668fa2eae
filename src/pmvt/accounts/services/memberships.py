"""Writes on memberships: joining a territory, commune of residence, roles."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import access_territory_as_admin
from pmvt.accounts.models import Membership, Role, User
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Commune, Territory


def _check_commune(*, territory: Territory, commune: Commune | None) -> None:
    if commune is not None and commune.territory_id != territory.pk:
        raise ApplicationError(
            _("Cette commune ne fait pas partie du territoire."), code="commune_outside_territory"
        )


@transaction.atomic
def membership_join(
    *, user: User, territory: Territory, commune: Commune | None = None
) -> Membership:
    """Make the user an inhabitant member of the territory (idempotent)."""
    _check_commune(territory=territory, commune=commune)
    membership, created = Membership.objects.get_or_create(
        territory=territory, user=user, defaults={"commune": commune, "role": Role.MEMBER}
    )
    if not created and commune is not None and membership.commune_id != commune.pk:
        membership.commune = commune
        membership.save(update_fields=["commune"])
    user.__dict__.pop("_pmvt_memberships", None)
    return membership


@transaction.atomic
def membership_set_commune(*, membership: Membership, commune: Commune | None) -> Membership:
    _check_commune(territory=membership.territory, commune=commune)
    membership.commune = commune
    membership.save(update_fields=["commune"])
    return membership


@transaction.atomic
def membership_set_role(*, by: User, membership: Membership, role: str) -> Membership:
    """Change a member's role; the last administrator of a territory cannot be demoted."""
    territory = membership.territory
    access_territory_as_admin(user=by, territory=territory)
    if role not in Role.values:
        raise ApplicationError(_("Ce rôle n'existe pas."), code="unknown_role")
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        admins = (
            Membership.objects.select_for_update()
            .filter(territory=territory, role=Role.ADMIN)
            .order_by("pk")
        )
        if len(admins) <= 1:
            raise ApplicationError(
                _("Le territoire doit garder au moins un administrateur ou une administratrice."),
                code="last_admin",
            )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_grant_actor_member(*, user: User, territory: Territory) -> Membership:
    """Make the user a member working for a local actor (joining the territory if needed).

    Called when someone joins an actor's team. Only plain members are raised to
    "actor member": moderators and administrators keep their wider role.
    """
    membership = membership_join(user=user, territory=territory)
    if membership.role == Role.MEMBER:
        membership.role = Role.ACTOR_MEMBER
        membership.save(update_fields=["role"])
        user.__dict__.pop("_pmvt_memberships", None)
    return membership
