"""Resolve the current territory: from a custom host name, then from the /t/<slug>/ prefix."""

import re
from collections.abc import Callable

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_scopes import scope, scopes_disabled

from pmvt.territories.cache import territory_for_slug
from pmvt.territories.models import Territory, TerritoryDomain

LAST_TERRITORY_COOKIE = "pmvt_territoire"
LAST_TERRITORY_MAX_AGE = 60 * 60 * 24 * 365
TERRITORY_PATH = re.compile(r"^/t/(?P<slug>[-\w]+)/")
# Paths a custom host serves as they are, outside the territory prefix.
GLOBAL_PREFIXES = (
    "/t/",
    "/static/",
    "/media/",
    "/api/",
    "/compte/",
    "/admin/",
    "/healthz",
    "/i18n/",
)
DOMAIN_CACHE_SECONDS = 60


def territory_slug_for_host(host: str) -> str:
    """Slug of the territory a custom host name serves, or '' (cached, shared via Redis)."""
    key = f"territory-host:{host}"
    slug = cache.get(key)
    if slug is None:
        with scopes_disabled():
            domain = (
                TerritoryDomain.objects.select_related("territory").filter(hostname=host).first()
            )
        slug = domain.territory.slug if domain and domain.territory.is_active else ""
        cache.set(key, slug, DOMAIN_CACHE_SECONDS)
    return slug


class TerritoryHostMiddleware:
    """On a territory's own host name, serve its pages without the /t/<slug>/ prefix."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        host = request.get_host().split(":")[0].lower()
        if host not in {"127.0.0.1", "localhost", "testserver"}:
            slug = territory_slug_for_host(host)
            if slug and not request.path_info.startswith(GLOBAL_PREFIXES):
                request.path_info = f"/t/{slug}{request.path_info}"
        return self.get_response(request)


class TerritoryScopeMiddleware:
    """Set request.territory and activate its scope, so territorial queries cannot leak."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = TERRITORY_PATH.match(request.path_info)
        request.territory = None  # type: ignore[attr-defined]
        if match is None:
            if request.path_info.startswith("/admin/"):
                # The operator's Django admin sees every territory on purpose.
                with scopes_disabled():
                    return self.get_response(request)
            return self.get_response(request)
        territory = territory_for_slug(match["slug"])
        if territory is None:
            return render(request, "404.html", status=404)
        request.territory = territory  # type: ignore[attr-defined]
        with scope(territory=territory):
            response = self.get_response(request)
        if request.COOKIES.get(LAST_TERRITORY_COOKIE) != territory.slug:
            response.set_cookie(
                LAST_TERRITORY_COOKIE,
                territory.slug,
                max_age=LAST_TERRITORY_MAX_AGE,
                samesite="Lax",
                httponly=True,
            )
        return response


def require_territory(request: HttpRequest) -> Territory:
    territory = getattr(request, "territory", None)
    if territory is None:
        raise Http404
    return territory
