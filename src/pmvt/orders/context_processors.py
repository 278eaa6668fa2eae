"""The header's "Panier (n)" link: one query at most, none for a visitor without a cart."""

from django.http import HttpRequest

from pmvt.orders.selectors import cart_item_count
from pmvt.orders.views.common import session_cart_id


def cart(request: HttpRequest) -> dict:
    territory = getattr(request, "territory", None)
    if territory is None:
        # Off-territory pages run outside any scope: the link shows without a count.
        return {"cart_count": 0}
    user = request.user if request.user.is_authenticated else None
    cart_id = session_cart_id(request, territory) if hasattr(request, "session") else None
    if user is None and cart_id is None:
        return {"cart_count": 0}
    return {"cart_count": cart_item_count(territory=territory, user=user, cart_id=cart_id)}
