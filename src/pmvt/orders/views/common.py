"""Helpers shared by the orders views: the visitor's cart, actors by slug, safe links."""

from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from pmvt.actors.models import Actor, ActorStatus
from pmvt.catalog.models import OfferVariant
from pmvt.core.queries import only_row
from pmvt.orders.models import Cart
from pmvt.orders.services.carts import (
    cart_add,
    cart_add_for_user,
    cart_for_session,
    cart_for_user,
    cart_merge,
)
from pmvt.territories.models import Territory

# session[SESSION_CARTS] = {territory id: anonymous cart id}; session data survives the new
# session key Django issues at login, so the cart can be merged into the user's one.
SESSION_CARTS = "pmvt_carts"


def session_cart_id(request: HttpRequest, territory: Territory) -> int | None:
    carts = request.session.get(SESSION_CARTS) or {}
    value = carts.get(str(territory.pk))
    return int(value) if value else None


def _forget_session_cart(request: HttpRequest, territory: Territory) -> None:
    carts = dict(request.session.get(SESSION_CARTS) or {})
    if carts.pop(str(territory.pk), None) is not None:
        request.session[SESSION_CARTS] = carts


def request_cart(request: HttpRequest, territory: Territory, *, create: bool) -> Cart | None:
    """The visitor's cart; at the first request after login, the anonymous cart joins it."""
    anonymous_id = session_cart_id(request, territory)
    anonymous = None
    if anonymous_id is not None:
        anonymous = only_row(
            Cart.objects.filter(pk=anonymous_id, territory=territory, user__isnull=True)
        )
    user = request.user
    if user.is_authenticated:
        cart = only_row(Cart.objects.filter(territory=territory, user=user))
        if cart is not None:
            cart.territory = territory  # Known: saves a query in the services.
        if cart is None and (create or anonymous is not None):
            cart = cart_for_user(territory=territory, user=user)
        if anonymous is not None and cart is not None:
            cart_merge(source=anonymous, target=cart)
        if anonymous_id is not None:
            _forget_session_cart(request, territory)
        return cart
    if anonymous is not None:
        return anonymous
    if not create:
        return None
    if request.session.session_key is None:
        request.session.save()
    cart = cart_for_session(territory=territory, session_key=request.session.session_key or "")
    carts = dict(request.session.get(SESSION_CARTS) or {})
    carts[str(territory.pk)] = cart.pk
    request.session[SESSION_CARTS] = carts
    return cart


def add_to_visitor_cart(
    request: HttpRequest, territory: Territory, variant: OfferVariant, quantity: int
) -> None:
    """Add units to the visitor's cart. The variant was read with its offer and seller.

    The common case, a signed-in buyer with no anonymous cart left to merge, does not read
    the cart first: the statement that adds finds it by its owner.
    """
    user = request.user
    if user.is_authenticated and session_cart_id(request, territory) is None:
        cart_add_for_user(territory=territory, user=user, variant=variant, quantity=quantity)
        return
    visitor_cart = request_cart(request, territory, create=True)
    assert visitor_cart is not None
    cart_add(cart=visitor_cart, variant=variant, quantity=quantity, fresh=True)


def actor_or_404(territory: Territory, actor_slug: str, *, public: bool = False) -> Actor:
    actor = Actor.objects.filter(territory=territory, slug=actor_slug).first()
    if actor is None or (public and actor.status != ActorStatus.VERIFIED):
        raise Http404
    return actor


def optional_url(name: str, **kwargs) -> str:
    """The URL, or "" while the page belongs to an area that is not installed yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def trail(*items: tuple[str, str]) -> list[tuple[str, str]]:
    """Breadcrumb items without the links that do not exist (yet); the last one stays."""
    *parents, last = items
    return [item for item in parents if item[1]] + [last]
