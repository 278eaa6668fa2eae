"""Helpers shared by the workshop views: find the workshop, breadcrumbs, report errors."""

from typing import Any, cast

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs, maison_trail, values_trail
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory
from pmvt.workshops.access import can_view_workshop
from pmvt.workshops.errors import WorkshopFieldError
from pmvt.workshops.models import Workshop
from pmvt.workshops.selectors import workshop_of_territory


def list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Ateliers de co-construction"),
        reverse("workshops:list", kwargs={"territory_slug": territory.slug}),
    )


def trail(territory: Territory, *items: tuple[str, str]) -> list[tuple[str, str]]:
    return breadcrumbs(
        territory, values_trail(territory), maison_trail(territory), list_trail(territory), *items
    )


def workshop_url(workshop: Workshop, name: str, **kwargs: Any) -> str:
    kwargs |= {"territory_slug": workshop.territory.slug, "workshop_slug": workshop.slug}
    return reverse(f"workshops:{name}", kwargs=kwargs)


def me(request: HttpRequest) -> User:
    """The logged-in user of a view that checked it (access helpers refuse anonymous users)."""
    return cast(User, request.user)


def visible_workshop(request: HttpRequest, slug: str) -> Workshop:
    territory = require_territory(request)
    workshop = workshop_of_territory(territory=territory, slug=slug)
    if workshop is None or not can_view_workshop(user=request.user, workshop=workshop):
        raise Http404
    return workshop


def report(form: Any, error: ApplicationError) -> None:
    field = getattr(error, "field", None)
    if isinstance(error, WorkshopFieldError) and field in form.fields:
        form.add_error(field, str(error.message))
    else:
        form.add_error(None, str(error.message))
