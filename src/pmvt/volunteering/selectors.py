"""Reads of volunteering: the public list, a mission's dates, my sign-ups, the organiser's
lists and rosters, hours given, the door's live line and the marketplace search."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pmvt.accounts.access import AnyUser
from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.agenda.recurrence import PARIS
from pmvt.catalog.kinds import KindHit, KindResults
from pmvt.catalog.text import search_tokens
from pmvt.core.seats import ACTIVE_SEAT_STATUSES, SeatStatus
from pmvt.territories.models import Commune, Territory
from pmvt.volunteering.models import Mission, MissionStatus, Session, Signup


@dataclass(frozen=True)
class MissionFilters:
    commune: Commune | None = None
    skill: str = ""
    date_from: date | None = None
    date_to: date | None = None
    places_left: bool = False


def _day_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=PARIS)


def _open_sessions(now: datetime) -> QuerySet[Session]:
    return Session.objects.filter(
        mission=OuterRef("pk"), is_cancelled=False, starts_at__gt=now
    ).order_by("starts_at", "pk")


def mission_list(
    *, territory: Territory, filters: MissionFilters | None = None, now: datetime | None = None
) -> QuerySet[Mission]:
    """Published missions with a date to come that matches the filters, soonest first."""
    now = now or timezone.now()
    filters = filters or MissionFilters()
    sessions = _open_sessions(now)
    if filters.date_from:
        sessions = sessions.filter(starts_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        sessions = sessions.filter(starts_at__lt=_day_start(filters.date_to + timedelta(days=1)))
    if filters.places_left:
        sessions = sessions.filter(confirmed_count__lt=F("capacity"))
    missions = Mission.objects.filter(territory=territory, status=MissionStatus.PUBLISHED)
    if filters.commune:
        missions = missions.filter(commune=filters.commune)
    if filters.skill:
        # JSON text search: the quotes make the code match whole ("cuisine", not "cuisines").
        missions = missions.filter(skills__icontains=f'"{filters.skill}"')
    return (
        missions.filter(Exists(sessions))
        .annotate(
            next_start=Subquery(sessions.values("starts_at")[:1]),
            places_left=Coalesce(
                Subquery(
                    _open_sessions(now)
                    .order_by()
                    .values("mission")
                    .annotate(left=Sum(F("capacity") - F("confirmed_count")))
                    .values("left")
                ),
                0,
            ),
        )
        .select_related("territory", "commune", "organiser")
        .order_by("next_start", "pk")
    )


def mission_of_territory(*, territory: Territory, slug: str) -> Mission | None:
    return (
        Mission.objects.filter(territory=territory, slug=slug)
        .select_related("territory", "commune", "organiser")
        .first()
    )


def upcoming_sessions(*, mission: Mission, now: datetime | None = None) -> list[Session]:
    now = now or timezone.now()
    sessions = list(
        Session.objects.filter(mission=mission, ends_at__gt=now).order_by("starts_at", "pk")
    )
    for session in sessions:
        session.mission = mission
    return sessions


def active_signups_by_session(*, user: AnyUser, sessions: list[Session]) -> dict[int, Signup]:
    if not user.is_authenticated or not sessions:
        return {}
    signups = Signup.objects.filter(
        user=user, session__in=sessions, status__in=ACTIVE_SEAT_STATUSES
    )
    return {signup.session_id: signup for signup in signups}


def waiting_rank(*, signup: Signup) -> int:
    """1 for the first person waiting on this date."""
    return (
        Signup.objects.filter(session_id=signup.session_id, status=SeatStatus.WAITING)
        .filter(
            Q(created_at__lt=signup.created_at) | Q(created_at=signup.created_at, pk__lt=signup.pk)
        )
        .count()
        + 1
    )


def my_signups(*, user: User, territory: Territory) -> QuerySet[Signup]:
    """The user's sign-ups in this territory: the dates to come first, then the past ones."""
    return (
        Signup.objects.filter(territory=territory, user=user)
        .select_related("session__mission__territory", "session__mission__commune")
        .order_by("-session__starts_at", "-pk")
    )


def organiser_missions(*, territory: Territory, actor: Actor | None) -> QuerySet[Mission]:
    now = timezone.now()
    upcoming = Q(sessions__starts_at__gt=now, sessions__is_cancelled=False)
    return (
        Mission.objects.filter(territory=territory, organiser=actor)
        .annotate(
            upcoming_count=Count("sessions", filter=upcoming),
            volunteers_count=Coalesce(Sum("sessions__confirmed_count", filter=upcoming), 0),
        )
        .select_related("territory", "commune")
        .order_by("-created_at", "-pk")
    )


def mission_sessions_for_organiser(*, mission: Mission) -> list[Session]:
    sessions = list(Session.objects.filter(mission=mission).order_by("starts_at", "pk"))
    for session in sessions:
        session.mission = mission
    return sessions


def session_of_mission(*, mission: Mission, session_id: int) -> Session | None:
    session = Session.objects.filter(mission=mission, pk=session_id).first()
    if session is not None:
        session.mission = mission
    return session


def session_roster(*, session: Session) -> QuerySet[Signup]:
    """Everyone signed up to a date: confirmed, then waiting (in order), then cancelled."""
    return (
        Signup.objects.filter(session=session)
        .select_related("user")
        .order_by("status", "created_at", "pk")
    )


def hours_total(
    *,
    territory: Territory,
    mission: Mission | None = None,
    organiser: Actor | None = None,
    collectivite: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> Decimal:
    """Hours actually given (recorded by organisers), for a mission, an organiser (or the
    collectivité's own missions) and a period of dates (both days included)."""
    signups = Signup.objects.filter(territory=territory, attended=True, hours__isnull=False)
    if mission is not None:
        signups = signups.filter(session__mission=mission)
    if organiser is not None:
        signups = signups.filter(session__mission__organiser=organiser)
    if collectivite:
        signups = signups.filter(session__mission__organiser__isnull=True)
    if since is not None:
        signups = signups.filter(session__starts_at__gte=_day_start(since))
    if until is not None:
        signups = signups.filter(session__starts_at__lt=_day_start(until + timedelta(days=1)))
    total = signups.aggregate(
        total=Coalesce(Sum("hours"), Value(Decimal(0)), output_field=DecimalField())
    )["total"]
    return Decimal(total).quantize(Decimal("0.01"))


def hours_by_mission(*, territory: Territory, actor: Actor | None) -> dict[int, Decimal]:
    rows = (
        Signup.objects.filter(
            territory=territory,
            session__mission__organiser=actor,
            attended=True,
            hours__isnull=False,
        )
        .values("session__mission")
        .annotate(total=Sum("hours"))
    )
    return {row["session__mission"]: row["total"] for row in rows}


def upcoming_missions_line(territory: Territory) -> str:
    count = mission_list(territory=territory).count()
    if not count:
        return ""
    return ngettext("%(count)s mission à venir", "%(count)s missions à venir", count) % {
        "count": count
    }


def search_missions(territory: Territory, query: str, limit: int, offset: int) -> KindResults:
    missions = mission_list(territory=territory)
    for token in dict.fromkeys(search_tokens(query)):
        missions = missions.filter(search_text__contains=token)
    count = missions.count()
    hits = []
    for mission in missions[offset : offset + limit]:
        places_left: int = getattr(mission, "places_left", 0)
        next_start: datetime | None = getattr(mission, "next_start", None)
        meta = [mission.commune.name, mission.organiser_display]
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
                title=mission.title,
                url=reverse(
                    "volunteering:detail",
                    kwargs={"territory_slug": territory.slug, "mission_slug": mission.slug},
                ),
                summary=mission.summary,
                meta=meta,
                when=next_start.astimezone(PARIS).date() if next_start else None,
                badge=badge,
            )
        )
    return KindResults(count=count, hits=hits)
