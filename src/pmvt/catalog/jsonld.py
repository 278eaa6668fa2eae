"""schema.org Product (or Service) description of an offer's page, for search engines."""

from typing import Any

from django.http import HttpRequest

from pmvt.catalog.models import Offer, OfferKind

AVAILABILITY = {
    "available": "https://schema.org/InStock",
    "in_stock": "https://schema.org/InStock",
    "low": "https://schema.org/LimitedAvailability",
    "sold_out": "https://schema.org/OutOfStock",
}


def offer_json_ld(*, offer: Offer, request: HttpRequest, seller_url: str) -> dict[str, Any]:
    """The offer with one schema.org Offer per format on sale (`offer.active_variants`)."""
    from pmvt.catalog.selectors import stock_state

    url = request.build_absolute_uri(offer.get_absolute_url())
    seller: dict[str, Any] = {"@type": "LocalBusiness", "name": offer.actor.display_name}
    if seller_url:
        seller["url"] = request.build_absolute_uri(seller_url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service" if offer.kind == OfferKind.SERVICE else "Product",
        "name": offer.name,
        "url": url,
        "category": str(offer.category),
    }
    if offer.description:
        data["description"] = offer.description
    if offer.image:
        data["image"] = request.build_absolute_uri(offer.image.url)
    if offer.kind == OfferKind.SERVICE:
        data["provider"] = seller
    else:
        data["brand"] = {"@type": "Brand", "name": offer.actor.display_name}
    data["offers"] = [
        {
            "@type": "Offer",
            "name": variant.label or offer.name,
            "sku": variant.sku,
            "price": f"{variant.price:.2f}",
            "priceCurrency": "EUR",
            "availability": AVAILABILITY[stock_state(variant)[0]],
            "url": url,
            "seller": seller,
        }
        for variant in getattr(offer, "active_variants", [])
    ]
    return data
