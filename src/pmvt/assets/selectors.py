"""Every non-trivial read of assets: the public list, the managers' lists, bookings, and the
availability calendar of one asset.

A period `[starts_at, ends_at)` covers the Paris days from the day of `starts_at` to the day
of the last instant before `ends_at` (a booking ending at midnight does not cover the next day).
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.access import AnyUser, can_administer_territory, is_operator
from pmvt.accounts.models import User
from pmvt.actors.models import ActorStaff
from pmvt.agenda.recurrence import PARIS, paris
from pmvt.assets.access import ASSET_MANAGER_ROLES
from pmvt.assets.models import (
    Asset,
    AssetPhoto,
    AssetStatus,
    AssetUnavailability,
    Booking,
    BookingStatus,
)
from pmvt.territories.models import Commune, Territory

MAX_CALENDAR_MONTHS_AHEAD = 24
MAX_CALENDAR_MONTHS_BEHIND = 12


def day_start(day: date) -> datetime:
    """Midnight at the start of a Paris day, as an aware instant."""
    return datetime.combine(day, datetime.min.time()).replace(tzinfo=PARIS)


def period_days(starts_at: datetime, ends_at: datetime) -> tuple[date, date]:
    """The first and last Paris days a period touches."""
    last = ends_at - timedelta(microseconds=1)
    return paris(starts_at).date(), paris(max(last, starts_at)).date()


# The public list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AssetFilters:
    kind: str = ""
    commune: Commune | None = None
    condition: str = ""
    free_from: date | None = None
    free_until: date | None = None


def published_assets(*, territory: Territory) -> QuerySet[Asset]:
    return Asset.objects.filter(territory=territory, status=AssetStatus.PUBLISHED)


def _with_display(assets: QuerySet[Asset]) -> QuerySet[Asset]:
    """What a card shows, in a constant number of queries: the commune, who offers, photos."""
    return assets.select_related("territory", "commune", "actor", "owner").prefetch_related(
        Prefetch("photos", queryset=AssetPhoto.objects.order_by("position", "pk"))
    )


def free_between(assets: QuerySet[Asset], *, first_day: date, last_day: date) -> QuerySet[Asset]:
    """Keep the assets that may be booked on every day from `first_day` to `last_day`."""
    starts_at, ends_at = day_start(first_day), day_start(last_day + timedelta(days=1))
    booked = Booking.objects.filter(
        asset=OuterRef("pk"),
        status=BookingStatus.ACCEPTED,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    blocked = AssetUnavailability.objects.filter(
        asset=OuterRef("pk"), starts_on__lte=last_day, ends_on__gte=first_day
    )
    return (
        assets.filter(Q(available_from__isnull=True) | Q(available_from__lte=first_day))
        .filter(Q(available_until__isnull=True) | Q(available_until__gte=last_day))
        .exclude(Exists(booked))
        .exclude(Exists(blocked))
    )


def asset_list(*, territory: Territory, filters: AssetFilters) -> QuerySet[Asset]:
    assets = published_assets(territory=territory)
    if filters.kind:
        assets = assets.filter(kind=filters.kind)
    if filters.commune is not None:
        assets = assets.filter(commune=filters.commune)
    if filters.condition:
        assets = assets.filter(condition=filters.condition)
    if filters.free_from or filters.free_until:
        first = filters.free_from or filters.free_until
        last = filters.free_until or filters.free_from
        assert first is not None and last is not None
        if last < first:
            first, last = last, first
        assets = free_between(assets, first_day=first, last_day=last)
    return _with_display(assets).order_by("title", "pk")


def asset_of_territory(*, territory: Territory, slug: str) -> Asset | None:
    return (
        _with_display(Asset.objects.filter(territory=territory, slug=slug)).order_by("pk").first()
    )


def asset_line(territory: Territory) -> str:
    """One line for the Maison's landing page: how many assets are offered."""
    count = published_assets(territory=territory).count()
    if not count:
        return ""
    if count == 1:
        return _("Un bien à partager")
    return _("%(count)s biens à partager") % {"count": count}


# The managers' side ------------------------------------------------------------------------


def managed_assets(*, user: AnyUser, territory: Territory) -> QuerySet[Asset]:
    """The assets the user manages in this territory (any status)."""
    if not user.is_authenticated:
        return Asset.objects.none()
    assets = Asset.objects.filter(territory=territory)
    if is_operator(user):
        return _with_display(assets).order_by("title", "pk")
    staff = ActorStaff.objects.filter(
        actor=OuterRef("actor"), user=user, role__in=ASSET_MANAGER_ROLES
    )
    rule = Q(owner=user) | Q(Exists(staff))
    if can_administer_territory(user=user, territory=territory):
        rule |= Q(by_collectivite=True)
    return _with_display(assets.filter(rule)).order_by("title", "pk")


def asset_unavailabilities(*, asset: Asset) -> list[AssetUnavailability]:
    return list(asset.unavailabilities.order_by("starts_on", "pk"))


def unavailability_of_asset(*, asset: Asset, unavailability_id: int) -> AssetUnavailability | None:
    return asset.unavailabilities.filter(pk=unavailability_id).first()


def photo_of_asset(*, asset: Asset, photo_id: int) -> AssetPhoto | None:
    return asset.photos.filter(pk=photo_id).first()


# Bookings ----------------------------------------------------------------------------------


def overlapping_accepted(
    *, asset: Asset, starts_at: datetime, ends_at: datetime, exclude_pk: int | None = None
) -> QuerySet[Booking]:
    bookings = Booking.objects.filter(
        asset=asset, status=BookingStatus.ACCEPTED, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude_pk is not None:
        bookings = bookings.exclude(pk=exclude_pk)
    return bookings


def blocked_overlap(*, asset: Asset, starts_at: datetime, ends_at: datetime) -> bool:
    first, last = period_days(starts_at, ends_at)
    return asset.unavailabilities.filter(starts_on__lte=last, ends_on__gte=first).exists()


def outside_window(*, asset: Asset, starts_at: datetime, ends_at: datetime) -> bool:
    first, last = period_days(starts_at, ends_at)
    if asset.available_from is not None and first < asset.available_from:
        return True
    return asset.available_until is not None and last > asset.available_until


def asset_is_free(*, asset: Asset, starts_at: datetime, ends_at: datetime) -> bool:
    """May the asset be booked on this period: within its availability window, on no blocked
    day and overlapping no accepted booking? (Requests waiting for an answer do not count.)"""
    if ends_at <= starts_at:
        return False
    if outside_window(asset=asset, starts_at=starts_at, ends_at=ends_at):
        return False
    if blocked_overlap(asset=asset, starts_at=starts_at, ends_at=ends_at):
        return False
    return not overlapping_accepted(asset=asset, starts_at=starts_at, ends_at=ends_at).exists()


def _booking_display(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return bookings.select_related(
        "asset__territory", "asset__commune", "asset__actor", "asset__owner", "requester"
    )


def my_bookings(*, user: User, territory: Territory) -> QuerySet[Booking]:
    return _booking_display(Booking.objects.filter(territory=territory, requester=user)).order_by(
        "-starts_at", "-pk"
    )


def received_bookings(*, user: User, territory: Territory) -> QuerySet[Booking]:
    """Bookings of the assets the user manages: requests waiting first, then the soonest."""
    managed = managed_assets(user=user, territory=territory).values("pk")
    waiting_first = Case(When(status=BookingStatus.REQUESTED, then=Value(0)), default=Value(1))
    return (
        _booking_display(Booking.objects.filter(territory=territory, asset__in=managed))
        .annotate(waiting_first=waiting_first)
        .order_by("waiting_first", "-starts_at", "pk")
    )


def asset_bookings(*, asset: Asset) -> QuerySet[Booking]:
    return _booking_display(Booking.objects.filter(asset=asset)).order_by("starts_at", "pk")


def booking_of_territory(*, territory: Territory, booking_id: int) -> Booking | None:
    return (
        _booking_display(Booking.objects.filter(territory=territory, pk=booking_id))
        .order_by("pk")
        .first()
    )


def upcoming_accepted(*, asset: Asset, now: datetime | None = None) -> list[Booking]:
    now = now or timezone.now()
    return list(
        Booking.objects.filter(
            asset=asset, status=BookingStatus.ACCEPTED, ends_at__gt=now
        ).order_by("starts_at", "pk")[:20]
    )


# The availability calendar -----------------------------------------------------------------


class DayState:
    FREE = "free"
    BOOKED = "booked"
    BLOCKED = "blocked"
    UNAVAILABLE = "unavailable"
    PAST = "past"


@dataclass(frozen=True)
class CalendarDay:
    day: date | None  # None: a cell outside the month
    state: str = ""

    @property
    def label(self) -> str:
        return {
            DayState.FREE: _("Libre"),
            DayState.BOOKED: _("Réservé"),
            DayState.BLOCKED: _("Bloqué par le propriétaire"),
            DayState.UNAVAILABLE: _("Non proposé"),
            DayState.PAST: _("Passé"),
        }.get(self.state, "")


@dataclass(frozen=True)
class CalendarMonth:
    month: date  # the first day of the month
    weeks: list[list[CalendarDay]] = field(default_factory=list)
    previous: date | None = None
    next: date | None = None

    @property
    def previous_param(self) -> str:
        return f"{self.previous:%Y-%m}" if self.previous else ""

    @property
    def next_param(self) -> str:
        return f"{self.next:%Y-%m}" if self.next else ""


def _add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def parse_month(value: str | None, *, today: date) -> date:
    """The month asked by `?mois=YYYY-MM`, kept within the calendar's range; else this month."""
    this_month = today.replace(day=1)
    if not value:
        return this_month
    try:
        year, month = (int(part) for part in value.split("-", 1))
        asked = date(year, month, 1)
    except ValueError:
        return this_month
    lowest = _add_months(this_month, -MAX_CALENDAR_MONTHS_BEHIND)
    highest = _add_months(this_month, MAX_CALENDAR_MONTHS_AHEAD)
    return min(max(asked, lowest), highest)


def month_calendar(*, asset: Asset, month: date, now: datetime | None = None) -> CalendarMonth:
    """Each day of `month` (weeks from Monday) marked free, booked, blocked, not offered or past."""
    now = now or timezone.now()
    today = paris(now).date()
    month = month.replace(day=1)
    following = _add_months(month, 1)
    last_day = following - timedelta(days=1)
    booked: set[date] = set()
    for starts_at, ends_at in Booking.objects.filter(
        asset=asset,
        status=BookingStatus.ACCEPTED,
        starts_at__lt=day_start(following),
        ends_at__gt=day_start(month),
    ).values_list("starts_at", "ends_at"):
        first, last = period_days(starts_at, ends_at)
        day = max(first, month)
        while day <= min(last, last_day):
            booked.add(day)
            day += timedelta(days=1)
    blocked: set[date] = set()
    for starts_on, ends_on in asset.unavailabilities.filter(
        starts_on__lte=last_day, ends_on__gte=month
    ).values_list("starts_on", "ends_on"):
        day = max(starts_on, month)
        while day <= min(ends_on, last_day):
            blocked.add(day)
            day += timedelta(days=1)

    def state(day: date) -> str:
        if day < today:
            return DayState.PAST
        if asset.available_from and day < asset.available_from:
            return DayState.UNAVAILABLE
        if asset.available_until and day > asset.available_until:
            return DayState.UNAVAILABLE
        if day in blocked:
            return DayState.BLOCKED
        if day in booked:
            return DayState.BOOKED
        return DayState.FREE

    weeks = [
        [
            CalendarDay(day=d, state=state(d)) if d.month == month.month else CalendarDay(day=None)
            for d in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]
    this_month = today.replace(day=1)
    previous = _add_months(month, -1)
    nxt = _add_months(month, 1)
    return CalendarMonth(
        month=month,
        weeks=weeks,
        previous=previous
        if previous >= _add_months(this_month, -MAX_CALENDAR_MONTHS_BEHIND)
        else None,
        next=nxt if nxt <= _add_months(this_month, MAX_CALENDAR_MONTHS_AHEAD) else None,
    )
