"""The header's notifications counter: a subquery of the header's one counting query."""

from django.db.models import Subquery
from django.http import HttpRequest

from pmvt.core.header_counts import header_counts
from pmvt.notifications.selectors import unread_count_subquery
from pmvt.territories.models import Territory


def unread_counter(request: HttpRequest, territory: Territory) -> Subquery | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return unread_count_subquery(user=user, territory=territory)


def unread_for_request(request: HttpRequest) -> int:
    """Unread notifications of the user on the request's territory, computed once per request."""
    return header_counts(request).get("unread_notifications", 0)
