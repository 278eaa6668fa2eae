"""Reads on actors and markets: the directory, an actor's page, markets, the admins' queue."""

from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, Lower, NullIf
from django.urls import reverse
from django.utils import timezone

from pmvt.actors.identifiers import naf_sections
from pmvt.actors.models import (
    Actor,
    ActorInvitation,
    ActorStaff,
    ActorStatus,
    Closure,
    Market,
    MarketStall,
    OpeningHours,
)
from pmvt.core.queries import only_row
from pmvt.territories.models import Territory

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class DirectoryFilters:
    query: str = ""
    commune_id: int | None = None
    capla_family: str = ""
    naf_section: str = ""
    label: str = ""
    open_now: bool = False
    click_collect: bool = False
    delivery: bool = False


def paris_time(at: datetime | None = None) -> datetime:
    """The time in Europe/Paris, where the territory's shops keep their hours."""
    return (at or timezone.now()).astimezone(PARIS)


def open_at_condition(at: datetime | None = None) -> Q:
    """A condition on Actor: open at `at` (Paris time) by its hours, and not closed that day."""
    local = paris_time(at)
    in_hours = OpeningHours.objects.filter(
        actor=OuterRef("pk"),
        weekday=local.weekday(),
        opens__lte=local.time(),
        closes__gt=local.time(),
    )
    closed = Closure.objects.filter(
        actor=OuterRef("pk"), start_date__lte=local.date(), end_date__gte=local.date()
    )
    return Q(Exists(in_hours)) & ~Q(Exists(closed))


def _sort_name() -> Any:
    return Lower(Coalesce(NullIf("trade_name", Value("")), "legal_name"))


def actor_directory(
    *, territory: Territory, filters: DirectoryFilters | None = None, at: datetime | None = None
) -> QuerySet[Actor]:
    """The verified actors matching the filters, by name, each with `is_open_now`."""
    filters = filters or DirectoryFilters()
    is_open = open_at_condition(at)
    qs = (
        Actor.objects.filter(territory=territory, status=ActorStatus.VERIFIED)
        .select_related("commune")
        .annotate(
            is_open_now=ExpressionWrapper(is_open, output_field=BooleanField()),
            sort_name=_sort_name(),
        )
    )
    if filters.query:
        qs = qs.filter(
            Q(trade_name__icontains=filters.query) | Q(legal_name__icontains=filters.query)
        )
    if filters.commune_id:
        qs = qs.filter(commune_id=filters.commune_id)
    if filters.capla_family:
        qs = qs.filter(capla_family=filters.capla_family)
    if filters.naf_section:
        divisions = next((s.divisions for s in naf_sections() if s.code == filters.naf_section), ())
        qs = qs.filter(
            reduce(or_, (Q(naf_code__startswith=f"{d}.") for d in divisions), Q(pk__in=[]))
        )
    if filters.label:
        # JSON "contains" is not available on SQLite: match the quoted value in the JSON text,
        # which is exact since labels are slugs without quotes.
        qs = qs.filter(labels__icontains=f'"{filters.label}"')
    if filters.open_now:
        qs = qs.filter(is_open)
    if filters.click_collect:
        qs = qs.filter(offers_click_collect=True)
    if filters.delivery:
        qs = qs.filter(offers_delivery=True)
    return qs.order_by("sort_name", "pk")


def actor_map_points(*, territory: Territory, actors: QuerySet[Actor]) -> list[dict[str, Any]]:
    """One marker per actor (its own point, else its commune's centre), in one query."""
    url_pattern = reverse(
        "actors:detail", kwargs={"territory_slug": territory.slug, "actor_slug": "SLUG"}
    )
    points = []
    rows = actors.values(
        "slug",
        "trade_name",
        "legal_name",
        "latitude",
        "longitude",
        "commune__name",
        "commune__latitude",
        "commune__longitude",
    )
    for row in rows:
        own = row["latitude"] is not None and row["longitude"] is not None
        latitude = row["latitude"] if own else row["commune__latitude"]
        longitude = row["longitude"] if own else row["commune__longitude"]
        if latitude is None or longitude is None:
            continue
        points.append(
            {
                "name": row["trade_name"] or row["legal_name"],
                "meta": row["commune__name"],
                "url": url_pattern.replace("SLUG", row["slug"]),
                "lat": float(latitude),
                "lng": float(longitude),
            }
        )
    return points


def actor_page(*, territory: Territory, slug: str) -> Actor | None:
    """An actor of the territory with everything its page shows (any status), or None."""
    today = timezone.localdate()
    actor = only_row(
        Actor.objects.filter(territory=territory, slug=slug)
        .select_related("commune")
        .prefetch_related(
            "opening_hours",
            Prefetch(
                "closures",
                queryset=Closure.objects.filter(end_date__gte=today).order_by("start_date"),
                to_attr="upcoming_closures",
            ),
            "photos",
            Prefetch(
                "stalls",
                queryset=MarketStall.objects.select_related("market", "market__commune").order_by(
                    "market__weekday", "market__start_time"
                ),
                to_attr="market_stalls",
            ),
        )
    )
    if actor is not None:
        actor.territory = territory  # Known: not read again.
    return actor


def actor_is_open(*, actor: Actor, at: datetime | None = None) -> bool:
    """Open now? Uses the hours and upcoming closures prefetched by actor_page()."""
    local = paris_time(at)
    closures = getattr(actor, "upcoming_closures", None)
    if closures is None:
        closures = list(actor.closures.all())
    if any(c.start_date <= local.date() <= c.end_date for c in closures):
        return False
    return any(
        h.weekday == local.weekday() and h.opens <= local.time() < h.closes
        for h in actor.opening_hours.all()
    )


def actor_of_territory(*, territory: Territory, slug: str) -> Actor | None:
    return Actor.objects.filter(territory=territory, slug=slug).select_related("territory").first()


def market_list(*, territory: Territory) -> QuerySet[Market]:
    """The weekly markets, each with its verified producers (`public_stalls`)."""
    return (
        Market.objects.filter(territory=territory)
        .select_related("commune")
        .prefetch_related(
            Prefetch(
                "stalls",
                queryset=MarketStall.objects.filter(actor__status=ActorStatus.VERIFIED)
                .select_related("actor", "actor__commune")
                .order_by(
                    Lower(Coalesce(NullIf("actor__trade_name", Value("")), "actor__legal_name"))
                ),
                to_attr="public_stalls",
            )
        )
        .order_by("weekday", "start_time", "name")
    )


def market_of_territory(*, territory: Territory, slug: str) -> Market | None:
    return Market.objects.filter(territory=territory, slug=slug).select_related("territory").first()


def market_stalls(*, market: Market) -> list[MarketStall]:
    """Every stall of a market (any actor status), for the territory's admins."""
    return list(
        MarketStall.objects.filter(market=market)
        .select_related("actor")
        .order_by(Lower(Coalesce(NullIf("actor__trade_name", Value("")), "actor__legal_name")))
    )


def stalls_of_actor(*, actor: Actor) -> dict[int, MarketStall]:
    """{market id: stall} of an actor."""
    return {s.market_id: s for s in MarketStall.objects.filter(actor=actor)}


def actor_queue(*, territory: Territory, status: str = "") -> QuerySet[Actor]:
    """Actors for the territory's admins, oldest registration first, with their owners."""
    qs = (
        Actor.objects.filter(territory=territory)
        .select_related("commune")
        .prefetch_related(
            Prefetch(
                "staff",
                queryset=ActorStaff.objects.filter(role="owner").select_related("user"),
                to_attr="owners",
            )
        )
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("created_at", "pk")


def actor_status_counts(*, territory: Territory) -> dict[str, int]:
    rows = (
        Actor.objects.filter(territory=territory)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["status"]: row["n"] for row in rows}


def actor_team(*, actor: Actor) -> list[ActorStaff]:
    return list(
        ActorStaff.objects.filter(actor=actor).select_related("user").order_by("created_at", "pk")
    )


def actor_pending_invitations(*, actor: Actor) -> list[ActorInvitation]:
    invitations = ActorInvitation.objects.filter(actor=actor, accepted_at__isnull=True).order_by(
        "-created_at", "-pk"
    )
    return list(invitations)


def verified_actors(*, territory: Territory) -> QuerySet[Actor]:
    return (
        Actor.objects.filter(territory=territory, status=ActorStatus.VERIFIED)
        .annotate(sort_name=_sort_name())
        .order_by("sort_name", "pk")
    )
