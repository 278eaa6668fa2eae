"""Count wrong codes per person and address in the cache: 5 per 10 minutes, then wait."""

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from pmvt.core.exceptions import ApplicationError
from pmvt.vouchers.errors import VoucherErrorCode

MAX_WRONG_CODES = 5
WINDOW_SECONDS = 600


def _key(scope: str, request: HttpRequest) -> str:
    ip = request.META.get("REMOTE_ADDR", "")
    return f"pmvt:vouchers:wrong:{scope}:{ip}"


def check_not_limited(scope: str, request: HttpRequest) -> None:
    if (cache.get(_key(scope, request)) or 0) >= MAX_WRONG_CODES:
        raise ApplicationError(
            _(
                "Trop de codes erronés : par sécurité, attendez 10 minutes avant "
                "d'essayer à nouveau."
            ),
            code=VoucherErrorCode.RATE_LIMITED,
        )


def record_wrong_code(scope: str, request: HttpRequest) -> None:
    key = _key(scope, request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)
