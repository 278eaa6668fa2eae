"""Template context every page needs: the current territory and what the user may do there."""

from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from pmvt.accounts.access import can_administer_territory, can_moderate_territory, membership_of
from pmvt.accounts.models import Role
from pmvt.territories.middleware import LAST_TERRITORY_COOKIE
from pmvt.territories.models import Territory

# The header's and footer's links, by key: reversed once per process (and territory), not at
# every page (about fifteen reverse() calls a page otherwise).
_SITE_URLS = {
    "index": "portal:index",
    "set_language": "set_language",
    "my_data": "accounts:my_data",
    "login": "account_login",
    "logout": "account_logout",
    "signup": "account_signup",
    "site_legal": "portal:site_legal",
    "site_privacy": "portal:site_privacy",
    "site_accessibility": "portal:site_accessibility",
    "site_terms": "portal:site_terms",
}
_TERRITORY_URLS = {
    "home": "portal:home",
    "market": "portal:market",
    "values": "portal:values",
    "theme_css": "portal:theme_css",
    "cart": "orders:cart",
    "notifications": "notifications:inbox",
    "profile": "accounts:territory_profile",
    "pro": "actors:pro_index",
    "moderation": "community:queue",
    "backoffice": "backoffice:dashboard",
    "legal": "portal:legal",
    "privacy": "portal:privacy",
    "accessibility": "portal:accessibility",
    "terms": "portal:terms",
    "contact": "portal:contact",
}


@cache
def site_urls(territory_slug: str = "") -> dict[str, str]:
    """The links of every page's header and footer, for this territory (or none)."""
    urls = {key: reverse(name) for key, name in _SITE_URLS.items()}
    if territory_slug:
        kwargs = {"territory_slug": territory_slug}
        urls.update({key: reverse(name, kwargs=kwargs) for key, name in _TERRITORY_URLS.items()})
    return urls


def site(request: HttpRequest) -> dict:
    territory = getattr(request, "territory", None)
    if territory is None:
        # Off-territory pages (account, root) keep the doors of the last territory visited.
        slug = request.GET.get("territoire") or request.COOKIES.get(LAST_TERRITORY_COOKIE)
        if slug:
            territory = Territory.objects.filter(slug=slug, is_active=True).first()
    user = request.user
    logged_in = user.is_authenticated
    return {
        "site_territory": territory,
        "site_urls": site_urls(territory.slug if territory else ""),
        "operator": settings.PMVT_OPERATOR,
        "terms_version": settings.PMVT_TERMS_VERSION,
        "terms_outdated": logged_in
        and getattr(user, "terms_version", "") != settings.PMVT_TERMS_VERSION,
        "can_administer": bool(
            territory and logged_in and can_administer_territory(user=user, territory=territory)
        ),
        # Free: membership_of() is cached on the user for the request.
        "is_actor_member": bool(
            territory
            and logged_in
            and (m := membership_of(user=user, territory=territory)) is not None
            and m.role == Role.ACTOR_MEMBER
        ),
        "can_moderate": bool(
            territory and logged_in and can_moderate_territory(user=user, territory=territory)
        ),
    }
