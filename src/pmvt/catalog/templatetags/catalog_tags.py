"""Template helpers of the catalog: label and allergen names, stock states.

Load with `{% load catalog_tags %}`.
"""

from typing import Any

from django import template
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from pmvt.actors.models import Actor
from pmvt.catalog.cache import (
    CSRF_PLACEHOLDER,
    catalog_cache_key,
    catalog_cached,
    with_visitor_token,
)
from pmvt.catalog.models import Allergen, OfferLabel, OfferVariant
from pmvt.catalog.selectors import actor_public_offers, stock_state
from pmvt.core.requests import id_param
from pmvt.territories.models import Territory

register = template.Library()

ACTOR_OFFERS_PER_PAGE = 12

STOCK_TONES = {"available": "success", "in_stock": "success", "low": "warning", "sold_out": "error"}


@register.filter
def offer_label(value: str) -> str:
    """ "bio" → "Agriculture biologique"."""
    return str(OfferLabel(value).label) if value in OfferLabel.values else value


@register.filter
def allergen(value: str) -> str:
    """ "milk" → "Lait"."""
    return str(Allergen(value).label) if value in Allergen.values else value


@register.filter
def stock_text(variant: OfferVariant) -> str:
    """ "En stock", "Plus que 3", "Épuisé" or "Disponible" (stock not tracked)."""
    return stock_state(variant)[1]


@register.filter
def stock_tone(variant: OfferVariant) -> str:
    """The badge tone of the stock state."""
    return STOCK_TONES[stock_state(variant)[0]]


@register.simple_tag(takes_context=True)
def actor_offers(context: dict[str, Any], actor: Actor) -> SafeString:
    """The actor's offers on sale, as cards, a page at a time (`?page=2`), on its page.

    A template tag keeps the dependency one way: the catalog knows actors, not the reverse.
    Two queries whatever the page size: the count and the page with its card fields. Like the
    catalog page, the section is the same for every visitor: it is cached as HTML until the
    catalog changes (see catalog.cache), each visitor's CSRF token put in on the way out.
    """
    request = context["request"]
    territory = context.get("territory") or actor.territory
    actor.territory = territory
    number = _page_number(request.GET.get("page"))
    key = catalog_cache_key(territory, "actor-offers", actor.pk, number, request.path)
    html = catalog_cached(key, lambda: _render_actor_offers(actor, territory, number, request.path))
    return with_visitor_token(html, request)


def _page_number(raw: str | None) -> int:
    """The page asked for; anything else than a plain number up to 99999 means the first."""
    number = id_param(raw)
    return number if number is not None and 0 < number <= 99_999 else 1


def _render_actor_offers(actor: Actor, territory: Territory, number: int, path: str) -> str:
    page = Paginator(actor_public_offers(actor=actor), ACTOR_OFFERS_PER_PAGE).get_page(number)
    return render_to_string(
        "catalog/_actor_offers.html",
        {
            "actor": actor,
            "territory": territory,
            "page_obj": page,
            "offers": list(page.object_list),
            "cart_add_url": reverse("orders:cart_add", kwargs={"territory_slug": territory.slug}),
            # Back to the same page of offers after adding one to the cart.
            "page_path": f"{path}?page={page.number}" if page.number > 1 else path,
            "csrf_token": CSRF_PLACEHOLDER,
        },
    )
