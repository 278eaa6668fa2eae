"""Template helpers of the catalog: label and allergen names, stock states.

Load with `{% load catalog_tags %}`.
"""

from django import template

from pmvt.catalog.models import Allergen, OfferLabel, OfferVariant
from pmvt.catalog.selectors import stock_state

register = template.Library()

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
