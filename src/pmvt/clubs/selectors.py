"""Reads of the clubs area: lists with their counts, one query each whatever the page size."""

from django.db.models import Case, Count, IntegerField, Min, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import ngettext

from pmvt.accounts.access import AnyUser
from pmvt.accounts.models import User
from pmvt.agenda.models import Event
from pmvt.clubs.models import (
    CURRENT_STATUSES,
    Club,
    ClubEvent,
    ClubMembership,
    MembershipRole,
    MembershipStatus,
    Reply,
    Resource,
    Thread,
)
from pmvt.community.models import Visibility
from pmvt.territories.models import Territory


def club_list(*, territory: Territory, include_inactive: bool = False) -> QuerySet[Club]:
    """The clubs of the territory with their number of active members."""
    clubs = Club.objects.filter(territory=territory)
    if not include_inactive:
        clubs = clubs.filter(is_active=True)
    return (
        clubs.select_related("territory")
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE)
            ),
            pending_count=Count(
                "memberships", filter=Q(memberships__status=MembershipStatus.PENDING)
            ),
        )
        .order_by("name", "pk")
    )


def open_clubs_line(territory: Territory) -> str:
    """For the Valeurs territoriales door: "2 clubs ouverts", or ""."""
    count = Club.objects.filter(territory=territory, is_active=True).count()
    if not count:
        return ""
    return ngettext("%(count)s club ouvert", "%(count)s clubs ouverts", count) % {"count": count}


def my_club_memberships(*, user: AnyUser, territory: Territory) -> dict[int, ClubMembership]:
    """The user's current memberships of the territory's clubs, by club id."""
    if not user.is_authenticated:
        return {}
    return {
        m.club_id: m
        for m in ClubMembership.objects.filter(
            territory=territory, user=user, status__in=CURRENT_STATUSES
        )
    }


def club_of_territory(*, territory: Territory, slug: str) -> Club | None:
    return (
        Club.objects.filter(territory=territory, slug=slug)
        .select_related("territory")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
        )
        .first()
    )


def _visible(user: AnyUser) -> Q:
    """Published content, and the user's own content while it waits for moderation."""
    visible = Q(visibility=Visibility.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(author=user) & ~Q(visibility=Visibility.REMOVED)
    return visible


def club_threads(*, club: Club, user: AnyUser, category: str = "") -> QuerySet[Thread]:
    """Pinned threads first, then the most recently active."""
    threads = Thread.objects.filter(_visible(user), club=club)
    if category:
        threads = threads.filter(category=category)
    return threads.select_related("author", "club__territory").order_by(
        "-pinned", "-last_activity_at", "-pk"
    )


def thread_of_club(*, club: Club, slug: str) -> Thread | None:
    return (
        Thread.objects.filter(club=club, slug=slug)
        .select_related("author", "club__territory", "territory")
        .first()
    )


def thread_replies(*, thread: Thread, user: AnyUser) -> QuerySet[Reply]:
    return (
        Reply.objects.filter(_visible(user), thread=thread)
        .select_related("author", "thread__club__territory")
        .order_by("created_at", "pk")
    )


def reply_position(*, thread: Thread, user: AnyUser, reply_id: int) -> int | None:
    """The 0-based position of a reply among those the user sees (to open the right page)."""
    replies = thread_replies(thread=thread, user=user)
    reply = replies.filter(pk=reply_id).first()
    if reply is None:
        return None
    return replies.filter(
        Q(created_at__lt=reply.created_at) | Q(created_at=reply.created_at, pk__lt=reply.pk)
    ).count()


def club_resources(*, club: Club) -> QuerySet[Resource]:
    return (
        Resource.objects.filter(club=club)
        .select_related("added_by", "club__territory")
        .order_by("-pinned", "-created_at", "-pk")
    )


def club_members(*, club: Club) -> QuerySet[ClubMembership]:
    """Active members, the club's moderators first."""
    return (
        ClubMembership.objects.filter(club=club, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .annotate(
            moderator_first=Case(
                When(role=MembershipRole.MODERATOR, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("moderator_first", "user__display_name", "user__email", "pk")
    )


def club_pending_requests(*, club: Club) -> QuerySet[ClubMembership]:
    return (
        ClubMembership.objects.filter(club=club, status=MembershipStatus.PENDING)
        .select_related("user")
        .order_by("requested_at", "pk")
    )


def club_moderator_users(*, club: Club) -> list[User]:
    return [
        m.user
        for m in ClubMembership.objects.filter(
            club=club, status=MembershipStatus.ACTIVE, role=MembershipRole.MODERATOR
        )
        .select_related("user")
        .order_by("pk")
        if m.user.is_active
    ]


def club_events(*, club: Club) -> list[ClubEvent]:
    """The club's events that are still to come, published, soonest first (one query)."""
    now = timezone.now()
    upcoming = Q(event__occurrences__starts_at__gte=now, event__occurrences__is_cancelled=False)
    return list(
        ClubEvent.objects.filter(club=club, event__visibility=Visibility.PUBLISHED)
        .filter(upcoming)
        .select_related("event", "event__territory")
        .annotate(next_start=Min("event__occurrences__starts_at", filter=upcoming))
        .order_by("next_start", "pk")
    )


def club_event_candidates(*, club: Club) -> QuerySet[Event]:
    """Published events of the territory still to come, not yet on the club's page."""
    now = timezone.now()
    return (
        Event.objects.filter(territory=club.territory, visibility=Visibility.PUBLISHED)
        .filter(occurrences__starts_at__gte=now, occurrences__is_cancelled=False)
        .exclude(pk__in=ClubEvent.objects.filter(club=club).values("event_id"))
        .annotate(next_start=Min("occurrences__starts_at"))
        .order_by("next_start", "pk")
        .distinct()
    )
