"""Request types for views whose user is known to be logged in."""

from django.http import HttpRequest

from pmvt.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request behind login_required or an access_* check that refuses anonymous users."""

    user: User


def id_param(value: str | None) -> int | None:
    """A row id sent in a URL or a form, or None when it is not one.

    ASCII digits only: `str.isdigit()` also accepts "²", which `int()` then refuses. At most
    18 digits, which always fits a database bigint.
    """
    if value and len(value) <= 18 and value.isascii() and value.isdigit():
        return int(value)
    return None
