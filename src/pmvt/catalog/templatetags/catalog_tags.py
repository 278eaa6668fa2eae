"""Template helpers of the catalog: label and allergen names, stock states.

Load with `{% load catalog_tags %}`.
"""

from typing import Any

from django import template
from django.core.paginator import Paginator
from django.urls import reverse

from pmvt.actors.models import Actor
from pmvt.catalog.models import Allergen, OfferLabel, OfferVariant
from pmvt.catalog.selectors import actor_public_offers, stock_state

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


@register.inclusion_tag("catalog/_actor_offers.html", takes_context=True)
def actor_offers(context: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """The actor's offers on sale, as cards, a page at a time (`?page=2`), on its page.

    A template tag keeps the dependency one way: the catalog knows actors, not the reverse.
    Two queries whatever the page size: the count and the page with its card fields.
    """
    request = context["request"]
    territory = context.get("territory") or actor.territory
    actor.territory = territory
    paginator = Paginator(actor_public_offers(actor=actor), ACTOR_OFFERS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return {
        "actor": actor,
        "territory": territory,
        "page_obj": page,
        "offers": list(page.object_list),
        "cart_add_url": reverse("orders:cart_add", kwargs={"territory_slug": territory.slug}),
        "page_path": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
