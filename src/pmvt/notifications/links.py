"""Absolute links for emails, and the signed unsubscribe token (no login needed to use it)."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from pmvt.accounts.models import User

UNSUBSCRIBE_SALT = "pmvt.notifications.unsubscribe"
# An email may be read months later: the link stays valid for a year.
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365
DEFAULT_SITE_URL = "http://localhost:8000"


def site_url() -> str:
    """The platform's public address (PMVT_SITE_URL), for links read outside the site."""
    return (settings.PMVT_SITE_URL or DEFAULT_SITE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return f"{site_url()}/{path.lstrip('/')}"


@dataclass(frozen=True)
class UnsubscribeRequest:
    user_id: int
    kind: str  # "" for every email that is not mandatory.


def unsubscribe_token(*, user: User, kind: str = "") -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> UnsubscribeRequest | None:
    """The request a token carries, or None when it was altered or has expired."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature.
        return None
    if not isinstance(data, dict):
        return None
    user_id, kind = data.get("u"), data.get("k", "")
    if not isinstance(user_id, int) or not isinstance(kind, str):
        return None
    return UnsubscribeRequest(user_id=user_id, kind=kind)


def unsubscribe_url(*, user: User, kind: str = "") -> str:
    token = unsubscribe_token(user=user, kind=kind)
    return absolute_url(reverse("notifications:unsubscribe", kwargs={"token": token}))
