"""Template context every page needs: the current territory and what the user may do there."""

from django.conf import settings
from django.http import HttpRequest

from pmvt.accounts.access import can_administer_territory, can_moderate_territory, membership_of
from pmvt.accounts.models import Role
from pmvt.territories.middleware import LAST_TERRITORY_COOKIE
from pmvt.territories.models import Territory


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
