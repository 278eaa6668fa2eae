"""Reads of the ideas area. Each list is a fixed number of queries, whatever its size: the
counters are denormalised on the idea, the current member's supports come in one query."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import ngettext

from pmvt.accounts.access import AnyUser
from pmvt.community.models import Theme, Visibility
from pmvt.ideas.models import (
    STATUS_ORDER,
    Campaign,
    CampaignStatus,
    Comment,
    Follow,
    Idea,
    IdeaStatusChange,
    Support,
)
from pmvt.territories.models import Commune, Territory


def _status_filter(status: str, now: datetime) -> Q:
    if status == CampaignStatus.UPCOMING:
        return Q(opens_at__gt=now)
    if status == CampaignStatus.OPEN:
        return Q(opens_at__lte=now, closes_at__gt=now)
    return Q(closes_at__lte=now)


def campaign_list(*, territory: Territory, status: str, now: datetime) -> QuerySet[Campaign]:
    """Campaigns of one status with their number of published ideas: open ones closing
    soonest first, upcoming ones opening soonest first, closed ones most recent first."""
    ordering = {
        CampaignStatus.OPEN: ["closes_at", "pk"],
        CampaignStatus.UPCOMING: ["opens_at", "pk"],
        CampaignStatus.CLOSED: ["-closes_at", "-pk"],
    }[CampaignStatus(status)]
    return (
        Campaign.objects.filter(territory=territory)
        .filter(_status_filter(status, now))
        .select_related("territory")
        .prefetch_related("themes")
        .annotate(
            idea_count=Count("ideas", filter=Q(ideas__visibility=Visibility.PUBLISHED)),
        )
        .order_by(*ordering)
    )


def campaign_status_counts(*, territory: Territory, now: datetime) -> dict[str, int]:
    aggregates = {
        str(status): Count("pk", filter=_status_filter(status, now)) for status in CampaignStatus
    }
    counts = Campaign.objects.filter(territory=territory).aggregate(**aggregates)
    return {str(status): counts[str(status)] for status in CampaignStatus}


def open_campaigns_line(territory: Territory) -> str:
    """For the Valeurs territoriales door: "1 appel à idées ouvert", or ""."""
    count = (
        Campaign.objects.filter(territory=territory)
        .filter(_status_filter(CampaignStatus.OPEN, timezone.now()))
        .count()
    )
    if not count:
        return ""
    return ngettext("%(count)s appel à idées ouvert", "%(count)s appels à idées ouverts", count) % {
        "count": count
    }


def campaign_admin_list(*, territory: Territory) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(territory=territory)
        .select_related("territory")
        .annotate(
            idea_count=Count("ideas", filter=Q(ideas__visibility=Visibility.PUBLISHED)),
            pending_count=Count("ideas", filter=Q(ideas__visibility=Visibility.PENDING)),
        )
        .order_by("-opens_at", "-pk")
    )


def campaign_of_territory(*, territory: Territory, slug: str) -> Campaign | None:
    return (
        Campaign.objects.filter(territory=territory, slug=slug)
        .select_related("territory")
        .prefetch_related("themes")
        .first()
    )


# --- the ideas of a campaign ------------------------------------------------------------------

SORTS = {
    "soutiens": ["-support_count", "-created_at", "-pk"],
    "recentes": ["-created_at", "-pk"],
    "etat": ["status_rank", "-support_count", "-created_at", "-pk"],
}
DEFAULT_SORT = "soutiens"


@dataclass(frozen=True)
class IdeaFilters:
    sort: str = DEFAULT_SORT
    status: str = ""
    theme: Theme | None = None
    commune: Commune | None = None

    @property
    def active(self) -> bool:
        return bool(self.status or self.theme or self.commune)


def campaign_ideas(*, campaign: Campaign, filters: IdeaFilters) -> QuerySet[Idea]:
    """Published ideas of the campaign, filtered and sorted (indexes match the sorts)."""
    ideas = Idea.objects.filter(campaign=campaign, visibility=Visibility.PUBLISHED)
    if filters.status:
        ideas = ideas.filter(status=filters.status)
    if filters.theme is not None:
        ideas = ideas.filter(themes=filters.theme)
    if filters.commune is not None:
        ideas = ideas.filter(commune=filters.commune)
    sort = filters.sort if filters.sort in SORTS else DEFAULT_SORT
    if sort == "etat":
        ideas = ideas.annotate(
            status_rank=Case(
                *(
                    When(status=status, then=Value(rank))
                    for rank, status in enumerate(STATUS_ORDER)
                ),
                output_field=IntegerField(),
            )
        )
    return (
        ideas.select_related("commune", "author", "territory", "campaign__territory")
        .prefetch_related("themes")
        .order_by(*SORTS[sort])
    )


def supported_idea_ids(*, user: AnyUser, ideas: list[Idea]) -> set[int]:
    """Which of these ideas the user supports, in one query (none for a visitor)."""
    if not user.is_authenticated or not ideas:
        return set()
    return set(
        Support.objects.filter(user=user, idea_id__in=[idea.pk for idea in ideas]).values_list(
            "idea_id", flat=True
        )
    )


# --- one idea ---------------------------------------------------------------------------------


def idea_of_campaign(*, campaign: Campaign, slug: str) -> Idea | None:
    return (
        Idea.objects.filter(campaign=campaign, slug=slug)
        .select_related("author", "commune", "territory", "campaign__territory")
        .prefetch_related("themes")
        .first()
    )


def idea_history(*, idea: Idea) -> QuerySet[IdeaStatusChange]:
    """The territory's public answers, oldest first."""
    return IdeaStatusChange.objects.filter(idea=idea).order_by("decided_at", "pk")


def has_supported(*, user: AnyUser, idea: Idea) -> bool:
    if not user.is_authenticated:
        return False
    return Support.objects.filter(idea=idea, user=user).exists()


def is_following(*, user: AnyUser, idea: Idea) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(idea=idea, user=user).exists()


def _visible(user: AnyUser) -> Q:
    """Published comments, and the user's own while they wait for moderation."""
    visible = Q(visibility=Visibility.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(author=user) & ~Q(visibility=Visibility.REMOVED)
    return visible


def idea_comments(*, idea: Idea, user: AnyUser) -> QuerySet[Comment]:
    """Top-level comments, oldest first, each with its visible replies (two queries a page)."""
    replies = (
        Comment.objects.filter(_visible(user), idea=idea)
        .exclude(parent=None)
        .select_related("author", "territory")
        .order_by("created_at", "pk")
    )
    return (
        Comment.objects.filter(_visible(user), idea=idea, parent=None)
        .select_related("author", "territory")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
        .order_by("created_at", "pk")
    )


def comment_position(*, idea: Idea, user: AnyUser, comment_id: int) -> int | None:
    """The 0-based position of a top-level comment among those the user sees."""
    comments = idea_comments(idea=idea, user=user)
    comment = comments.filter(pk=comment_id).first()
    if comment is None:
        return None
    return comments.filter(
        Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, pk__lt=comment.pk)
    ).count()


def comment_of_idea(*, idea: Idea, comment_id: int) -> Comment | None:
    return Comment.objects.filter(idea=idea, pk=comment_id).first()
