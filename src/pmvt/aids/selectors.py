"""Reads on aids: the directory, one aid, the aids matching an actor, the announcements."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import ngettext

from pmvt.actors.models import Actor
from pmvt.aids.eligibility import EligibilityProfile, eligibility_condition, profile_of_actor
from pmvt.aids.models import (
    DEADLINE_SOON_DAYS,
    ActorAidProfile,
    AidDocument,
    AidScheme,
    Announcement,
)
from pmvt.territories.models import Commune, Territory

# The directory's "when" filter.
PERIOD_OPEN = "ouvertes"
PERIOD_SOON = "bientot"


@dataclass(frozen=True)
class AidFilters:
    kind: str = ""
    funder_kind: str = ""
    capla_family: str = ""
    naf_section: str = ""
    theme_id: int | None = None
    period: str = ""


def open_condition(today: date) -> Q:
    """Applications are open today: opened (or no opening date), deadline not passed."""
    return (Q(opens_at__isnull=True) | Q(opens_at__lte=today)) & (
        Q(deadline__isnull=True) | Q(deadline__gte=today)
    )


def open_aids_line(territory: Territory) -> str:
    """For the Valeurs territoriales door: "5 aides ouvertes aux demandes", or ""."""
    today = timezone.localdate()
    count = (
        AidScheme.objects.filter(territory=territory, is_published=True)
        .filter(open_condition(today))
        .count()
    )
    if not count:
        return ""
    return ngettext(
        "%(count)s aide ouverte aux demandes", "%(count)s aides ouvertes aux demandes", count
    ) % {"count": count}


def _with_relations(qs: QuerySet[AidScheme]) -> QuerySet[AidScheme]:
    return qs.select_related("territory").prefetch_related(
        "themes", Prefetch("eligible_communes", queryset=Commune.objects.order_by("name"))
    )


def _by_status(qs: QuerySet[AidScheme], today: date) -> QuerySet[AidScheme]:
    """Open aids first (closing soonest first, ongoing ones after), then upcoming, then closed."""
    rank = Case(
        When(open_condition(today), then=Value(0)),
        When(opens_at__gt=today, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.annotate(status_rank=rank).order_by(
        "status_rank",
        F("deadline").asc(nulls_last=True),
        F("opens_at").asc(nulls_first=True),
        "title",
        "pk",
    )


def aid_directory(
    *, territory: Territory, filters: AidFilters | None = None, today: date
) -> QuerySet[AidScheme]:
    """The published aids matching the directory's filters."""
    filters = filters or AidFilters()
    qs = AidScheme.objects.filter(territory=territory, is_published=True)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.funder_kind:
        qs = qs.filter(funder_kind=filters.funder_kind)
    if filters.capla_family:
        # An aid open to every family is open to this one too.
        qs = qs.filter(
            Q(eligible_capla_families=[])
            | Q(eligible_capla_families__icontains=f'"{filters.capla_family}"')
        )
    if filters.naf_section:
        qs = qs.filter(
            Q(eligible_naf_sections=[])
            | Q(eligible_naf_sections__icontains=f'"{filters.naf_section}"')
        )
    if filters.theme_id:
        qs = qs.filter(themes__id=filters.theme_id)
    if filters.period == PERIOD_OPEN:
        qs = qs.filter(open_condition(today))
    elif filters.period == PERIOD_SOON:
        qs = qs.filter(
            open_condition(today), deadline__lte=today + timedelta(days=DEADLINE_SOON_DAYS)
        )
    return _by_status(_with_relations(qs), today)


def aids_for_profile(
    *, territory: Territory, profile: EligibilityProfile, today: date
) -> QuerySet[AidScheme]:
    """The published aids open today whose criteria accept the profile: one database filter."""
    qs = AidScheme.objects.filter(
        Q(territory=territory, is_published=True)
        & open_condition(today)
        & eligibility_condition(profile)
    )
    return _by_status(_with_relations(qs), today)


def aid_profile_of(*, actor: Actor) -> ActorAidProfile | None:
    return ActorAidProfile.objects.filter(actor=actor).first()


def aids_for_actor(*, actor: Actor, today: date) -> QuerySet[AidScheme]:
    """The open aids an actor may apply for, from its page's data and its told headcount."""
    profile = aid_profile_of(actor=actor)
    return aids_for_profile(
        territory=actor.territory,
        profile=profile_of_actor(actor, headcount=profile.headcount_range if profile else ""),
        today=today,
    )


def aid_of_territory(*, territory: Territory, slug: str) -> AidScheme | None:
    """One aid (published or not: the view decides) with its documents and criteria."""
    return (
        _with_relations(AidScheme.objects.filter(territory=territory, slug=slug))
        .prefetch_related(
            Prefetch("documents", queryset=AidDocument.objects.order_by("position", "pk"))
        )
        .first()
    )


def aid_document(*, aid: AidScheme, document_id: int) -> AidDocument | None:
    return AidDocument.objects.filter(aid=aid, pk=document_id).select_related("aid").first()


def aid_admin_list(*, territory: Territory) -> QuerySet[AidScheme]:
    return (
        AidScheme.objects.filter(territory=territory)
        .select_related("territory")
        .order_by("-updated_at", "-pk")
    )


def aid_choices(*, territory: Territory) -> QuerySet[AidScheme]:
    """The aids an announcement may point to."""
    return AidScheme.objects.filter(territory=territory).order_by("title", "pk")


def announcement_list(*, territory: Territory) -> QuerySet[Announcement]:
    """Published announcements, newest first."""
    return (
        Announcement.objects.filter(territory=territory, published_at__isnull=False)
        .select_related("territory", "aid")
        .order_by("-published_at", "-pk")
    )


def latest_announcements(*, territory: Territory, limit: int = 3) -> list[Announcement]:
    return list(announcement_list(territory=territory)[:limit])


def announcement_admin_list(*, territory: Territory) -> QuerySet[Announcement]:
    return (
        Announcement.objects.filter(territory=territory)
        .select_related("territory", "aid")
        .order_by(F("published_at").desc(nulls_first=True), "-pk")
    )


def announcement_of_territory(*, territory: Territory, pk: int) -> Announcement | None:
    return (
        Announcement.objects.filter(territory=territory, pk=pk)
        .select_related("territory", "aid")
        .first()
    )
