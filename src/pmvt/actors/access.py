"""Permission rules on actors: who may edit an actor's page, catalog and orders.

Each helper raises PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from collections.abc import Set as AbstractSet

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, is_operator
from pmvt.actors.models import Actor, ActorStaff, ActorStatus, StaffRole
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory

# What each staff role may do.
PAGE_EDITORS = {StaffRole.OWNER, StaffRole.MANAGER}
CATALOG_EDITORS = {StaffRole.OWNER, StaffRole.MANAGER}
ORDER_HANDLERS = {StaffRole.OWNER, StaffRole.MANAGER, StaffRole.STAFF}
STAFF_MANAGERS = {StaffRole.OWNER}


def staff_role_of(*, user: AnyUser, actor: Actor) -> str | None:
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_pmvt_actor_roles", {})
    if actor.pk not in cache:
        cache[actor.pk] = (
            ActorStaff.objects.filter(actor=actor, user=user).values_list("role", flat=True).first()
        )
    return cache[actor.pk]


def actors_of_user(*, user: AnyUser, territory: Territory) -> list[Actor]:
    """The actors the user works for in this territory (any role)."""
    if not user.is_authenticated:
        return []
    return list(
        Actor.objects.filter(territory=territory, staff__user=user)
        .select_related("commune")
        .order_by("trade_name", "legal_name")
    )


def can_see_professional_prices(*, user: AnyUser, seller: Actor) -> bool:
    """Professional prices are for professionals: the staff of a verified actor of the
    seller's territory (who may buy at them), the seller's own staff, and the operator."""
    if not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    if staff_role_of(user=user, actor=seller) is not None:
        return True
    return Actor.objects.filter(
        territory_id=seller.territory_id, staff__user=user, status=ActorStatus.VERIFIED
    ).exists()


def _access_actor(*, user: AnyUser, actor: Actor, roles: AbstractSet[str], message) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour accéder à l'espace professionnel."))
    if is_operator(user):
        return
    if staff_role_of(user=user, actor=actor) in roles:
        return
    raise PermissionDeniedError(message)


def access_actor_page_as_editor(*, user: AnyUser, actor: Actor) -> None:
    _access_actor(
        user=user,
        actor=actor,
        roles=PAGE_EDITORS,
        message=_("Seuls les responsables et gérants de cet acteur peuvent modifier sa page."),
    )


def access_actor_catalog_as_editor(*, user: AnyUser, actor: Actor) -> None:
    _access_actor(
        user=user,
        actor=actor,
        roles=CATALOG_EDITORS,
        message=_(
            "Seuls les responsables et gérants de cet acteur peuvent modifier son catalogue."
        ),
    )


def access_actor_orders_as_staff(*, user: AnyUser, actor: Actor) -> None:
    _access_actor(
        user=user,
        actor=actor,
        roles=ORDER_HANDLERS,
        message=_("Seule l'équipe de cet acteur peut voir ses commandes."),
    )


def access_actor_back_office_as_staff(*, user: AnyUser, actor: Actor) -> None:
    """The seller back office home: anyone in the team (any role) and the operator."""
    _access_actor(
        user=user,
        actor=actor,
        roles=ORDER_HANDLERS,
        message=_("Seule l'équipe de cet acteur a accès à son espace professionnel."),
    )


def access_actor_staff_as_owner(*, user: AnyUser, actor: Actor) -> None:
    _access_actor(
        user=user,
        actor=actor,
        roles=STAFF_MANAGERS,
        message=_("Seul le ou la responsable de cet acteur peut gérer son équipe."),
    )


def access_actor_as_territory_admin(*, user: AnyUser, actor: Actor) -> None:
    """Verify, suspend or reinstate an actor: the territory's admins and the operator."""
    if not can_administer_territory(user=user, territory=actor.territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire vérifient les acteurs.")
        )


def can_edit_actor_page(*, user: AnyUser, actor: Actor) -> bool:
    return is_operator(user) or staff_role_of(user=user, actor=actor) in PAGE_EDITORS


def can_view_unpublished_actor(*, user: AnyUser, actor: Actor) -> bool:
    """A pending or suspended actor's page: its team, the territory's admins, the operator."""
    if not user.is_authenticated:
        return False
    if can_administer_territory(user=user, territory=actor.territory):
        return True
    return staff_role_of(user=user, actor=actor) is not None


def access_markets_as_territory_admin(*, user: AnyUser, territory: Territory) -> None:
    """Create, change or delete the territory's weekly markets: its admins and the operator."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer les marchés."))
    if not can_administer_territory(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire gèrent les marchés.")
        )


def access_market_stall(*, user: AnyUser, actor: Actor) -> None:
    """Say that an actor attends a market: the territory's admins, or the actor's editors."""
    if can_administer_territory(user=user, territory=actor.territory):
        return
    access_actor_page_as_editor(user=user, actor=actor)
