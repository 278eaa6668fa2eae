"""Helpers shared by the vouchers views."""

from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.core.navigation import breadcrumbs, market_trail
from pmvt.territories.models import Territory


def market_crumbs(territory: Territory, *items: tuple[str, str]) -> list[tuple[str, str]]:
    return breadcrumbs(
        territory,
        market_trail(territory),
        (_("Bons d'achat"), reverse("vouchers:home", kwargs={"territory_slug": territory.slug})),
        *items,
    )


def first_name(user) -> str:
    """What the seller may see of the holder: the first word of their displayed name."""
    if user is None:
        return ""
    name = (getattr(user, "display_name", "") or "").strip()
    return name.split()[0] if name else _("(nom non renseigné)")
