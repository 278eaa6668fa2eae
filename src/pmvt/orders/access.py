"""Permission rules on carts, orders and fulfilment settings.

`access_*` helpers raise PermissionDeniedError (403, or the login page for anonymous visitors)
or Http404 where the existence of an order must stay hidden; `can_*` return a bool.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import (
    AnyUser,
    access_territory_as_admin,
    can_administer_territory,
    has_two_factor,
    is_operator,
)
from pmvt.actors.access import ORDER_HANDLERS, staff_role_of
from pmvt.actors.models import Actor, ActorStatus, StaffRole
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.orders.models import Order
from pmvt.territories.models import Territory

SETTINGS_EDITORS = {StaffRole.OWNER, StaffRole.MANAGER}


def _require_login(user: AnyUser, message) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(message)


def _is_territory_support(*, user: AnyUser, actor: Actor) -> bool:
    """The operator and the actor's territory admins help sellers (assisted orders, support)."""
    return is_operator(user) or can_administer_territory(user=user, territory=actor.territory)


def _require_two_factor_for_support(user: AnyUser) -> None:
    if not has_two_factor(user):
        raise PermissionDeniedError(
            _("Activez d'abord la double authentification pour agir au nom d'un vendeur.")
        )


def can_handle_orders(*, user: AnyUser, actor: Actor) -> bool:
    if not user.is_authenticated:
        return False
    if staff_role_of(user=user, actor=actor) in ORDER_HANDLERS:
        return True
    return _is_territory_support(user=user, actor=actor) and has_two_factor(user)


def access_seller_orders(*, user: AnyUser, actor: Actor) -> None:
    """See and handle the orders of an actor: its staff, its territory's admins, the operator."""
    _require_login(user, _("Connectez-vous pour accéder à l'espace professionnel."))
    if staff_role_of(user=user, actor=actor) in ORDER_HANDLERS:
        return
    if _is_territory_support(user=user, actor=actor):
        _require_two_factor_for_support(user)
        return
    raise PermissionDeniedError(_("Seule l'équipe de cet acteur peut voir ses commandes."))


def access_seller_settings(*, user: AnyUser, actor: Actor) -> None:
    """Change slots, delivery and payment settings: the actor's owners and managers."""
    _require_login(user, _("Connectez-vous pour accéder à l'espace professionnel."))
    if is_operator(user):
        _require_two_factor_for_support(user)
        return
    if staff_role_of(user=user, actor=actor) in SETTINGS_EDITORS:
        return
    raise PermissionDeniedError(
        _(
            "Seuls les responsables et gérants de cet acteur peuvent modifier ses créneaux, "
            "sa livraison et ses moyens de paiement."
        )
    )


def access_order_as_seller(*, user: AnyUser, actor: Actor, number: str) -> Order:
    """An order received by this actor; another seller's order number is not found."""
    access_seller_orders(user=user, actor=actor)
    order = (
        Order.objects.filter(seller=actor, number=number)
        .select_related("seller", "territory", "pickup_slot", "pickup_point", "delivery_round")
        .select_related("delivery_commune", "buyer_actor")
        .first()
    )
    if order is None:
        raise Http404
    return order


def access_order_as_buyer(*, user: AnyUser, territory: Territory, number: str) -> Order:
    """One of the user's own orders; anybody else's number is not found."""
    _require_login(user, _("Connectez-vous pour voir vos commandes."))
    order = (
        Order.objects.filter(territory=territory, number=number, buyer_id=user.pk)
        .select_related("seller", "territory", "pickup_slot", "pickup_point", "delivery_round")
        .select_related("delivery_commune", "buyer_actor")
        .first()
    )
    if order is None:
        raise Http404
    return order


def access_checkout(*, user: AnyUser) -> None:
    _require_login(user, _("Connectez-vous pour valider votre commande."))


def access_buying_as_professional(*, user: AnyUser, actor: Actor) -> None:
    """Buy for an actor at professional prices: its staff, once the actor is verified."""
    _require_login(user, _("Connectez-vous pour acheter en tant que professionnel."))
    if staff_role_of(user=user, actor=actor) is None:
        raise PermissionDeniedError(
            _("Vous ne faites pas partie de l'équipe de %(actor)s.") % {"actor": actor}
        )
    if actor.status != ActorStatus.VERIFIED:
        raise PermissionDeniedError(
            _("%(actor)s doit être vérifié pour acheter en tant que professionnel.")
            % {"actor": actor}
        )


def access_logistics_as_admin(*, user: AnyUser, territory: Territory) -> None:
    """Pickup points and collective delivery rounds: the territory's admins and the operator."""
    access_territory_as_admin(user=user, territory=territory)
