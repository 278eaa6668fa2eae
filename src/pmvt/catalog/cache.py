"""Cache of the public catalog: its facet counts and its search pages as HTML.

Counting facets over a territory's whole catalog (100,000 offers) costs a few hundred
milliseconds; the same few searches come back all day. Results are cached under a key that
holds the territory's `catalog_version`, which every change to the public catalog bumps
after commit (offers written or (de)activated, formats, categories, actors verified or
suspended). The version is a column of the territory row that each request loads anyway: no
extra query, and every worker process sees a change at once, with Redis or without.

Stock moves with every order, so it does not bump the version, except when a format sells
out or comes back (the cards say "Épuisé"); adding to the cart checks the real stock anyway.
The cached HTML holds a placeholder where each visitor's CSRF token goes.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from pmvt.territories.cache import versions_bump
from pmvt.territories.models import Territory

T = TypeVar("T")


# Stands for the visitor's CSRF token in cached HTML that holds "add to cart" forms.
CSRF_PLACEHOLDER = "pmvt-csrf-token-placeholder"


def with_visitor_token(html: str, request: HttpRequest) -> SafeString:
    """Cached HTML, with this visitor's own CSRF token in its forms."""
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 - our own rendered template


def catalog_changed(*, territory_ids: Iterable[int]) -> None:
    """Invalidate the catalog caches of these territories once the transaction commits."""
    versions_bump(territory_ids=territory_ids, field="catalog_version")


def catalog_cache_key(territory: Territory, kind: str, *parts: object) -> str:
    """A key for this territory's catalog as it is now, today, in the current language."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return ":".join(
        [
            "catalog",
            kind,
            str(territory.pk),
            str(territory.catalog_version),
            # Offers leave the public set the day after their availability ends.
            timezone.localdate().isoformat(),
            translation.get_language() or "",
            digest,
        ]
    )


# Pages (HTML strings, immutable) are also kept in each worker's memory in front of Redis: the
# same few pages come back all day, and the key's version makes a stale copy unreachable.
# A lock, for gunicorn's threaded workers (GUNICORN_THREADS > 1).
_LOCAL_PAGES: OrderedDict[str, tuple[float, str]] = OrderedDict()
_LOCAL_PAGES_MAX = 256
_LOCAL_LOCK = threading.Lock()


def catalog_cache_get(key: str) -> Any:
    """The value cached under this key, or None (always None when the cache is off)."""
    if not settings.PMVT_CATALOG_CACHE_SECONDS:
        return None
    with _LOCAL_LOCK:
        local = _LOCAL_PAGES.get(key)
        if local is not None and local[0] > time.monotonic():
            _LOCAL_PAGES.move_to_end(key)
            return local[1]
    value = cache.get(key)
    if isinstance(value, str):
        _remember(key, value)
    return value


def catalog_cache_set(key: str, value: Any) -> None:
    # The lifetime is a safety net only: correctness comes from the version in the key.
    # 0 turns the cache off (the test settings do, except for the tests of this module).
    if settings.PMVT_CATALOG_CACHE_SECONDS:
        cache.set(key, value, settings.PMVT_CATALOG_CACHE_SECONDS)
        if isinstance(value, str):
            _remember(key, value)


def catalog_forget_local_pages() -> None:
    """Empty this process's copy (the tests start each from an empty cache)."""
    with _LOCAL_LOCK:
        _LOCAL_PAGES.clear()


def _remember(key: str, page: str) -> None:
    with _LOCAL_LOCK:
        _LOCAL_PAGES[key] = (time.monotonic() + settings.PMVT_CATALOG_CACHE_SECONDS, page)
        _LOCAL_PAGES.move_to_end(key)
        while len(_LOCAL_PAGES) > _LOCAL_PAGES_MAX:
            _LOCAL_PAGES.popitem(last=False)


def catalog_cached(key: str, compute: Callable[[], T]) -> T:
    value = catalog_cache_get(key)
    if value is None:
        value = compute()
        catalog_cache_set(key, value)
    return value
