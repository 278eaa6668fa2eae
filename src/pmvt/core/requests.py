"""Request types for views whose user is known to be logged in."""

from django.http import HttpRequest

from pmvt.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request behind login_required or an access_* check that refuses anonymous users."""

    user: User
