"""Reads of workshops: lists, one workshop, its wall of contributions, themes and results."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet, Sum

from pmvt.accounts.access import AnyUser
from pmvt.territories.models import Territory
from pmvt.workshops.models import (
    Action,
    Contribution,
    Dot,
    Participant,
    Phase,
    SuggestionStatus,
    Theme,
    ThemeSuggestion,
    Workshop,
)

OPEN_PHASES = [Phase.CONTRIBUTIONS, Phase.CLUSTERING, Phase.VOTING, Phase.OUTCOME]


def _listed(territory: Territory) -> QuerySet[Workshop]:
    return (
        Workshop.objects.filter(territory=territory)
        .select_related("territory", "commune", "facilitator")
        .annotate(participant_count=Count("participants", distinct=True))
    )


def open_workshops(*, territory: Territory) -> QuerySet[Workshop]:
    """Workshops under way, the soonest first."""
    return _listed(territory).filter(phase__in=OPEN_PHASES).order_by("starts_at", "pk")


def finished_workshops(*, territory: Territory) -> QuerySet[Workshop]:
    return _listed(territory).filter(phase=Phase.CLOSED).order_by("-starts_at", "-pk")


def drafts_of(*, territory: Territory, user: AnyUser) -> QuerySet[Workshop]:
    """The drafts the user prepares (all drafts for the territory's admins)."""
    from pmvt.accounts.access import can_administer_territory

    drafts = _listed(territory).filter(phase=Phase.DRAFT).order_by("starts_at", "pk")
    if not user.is_authenticated:
        return drafts.none()
    if can_administer_territory(user=user, territory=territory):
        return drafts
    return drafts.filter(facilitator=user)


def upcoming_workshops(*, territory: Territory, limit: int) -> list[Workshop]:
    """Workshops open or about to open (neither draft nor closed), soonest first."""
    return list(open_workshops(territory=territory)[:limit])


def workshop_of_territory(*, territory: Territory, slug: str) -> Workshop | None:
    return (
        Workshop.objects.filter(territory=territory, slug=slug)
        .select_related("territory", "commune", "facilitator", "project")
        .first()
    )


def participant_of(*, workshop: Workshop, user: AnyUser) -> Participant | None:
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(workshop=workshop, user=user).first()


def participant_count(workshop: Workshop) -> int:
    return Participant.objects.filter(workshop=workshop).count()


def contributions_of(workshop: Workshop) -> QuerySet[Contribution]:
    return Contribution.objects.filter(workshop=workshop).select_related("author", "theme")


def contribution_of(*, workshop: Workshop, contribution_id: int) -> Contribution | None:
    return (
        Contribution.objects.filter(workshop=workshop, pk=contribution_id)
        .select_related("workshop__territory")
        .first()
    )


def themes_of(workshop: Workshop) -> QuerySet[Theme]:
    return Theme.objects.filter(workshop=workshop)


def theme_of(*, workshop: Workshop, theme_id: int) -> Theme | None:
    return Theme.objects.filter(workshop=workshop, pk=theme_id).select_related("workshop").first()


def pending_suggestions(workshop: Workshop) -> QuerySet[ThemeSuggestion]:
    return ThemeSuggestion.objects.filter(
        contribution__workshop=workshop, status=SuggestionStatus.PENDING
    ).select_related("contribution", "theme", "suggested_by")


def suggestion_of(*, workshop: Workshop, suggestion_id: int) -> ThemeSuggestion | None:
    return (
        ThemeSuggestion.objects.filter(contribution__workshop=workshop, pk=suggestion_id)
        .select_related("contribution__workshop__territory", "theme")
        .first()
    )


def my_dots(participant: Participant | None) -> dict[int, int]:
    """theme id → the participant's dots on it."""
    if participant is None:
        return {}
    return dict(Dot.objects.filter(participant=participant).values_list("theme_id", "count"))


@dataclass
class ThemeResult:
    theme: Theme
    dots: int
    voters: int
    rank: int = 0
    contributions: list[Contribution] = field(default_factory=list)


def results_of(workshop: Workshop) -> list[ThemeResult]:
    """Themes ranked by dots (ties: the theme's order), each with its contributions."""
    themes = (
        Theme.objects.filter(workshop=workshop)
        .annotate(
            dot_total=Sum("dots__count"),
            voter_total=Count("dots__participant", distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("author"),
                to_attr="filed",
            )
        )
    )
    results = [
        ThemeResult(
            theme=theme,
            dots=theme.dot_total or 0,
            voters=theme.voter_total,
            contributions=theme.filed,
        )
        for theme in themes
    ]
    results.sort(key=lambda r: (-r.dots, r.theme.position, r.theme.pk))
    for index, result in enumerate(results, start=1):
        result.rank = index
    return results


def voter_count(workshop: Workshop) -> int:
    return Participant.objects.filter(workshop=workshop, dots_used__gt=0).count()


def dots_total(workshop: Workshop) -> int:
    total = Participant.objects.filter(workshop=workshop).aggregate(total=Sum("dots_used"))
    return total["total"] or 0


def actions_of(workshop: Workshop) -> QuerySet[Action]:
    return Action.objects.filter(workshop=workshop).select_related("theme", "project__territory")


def action_of(*, workshop: Workshop, action_id: int) -> Action | None:
    return (
        Action.objects.filter(workshop=workshop, pk=action_id)
        .select_related("workshop__territory", "theme", "project")
        .first()
    )
