"""Reads of activities: the public list, an activity's sessions, my registrations, the
organiser's lists and rosters, the door's live line and the marketplace search."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pmvt.accounts.access import AnyUser
from pmvt.accounts.models import User
from pmvt.activities.models import Activity, ActivityStatus, AgeGroup, Registration, Session
from pmvt.actors.models import Actor
from pmvt.agenda.recurrence import PARIS
from pmvt.catalog.kinds import KindHit, KindResults
from pmvt.catalog.text import search_tokens
from pmvt.core.seats import ACTIVE_SEAT_STATUSES, SeatStatus
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.territories.models import Commune, Territory


@dataclass(frozen=True)
class ActivityFilters:
    commune: Commune | None = None
    kind: str = ""
    age_group: str = ""
    free_only: bool = False
    date_from: date | None = None
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=PARIS)


def _open_sessions(now: datetime) -> QuerySet[Session]:
    return Session.objects.filter(
        activity=OuterRef("pk"), is_cancelled=False, starts_at__gt=now
    ).order_by("starts_at", "pk")


def activity_list(
    *, territory: Territory, filters: ActivityFilters | None = None, now: datetime | None = None
) -> QuerySet[Activity]:
    """Published activities with a date to come that matches the filters, soonest first."""
    now = now or timezone.now()
    filters = filters or ActivityFilters()
    sessions = _open_sessions(now)
    if filters.date_from:
        sessions = sessions.filter(starts_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        sessions = sessions.filter(starts_at__lt=_day_start(filters.date_to + timedelta(days=1)))
    activities = Activity.objects.filter(territory=territory, status=ActivityStatus.PUBLISHED)
    if filters.commune:
        activities = activities.filter(commune=filters.commune)
    if filters.kind:
        activities = activities.filter(kind=filters.kind)
    if filters.age_group:
        # "Tous publics" activities welcome every age group too.
        activities = activities.filter(age_group__in=[filters.age_group, AgeGroup.ALL])
    if filters.free_only:
        activities = activities.filter(price=0)
    return (
        activities.filter(Exists(sessions))
        .annotate(
            next_start=Subquery(sessions.values("starts_at")[:1]),
            places_left=Coalesce(
                Subquery(
                    _open_sessions(now)
                    .order_by()
                    .values("activity")
                    .annotate(left=Sum(F("capacity") - F("confirmed_count")))
                    .values("left")
                ),
                0,
            ),
        )
        .select_related("territory", "commune", "organiser")
        .order_by("next_start", "pk")
    )


def activity_of_territory(*, territory: Territory, slug: str) -> Activity | None:
    return (
        Activity.objects.filter(territory=territory, slug=slug)
        .select_related("territory", "commune", "organiser")
        .first()
    )


def upcoming_sessions(*, activity: Activity, now: datetime | None = None) -> list[Session]:
    now = now or timezone.now()
    sessions = list(
        Session.objects.filter(activity=activity, ends_at__gt=now).order_by("starts_at", "pk")
    )
    for session in sessions:
        session.activity = activity
    return sessions


def active_registrations_by_session(
    *, user: AnyUser, sessions: list[Session]
) -> dict[int, list[Registration]]:
    if not user.is_authenticated or not sessions:
        return {}
    registrations = Registration.objects.filter(
        user=user, session__in=sessions, status__in=ACTIVE_SEAT_STATUSES
    )
    by_session: dict[int, list[Registration]] = {}
    for registration in registrations.order_by("created_at", "pk"):
        by_session.setdefault(registration.session_id, []).append(registration)
    return by_session


def waiting_rank(*, registration: Registration) -> int:
    """1 for the first person waiting on this date."""
    return (
        Registration.objects.filter(session_id=registration.session_id, status=SeatStatus.WAITING)
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def my_registrations(*, user: User, territory: Territory) -> QuerySet[Registration]:
    """The user's sign-ups in this territory: the dates to come first, then the past ones."""
    return (
        Registration.objects.filter(territory=territory, user=user)
        .select_related("session__activity__territory", "session__activity__commune")
        .order_by("-session__starts_at", "-pk")
    )


def organiser_activities(*, territory: Territory, actor: Actor | None) -> QuerySet[Activity]:
    now = timezone.now()
    upcoming = Q(sessions__starts_at__gt=now, sessions__is_cancelled=False)
    return (
        Activity.objects.filter(territory=territory, organiser=actor)
        .annotate(
            upcoming_count=Count("sessions", filter=upcoming),
            seats_taken=Coalesce(Sum("sessions__confirmed_count", filter=upcoming), 0),
        )
        .select_related("territory", "commune")
        .order_by("-created_at", "-pk")
    )


def activity_sessions_for_organiser(*, activity: Activity) -> list[Session]:
    sessions = list(Session.objects.filter(activity=activity).order_by("starts_at", "pk"))
    for session in sessions:
        session.activity = activity
    return sessions


def session_of_activity(*, activity: Activity, session_id: int) -> Session | None:
    session = Session.objects.filter(activity=activity, pk=session_id).first()
    if session is not None:
        session.activity = activity
    return session


def session_roster(*, session: Session) -> QuerySet[Registration]:
    """Everyone signed up to a date: confirmed, then waiting (in order), then cancelled."""
    return (
        Registration.objects.filter(session=session)
        .select_related("user")
        .order_by("status", "created_at", "pk")
    )


def this_week_activities_line(territory: Territory) -> str:
    """ "N activités cette semaine": published activities with a session in the next 7 days."""
    now = timezone.now()
    count = activity_list(
        territory=territory,
        filters=ActivityFilters(date_to=(now + timedelta(days=6)).astimezone(PARIS).date()),
        now=now,
    ).count()
    if not count:
        return ""
    return ngettext(
        "%(count)s activité cette semaine", "%(count)s activités cette semaine", count
    ) % {"count": count}


def search_activities(territory: Territory, query: str, limit: int, offset: int) -> KindResults:
    activities = activity_list(territory=territory)
    for token in dict.fromkeys(search_tokens(query)):
        activities = activities.filter(search_text__contains=token)
    count = activities.count()
    hits = []
    for activity in activities[offset : offset + limit]:
        places_left: int = getattr(activity, "places_left", 0)
        next_start: datetime | None = getattr(activity, "next_start", None)
        meta = [
            activity.get_kind_display(),
            activity.get_age_group_display(),
            activity.commune.name,
            _("Gratuit") if activity.is_free else euros_text(activity.price),
        ]
        badge = ""
        if places_left:
            meta.append(
                ngettext("%(count)s place", "%(count)s places", places_left)
                % {"count": places_left}
            )
        else:
            badge = _("Complet")
        hits.append(
            KindHit(
                title=activity.title,
                url=reverse(
                    "activities:detail",
                    kwargs={"territory_slug": territory.slug, "activity_slug": activity.slug},
                ),
                summary=activity.summary,
                meta=meta,
                when=next_start.astimezone(PARIS).date() if next_start else None,
                badge=badge,
            )
        )
    return KindResults(count=count, hits=hits)
