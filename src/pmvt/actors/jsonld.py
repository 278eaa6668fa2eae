"""schema.org LocalBusiness description of an actor's page, for search engines."""

from typing import Any

from django.http import HttpRequest

from pmvt.actors.models import Actor, Weekday

SCHEMA_DAYS = {
    Weekday.MONDAY: "https://schema.org/Monday",
    Weekday.TUESDAY: "https://schema.org/Tuesday",
    Weekday.WEDNESDAY: "https://schema.org/Wednesday",
    Weekday.THURSDAY: "https://schema.org/Thursday",
    Weekday.FRIDAY: "https://schema.org/Friday",
    Weekday.SATURDAY: "https://schema.org/Saturday",
    Weekday.SUNDAY: "https://schema.org/Sunday",
}


def actor_json_ld(*, actor: Actor, request: HttpRequest) -> dict[str, Any]:
    """The actor as a LocalBusiness, with what actor_page() prefetched."""
    commune = actor.commune
    address: dict[str, Any] = {
        "@type": "PostalAddress",
        "streetAddress": actor.address,
        "addressLocality": commune.name,
        "addressCountry": "FR",
    }
    if commune.postal_code_list:
        address["postalCode"] = commune.postal_code_list[0]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": actor.display_name,
        "url": request.build_absolute_uri(actor.get_absolute_url()),
        "address": address,
    }
    if actor.trade_name and actor.legal_name != actor.trade_name:
        data["legalName"] = actor.legal_name
    if actor.description:
        data["description"] = actor.description
    if actor.phone:
        data["telephone"] = actor.phone
    if actor.email:
        data["email"] = actor.email
    if actor.website:
        data["sameAs"] = [actor.website]
    latitude = actor.latitude if actor.latitude is not None else commune.latitude
    longitude = actor.longitude if actor.latitude is not None else commune.longitude
    if latitude is not None and longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(latitude),
            "longitude": float(longitude),
        }
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": SCHEMA_DAYS[Weekday(h.weekday)],
            "opens": h.opens.strftime("%H:%M"),
            "closes": h.closes.strftime("%H:%M"),
        }
        for h in actor.opening_hours.all()
    ]
    if hours:
        data["openingHoursSpecification"] = hours
    closures = [
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": c.start_date.isoformat(),
            "validThrough": c.end_date.isoformat(),
        }
        for c in getattr(actor, "upcoming_closures", [])
    ]
    if closures:
        data["specialOpeningHoursSpecification"] = closures
    photos = [request.build_absolute_uri(p.image.url) for p in actor.photos.all()]
    if photos:
        data["image"] = photos
    return data
