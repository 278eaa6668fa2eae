"""What every club page shares: finding the club, its breadcrumbs, its header and tabs."""

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.clubs.access import (
    access_club_join,
    can_manage_club,
    can_post_in_club,
    can_read_club,
    can_view_club,
    club_membership_of,
)
from pmvt.clubs.models import Club, MembershipStatus
from pmvt.clubs.selectors import club_of_territory
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.core.navigation import breadcrumbs, values_trail
from pmvt.territories.models import Territory


def club_or_404(request: HttpRequest, territory: Territory, club_slug: str) -> Club:
    club = club_of_territory(territory=territory, slug=club_slug)
    if club is None or not can_view_club(user=request.user, club=club):
        raise Http404
    return club


def clubs_trail(territory: Territory) -> tuple[str, str]:
    return (_("Clubs"), reverse("clubs:list", kwargs={"territory_slug": territory.slug}))


def club_trail(territory: Territory, club: Club, *trail: tuple[str, str]) -> list:
    """Home › Valeurs territoriales › Clubs › <club> [› ...]."""
    items = [values_trail(territory), clubs_trail(territory)]
    if trail:
        items.append((club.name, club.get_absolute_url()))
        items.extend(trail)
    else:
        items.append((club.name, ""))
    return breadcrumbs(territory, *items)


def join_refusal(request: HttpRequest, club: Club) -> str:
    """Why the visitor cannot join ('' if they can, or already belong)."""
    if club_membership_of(user=request.user, club=club) is not None:
        return ""
    try:
        access_club_join(user=request.user, club=club)
    except PermissionDeniedError as error:
        return str(error.message)
    return ""


def club_context(request: HttpRequest, club: Club, tab: str) -> dict[str, Any]:
    """The club's header: who I am in it, what I may do, its tabs."""
    user = request.user
    membership = club_membership_of(user=user, club=club)
    can_manage = can_manage_club(user=user, club=club)
    return {
        "territory": club.territory,
        "current_door": "values",
        "club": club,
        "membership": membership,
        "join_refusal": join_refusal(request, club),
        "can_read": can_read_club(user=user, club=club),
        "can_post": can_post_in_club(user=user, club=club),
        "can_manage": can_manage,
        "pending_count": club.memberships.filter(status=MembershipStatus.PENDING).count()
        if can_manage
        else 0,
        "tab": tab,
    }
