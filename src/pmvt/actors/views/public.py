"""Public pages: the directory and map of actors, an actor's page, the weekly markets."""

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.actors.access import can_edit_actor_page, can_view_unpublished_actor
from pmvt.actors.formatting import hours_by_day
from pmvt.actors.forms import DirectoryFilterForm
from pmvt.actors.jsonld import actor_json_ld
from pmvt.actors.models import Actor, ActorLabel
from pmvt.actors.selectors import (
    actor_directory,
    actor_is_open,
    actor_map_points,
    actor_page,
    market_list,
    paris_time,
)
from pmvt.core.navigation import breadcrumbs
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

ACTORS_PER_PAGE = 20


def map_settings(markers: list[dict[str, Any]]) -> dict[str, Any]:
    """What map.js reads from the page: tiles (may be empty: no background), markers."""
    return {
        "tiles": settings.PMVT_MAP_TILE_URL,
        "attribution": settings.PMVT_MAP_ATTRIBUTION,
        "markers": markers,
    }


def _market_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Place des marchés"),
        reverse("portal:market", kwargs={"territory_slug": territory.slug}),
    )


def directory(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = DirectoryFilterForm(request.GET or None, territory=territory)
    actors = actor_directory(territory=territory, filters=form.to_filters())
    page_obj = Paginator(actors, ACTORS_PER_PAGE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "actors/directory.html",
        {
            "territory": territory,
            "current_door": "market",
            "form": form,
            "page_obj": page_obj,
            "querystring_base": f"{querystring.urlencode()}&" if querystring else "",
            "filtered": bool(querystring),
            "map_data": map_settings(actor_map_points(territory=territory, actors=actors)),
            "breadcrumb_items": breadcrumbs(
                territory, _market_trail(territory), (_("Annuaire des acteurs"), "")
            ),
        },
    )


def detail(request: HttpRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory = require_territory(request)
    actor = actor_page(territory=territory, slug=actor_slug)
    if actor is None:
        raise Http404
    if not actor.is_public and not can_view_unpublished_actor(user=request.user, actor=actor):
        raise Http404
    markers = []
    latitude = actor.latitude if actor.latitude is not None else actor.commune.latitude
    longitude = actor.longitude if actor.latitude is not None else actor.commune.longitude
    if latitude is not None and longitude is not None:
        markers.append(
            {
                "name": actor.display_name,
                "meta": actor.address,
                "url": "",
                "lat": float(latitude),
                "lng": float(longitude),
            }
        )
    now = paris_time()
    return render(
        request,
        "actors/detail.html",
        {
            "territory": territory,
            "current_door": "market",
            "actor": actor,
            "hours": hours_by_day(actor.opening_hours.all()),
            "has_hours": bool(actor.opening_hours.all()),
            "today": now.weekday(),
            "is_open": actor_is_open(actor=actor, at=now),
            "label_names": _label_names(actor),
            "map_data": map_settings(markers),
            "json_ld": actor_json_ld(actor=actor, request=request),
            "can_edit": can_edit_actor_page(user=request.user, actor=actor),
            "breadcrumb_items": breadcrumbs(
                territory,
                _market_trail(territory),
                (
                    _("Annuaire des acteurs"),
                    reverse("actors:directory", kwargs={"territory_slug": territory.slug}),
                ),
                (actor.display_name, ""),
            ),
        },
    )


def _label_names(actor: Actor) -> list[str]:
    return [str(ActorLabel(label).label) for label in actor.labels if label in ActorLabel.values]


def markets(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    return render(
        request,
        "actors/markets.html",
        {
            "territory": territory,
            "current_door": "market",
            "markets": market_list(territory=territory),
            "month": paris_time().month,
            "breadcrumb_items": breadcrumbs(
                territory, _market_trail(territory), (_("Marchés de plein vent"), "")
            ),
        },
    )


def markets_print(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    return render(
        request,
        "actors/markets_print.html",
        {
            "territory": territory,
            "current_door": "market",
            "markets": market_list(territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory,
                _market_trail(territory),
                (
                    _("Marchés de plein vent"),
                    reverse("actors:markets", kwargs={"territory_slug": territory.slug}),
                ),
                (_("Calendrier à imprimer"), ""),
            ),
        },
    )
