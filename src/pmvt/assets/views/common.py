"""What the assets' views share: the breadcrumb trail, error reporting, finding an asset."""

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.assets.access import can_view_asset
from pmvt.assets.models import Asset
from pmvt.assets.selectors import asset_of_territory
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs, maison_trail, values_trail
from pmvt.territories.models import Territory

DOOR = "values"


def list_url(territory: Territory) -> str:
    return reverse("assets:list", kwargs={"territory_slug": territory.slug})


def trail(territory: Territory, *items: tuple[str, str]) -> list[tuple[str, str]]:
    """Accueil › Valeurs territoriales › Maison › Biens à partager › …"""
    return breadcrumbs(
        territory,
        values_trail(territory),
        maison_trail(territory),
        (_("Biens à partager"), list_url(territory)),
        *items,
    )


def report(form: Any, error: ApplicationError) -> None:
    """Show a service's error beside its field when the form has it, else at the top."""
    field = getattr(error, "field", "")
    if field and field in form.fields:
        form.add_error(field, str(error.message))
    else:
        form.add_error(None, str(error.message))


def visible_asset(request: HttpRequest, territory: Territory, slug: str) -> Asset:
    asset = asset_of_territory(territory=territory, slug=slug)
    if asset is None or not can_view_asset(user=request.user, asset=asset):
        raise Http404
    return asset


def querystring_base(request: HttpRequest) -> str:
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return f"{querystring.urlencode()}&" if querystring else ""
