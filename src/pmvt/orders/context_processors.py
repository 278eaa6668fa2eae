"""The header's "Panier (n)" counter: a subquery of the header's one counting query."""

from django.db.models import Subquery
from django.http import HttpRequest

from pmvt.orders.selectors import cart_item_count_subquery
from pmvt.orders.views.common import session_cart_id
from pmvt.territories.models import Territory


def cart_counter(request: HttpRequest, territory: Territory) -> Subquery | None:
    user = request.user if request.user.is_authenticated else None
    cart_id = session_cart_id(request, territory) if hasattr(request, "session") else None
    return cart_item_count_subquery(territory=territory, user=user, cart_id=cart_id)
