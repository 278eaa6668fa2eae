"""Writes on weekly markets and the producers' stalls."""

from collections.abc import Mapping
from datetime import time
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.access import access_market_stall, access_markets_as_territory_admin
from pmvt.actors.errors import ActorErrorCode
from pmvt.actors.models import Actor, Market, MarketStall, Weekday
from pmvt.actors.services.actors import ActorFieldError, clean_coordinate
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Commune, Territory

MARKET_FIELDS = frozenset(
    {
        "name",
        "commune",
        "place",
        "weekday",
        "start_time",
        "end_time",
        "season_start_month",
        "season_end_month",
        "description",
        "latitude",
        "longitude",
    }
)


def _clean_market(*, territory: Territory, values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    name = " ".join(str(values.get("name") or "").split())
    if not name or len(name) > 200:
        raise ActorFieldError(
            _("Indiquez le nom du marché (200 caractères au plus)."), field="name"
        )
    cleaned["name"] = name
    commune = values.get("commune")
    if not isinstance(commune, Commune) or commune.territory_id != territory.pk:
        raise ActorFieldError(
            _("Choisissez une commune du territoire."),
            field="commune",
            code=ActorErrorCode.COMMUNE_OUTSIDE_TERRITORY,
        )
    cleaned["commune"] = commune
    place = " ".join(str(values.get("place") or "").split())
    if not place or len(place) > 255:
        raise ActorFieldError(
            _("Indiquez le lieu du marché, par exemple « place de la Bouquerie »."), field="place"
        )
    cleaned["place"] = place
    weekday = values.get("weekday")
    if weekday not in Weekday.values:
        raise ActorFieldError(_("Choisissez le jour du marché."), field="weekday")
    cleaned["weekday"] = weekday
    start, end = values.get("start_time"), values.get("end_time")
    if not isinstance(start, time) or not isinstance(end, time):
        raise ActorFieldError(_("Indiquez l'heure de début et l'heure de fin."), field="start_time")
    if end <= start:
        raise ActorFieldError(
            _("L'heure de fin doit être après l'heure de début."), field="end_time"
        )
    cleaned["start_time"], cleaned["end_time"] = start, end
    for name_ in ("season_start_month", "season_end_month"):
        month = values.get(name_, 1 if name_ == "season_start_month" else 12)
        if month not in range(1, 13):
            raise ActorFieldError(_("Choisissez un mois dans la liste."), field=name_)
        cleaned[name_] = month
    description = str(values.get("description") or "").strip()
    if len(description) > 2000:
        raise ActorFieldError(
            _("La description ne doit pas dépasser 2000 caractères."), field="description"
        )
    cleaned["description"] = description
    latitude = clean_coordinate(values.get("latitude"), name="latitude", limit=90)
    longitude = clean_coordinate(values.get("longitude"), name="longitude", limit=180)
    if (latitude is None) != (longitude is None):
        raise ActorFieldError(
            _("Indiquez la latitude et la longitude, ou aucune des deux."),
            field="longitude" if longitude is None else "latitude",
            code=ActorErrorCode.INVALID_COORDINATES,
        )
    cleaned["latitude"], cleaned["longitude"] = latitude, longitude
    return cleaned


# Slugs the back office's URLs use after /gestion/marches/.
RESERVED_SLUGS = {"nouveau"}


def _free_slug(*, territory: Territory, name: str) -> str:
    base = slugify(name)[:100].strip("-") or "marche"
    if base in RESERVED_SLUGS:
        base = f"marche-{base}"
    taken = set(
        Market.objects.filter(territory=territory, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    return next(
        slug
        for slug in [base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))]
        if slug not in taken
    )


@transaction.atomic
def market_create(
    *,
    territory: Territory,
    by: User,
    name: str,
    commune: Commune,
    place: str,
    weekday: int,
    start_time: time,
    end_time: time,
    season_start_month: int = 1,
    season_end_month: int = 12,
    description: str = "",
    latitude: Any = None,
    longitude: Any = None,
) -> Market:
    """Add a weekly market (territory admins)."""
    access_markets_as_territory_admin(user=by, territory=territory)
    cleaned = _clean_market(
        territory=territory,
        values={
            "name": name,
            "commune": commune,
            "place": place,
            "weekday": weekday,
            "start_time": start_time,
            "end_time": end_time,
            "season_start_month": season_start_month,
            "season_end_month": season_end_month,
            "description": description,
            "latitude": latitude,
            "longitude": longitude,
        },
    )
    market = Market(territory=territory, **cleaned)
    market.slug = _free_slug(territory=territory, name=cleaned["name"])
    try:
        with transaction.atomic():
            market.save()
    except IntegrityError:
        raise ApplicationError(
            _("Un marché du même nom vient d'être créé : réessayez."),
            code=ActorErrorCode.INVALID_MARKET,
        ) from None
    return market


@transaction.atomic
def market_update(*, market: Market, by: User, values: Mapping[str, Any]) -> Market:
    """Change a market; its address (slug) stays the same so that links keep working."""
    access_markets_as_territory_admin(user=by, territory=market.territory)
    unknown = set(values) - MARKET_FIELDS
    if unknown:
        raise TypeError(f"market_update() got unexpected fields: {sorted(unknown)}")
    current = {name: getattr(market, name) for name in MARKET_FIELDS}
    cleaned = _clean_market(territory=market.territory, values={**current, **values})
    changed = [name for name, value in cleaned.items() if getattr(market, name) != value]
    for name in changed:
        setattr(market, name, cleaned[name])
    if changed:
        market.save(update_fields=changed)
    return market


@transaction.atomic
def market_delete(*, market: Market, by: User) -> None:
    access_markets_as_territory_admin(user=by, territory=market.territory)
    market.delete()


@transaction.atomic
def market_stall_set(
    *, market: Market, actor: Actor, by: User, offers_pickup: bool = False
) -> MarketStall:
    """Say that a verified actor has a stall at the market (and whether orders are handed there)."""
    access_market_stall(user=by, actor=actor)
    if market.territory_id != actor.territory_id:
        raise ApplicationError(
            _("Ce marché n'est pas sur le territoire de cet acteur."),
            code=ActorErrorCode.INVALID_MARKET,
        )
    if not actor.is_public:
        raise ApplicationError(
            _("Seuls les acteurs vérifiés par le territoire apparaissent sur les marchés."),
            code=ActorErrorCode.NOT_VERIFIED,
        )
    stall, created = MarketStall.objects.select_for_update().get_or_create(
        market=market, actor=actor, defaults={"offers_pickup": offers_pickup}
    )
    if not created and stall.offers_pickup != offers_pickup:
        stall.offers_pickup = offers_pickup
        stall.save(update_fields=["offers_pickup"])
    return stall


@transaction.atomic
def market_stall_remove(*, market: Market, actor: Actor, by: User) -> None:
    access_market_stall(user=by, actor=actor)
    MarketStall.objects.filter(market=market, actor=actor).delete()
