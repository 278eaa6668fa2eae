"""Shared bits of the skills pages: breadcrumb steps, error reporting."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs, maison_trail, values_trail
from pmvt.territories.models import Territory


def list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Compétences et temps"),
        reverse("skills:list", kwargs={"territory_slug": territory.slug}),
    )


def skills_breadcrumbs(territory: Territory, *items: tuple[str, str]) -> list[tuple[str, str]]:
    """Accueil › Valeurs territoriales › Maison › … › this page."""
    return breadcrumbs(territory, values_trail(territory), maison_trail(territory), *items)


def report(form: Any, error: ApplicationError) -> None:
    """Show a service error beside its field (or at the top of the form)."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error.message))
