"""Breadcrumbs: the same trail shape on every page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.territories.models import Territory


def breadcrumbs(territory: Territory | None, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    """[(label, url), ...] from the home of the territory (or the federation) to this page."""
    if territory is None:
        home = (_("Accueil"), reverse("portal:index"))
    else:
        home = (_("Accueil"), reverse("portal:home", kwargs={"territory_slug": territory.slug}))
    return [home, *trail]


def values_trail(territory: Territory) -> tuple[str, str]:
    """The breadcrumb step of the Valeurs territoriales door, shared by all its areas."""
    return (
        _("Valeurs territoriales"),
        reverse("portal:values", kwargs={"territory_slug": territory.slug}),
    )


def maison_trail(territory: Territory) -> tuple[str, str]:
    """The breadcrumb step of the Maison de création de valeur, shared by its areas."""
    return (
        _("Maison de création de valeur"),
        reverse("maison:home", kwargs={"territory_slug": territory.slug}),
    )


def market_trail(territory: Territory) -> tuple[str, str]:
    """The breadcrumb step of the Place des marchés door, shared by all its areas."""
    return (
        _("Place des marchés"),
        reverse("portal:market", kwargs={"territory_slug": territory.slug}),
    )
