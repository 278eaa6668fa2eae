"""Reads of the agenda: the dates to show, an event's page, someone's registrations."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from pmvt.accounts.access import AnyUser
from pmvt.agenda.models import ACTIVE_STATUSES, Event, Occurrence, Registration
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.community.models import Theme, Visibility
from pmvt.territories.models import Territory

# At most this many events in the iCalendar feed and on the map.
FEED_LIMIT = 500
MAP_LIMIT = 500


@dataclass(frozen=True)
class AgendaFilters:
    commune_id: int | None = None
    theme_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    free_only: bool = False


def today_in_paris() -> date:
    return paris(timezone.now()).date()


def agenda_occurrences(
    *, territory: Territory, filters: AgendaFilters, now: datetime | None = None
) -> QuerySet[Occurrence]:
    """The dates of published events still to come (or from `date_from`), in time order."""
    now = now or timezone.now()
    start = paris_datetime(filters.date_from, time()) if filters.date_from else now
    qs = Occurrence.objects.filter(
        territory=territory,
        event__visibility=Visibility.PUBLISHED,
        is_cancelled=False,
        ends_at__gt=start,
    )
    if filters.date_to:
        qs = qs.filter(starts_at__lt=paris_datetime(filters.date_to + timedelta(days=1), time()))
    if filters.commune_id:
        qs = qs.filter(event__commune_id=filters.commune_id)
    if filters.theme_id:
        qs = qs.filter(event__themes__id=filters.theme_id)
    if filters.free_only:
        qs = qs.filter(event__is_free=True)
    return (
        qs.select_related("event__territory", "event__commune", "event__organiser")
        .prefetch_related(
            Prefetch("event__themes", queryset=Theme.objects.order_by("position", "name"))
        )
        .order_by("starts_at", "pk")
    )


def group_by_day(occurrences: list[Occurrence]) -> list[tuple[date, list[Occurrence]]]:
    """[(Paris date, [occurrences starting that day])], in order."""
    return [
        (day, list(items))
        for day, items in groupby(occurrences, key=lambda o: paris(o.starts_at).date())
    ]


def week_days(
    *, monday: date, occurrences: list[Occurrence]
) -> list[tuple[date, list[Occurrence]]]:
    """The 7 days of the week, each with the dates that start (or still run) that day."""
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        day_start = paris_datetime(day, time())
        day_end = day_start + timedelta(days=1)
        days.append(
            (day, [o for o in occurrences if o.starts_at < day_end and o.ends_at > day_start])
        )
    return days


def event_map_points(
    *, territory: Territory, occurrences: QuerySet[Occurrence]
) -> list[dict[str, Any]]:
    """One marker per event among these dates (its own point, else its commune's centre)."""
    url_pattern = reverse(
        "agenda:detail", kwargs={"territory_slug": territory.slug, "event_slug": "SLUG"}
    )
    rows = (
        Event.objects.filter(pk__in=occurrences.values("event_id"))
        .order_by("starts_at", "pk")
        .values(
            "slug",
            "title",
            "place_name",
            "latitude",
            "longitude",
            "commune__name",
            "commune__latitude",
            "commune__longitude",
        )[:MAP_LIMIT]
    )
    points = []
    for row in rows:
        own = row["latitude"] is not None and row["longitude"] is not None
        latitude = row["latitude"] if own else row["commune__latitude"]
        longitude = row["longitude"] if own else row["commune__longitude"]
        if latitude is None or longitude is None:
            continue
        points.append(
            {
                "name": row["title"],
                "meta": f"{row['place_name']}, {row['commune__name']}",
                "url": url_pattern.replace("SLUG", row["slug"]),
                "lat": float(latitude),
                "lng": float(longitude),
            }
        )
    return points


def event_page(*, territory: Territory, slug: str) -> Event | None:
    return (
        Event.objects.filter(territory=territory, slug=slug)
        .select_related("territory", "commune", "organiser", "author")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "name")))
        .first()
    )


def event_upcoming_occurrences(*, event: Event, limit: int = 60) -> list[Occurrence]:
    """The dates not over yet (cancelled ones included, shown as such)."""
    occurrences = list(
        Occurrence.objects.filter(event=event, ends_at__gt=timezone.now()).order_by(
            "starts_at", "pk"
        )[:limit]
    )
    for occurrence in occurrences:
        occurrence.event = event  # No query per row for seats_left.
    return occurrences


def registrations_by_occurrence(*, user: AnyUser, event: Event) -> dict[int, Registration]:
    if not user.is_authenticated:
        return {}
    return {
        r.occurrence_id: r
        for r in Registration.objects.filter(
            occurrence__event=event, user=user, status__in=ACTIVE_STATUSES
        )
    }


def my_registrations(*, user: AnyUser, territory: Territory) -> QuerySet[Registration]:
    """The user's active registrations to dates not over yet, soonest first."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(
            territory=territory,
            user=user,
            status__in=ACTIVE_STATUSES,
            occurrence__ends_at__gt=timezone.now(),
        )
        .select_related("occurrence__event__territory", "occurrence__event__commune")
        .order_by("occurrence__starts_at", "pk")
    )


def my_events(*, user: AnyUser, territory: Territory) -> QuerySet[Event]:
    """The events the user proposed, most recent first (any visibility but removed)."""
    if not user.is_authenticated:
        return Event.objects.none()
    return (
        Event.objects.filter(territory=territory, author=user)
        .exclude(visibility=Visibility.REMOVED)
        .select_related("territory")
        .order_by("-created_at", "-pk")
    )


def event_participants(*, event: Event) -> QuerySet[Registration]:
    """Everyone registered to a date not over yet, by date then order of registration."""
    return (
        Registration.objects.filter(
            occurrence__event=event,
            status__in=ACTIVE_STATUSES,
            occurrence__ends_at__gt=timezone.now(),
        )
        .select_related("user", "occurrence")
        .order_by("occurrence__starts_at", "status", "created_at", "pk")
    )


def feed_events(*, territory: Territory) -> list[Event]:
    """Published events with a date still to come, with their cancelled dates (EXDATE)."""
    now = timezone.now()
    return list(
        Event.objects.filter(
            territory=territory,
            visibility=Visibility.PUBLISHED,
            pk__in=Occurrence.objects.filter(
                territory=territory, ends_at__gt=now, is_cancelled=False
            ).values("event_id"),
        )
        .select_related("territory", "commune", "organiser")
        .prefetch_related(
            "themes",
            Prefetch(
                "occurrences",
                queryset=Occurrence.objects.filter(is_cancelled=True),
                to_attr="cancelled_occurrences",
            ),
        )
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def upcoming_events_line(territory: Territory) -> str:
    """The live line of the Valeurs territoriales door."""
    now = timezone.now()
    count = (
        Occurrence.objects.filter(
            territory=territory,
            event__visibility=Visibility.PUBLISHED,
            is_cancelled=False,
            ends_at__gt=now,
            starts_at__lt=now + timedelta(days=7),
        )
        .values("event_id")
        .distinct()
        .count()
    )
    if not count:
        return ""
    return ngettext(
        "%(count)s événement dans les 7 prochains jours",
        "%(count)s événements dans les 7 prochains jours",
        count,
    ) % {"count": count}
