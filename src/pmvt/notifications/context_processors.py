"""The header's notifications link: the unread count, one query per request at most."""

from django.http import HttpRequest

from pmvt.notifications.selectors import unread_count

CACHE_ATTRIBUTE = "_pmvt_unread_notifications"


def unread_for_request(request: HttpRequest) -> int:
    """Unread notifications of the user on the request's territory, computed once per request."""
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    territory = getattr(request, "territory", None)
    user = getattr(request, "user", None)
    count = 0
    # Off-territory pages run outside any scope: the link shows without a count.
    if territory is not None and user is not None and user.is_authenticated:
        count = unread_count(user=user, territory=territory)
    setattr(request, CACHE_ATTRIBUTE, count)
    return count


def unread(request: HttpRequest) -> dict:
    return {"unread_notifications": unread_for_request(request)}
