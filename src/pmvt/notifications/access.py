"""Permission rules of the notifications area.

`access_*` helpers raise PermissionDeniedError (the login page for anonymous visitors) or
Http404 where another person's notification must stay hidden; `can_*` return a bool.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser
from pmvt.accounts.models import User
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.notifications.models import Notification
from pmvt.notifications.selectors import notification_of_user
from pmvt.territories.models import Territory


def can_use_inbox(*, user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def access_inbox(*, user: AnyUser) -> User:
    if not can_use_inbox(user=user):
        raise PermissionDeniedError(_("Connectez-vous pour voir vos notifications."))
    assert isinstance(user, User)
    return user


def access_notification_as_recipient(
    *, user: AnyUser, territory: Territory, notification_id: int
) -> Notification:
    """The user's own notification on this territory; any other is a 404, never a 403."""
    recipient = access_inbox(user=user)
    notification = notification_of_user(
        user=recipient, territory=territory, notification_id=notification_id
    )
    if notification is None:
        raise Http404
    return notification
