"""Reads on jobs: the public list and its filters, one offer, the employer's lists, "my
applications", the door's live line and the marketplace search."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorStatus
from pmvt.catalog.kinds import KindHit, KindResults
from pmvt.catalog.text import search_tokens
from pmvt.jobs.models import (
    ApplicationStatus,
    Contract,
    JobApplication,
    JobOffer,
    OfferStatus,
)
from pmvt.jobs.skills import skill_key
from pmvt.territories.models import Commune, Territory

CLOSING_SOON_DAYS = 7


@dataclass(frozen=True)
class JobFilters:
    commune_id: int | None = None
    contract: str = ""
    skill: str = ""
    text: str = ""


def open_condition(today: date) -> Q:
    """Public and current: published, and its closing date not passed (no cron needed)."""
    return Q(status=OfferStatus.PUBLISHED, closes_on__gte=today)


def _employer_visible() -> Q:
    """An actor's offers show while the actor is verified; the collectivité's always."""
    return Q(actor__isnull=True) | Q(actor__status=ActorStatus.VERIFIED)


def open_offers(*, territory: Territory, today: date) -> QuerySet[JobOffer]:
    return JobOffer.objects.filter(
        Q(territory=territory) & open_condition(today) & _employer_visible()
    )


def _text_condition(text: str) -> Q | None:
    """Every word of the text (folded and stemmed) in the offer's words; None if no word."""
    tokens = list(dict.fromkeys(search_tokens(text)))
    if not tokens:
        return None
    condition = Q()
    for token in tokens:
        # A prefix match: "menuis" finds "menuisier" and "menuiserie".
        condition &= Q(search_text__contains=f" {token}")
    return condition


def job_list(
    *, territory: Territory, filters: JobFilters | None = None, today: date
) -> QuerySet[JobOffer]:
    """The open offers matching the filters, closing soonest first."""
    filters = filters or JobFilters()
    qs = open_offers(territory=territory, today=today)
    if filters.commune_id:
        qs = qs.filter(commune_id=filters.commune_id)
    if filters.contract:
        qs = qs.filter(contract=filters.contract)
    if filters.skill and skill_key(filters.skill):
        qs = qs.filter(skill_keys__contains=f"|{skill_key(filters.skill)}|")
    if filters.text:
        condition = _text_condition(filters.text)
        if condition is not None:
            qs = qs.filter(condition)
    return (
        qs.select_related("territory", "actor", "commune")
        .defer("description", "search_text", "actor__description", "actor__terms_of_sale")
        .order_by("closes_on", "-published_at", "pk")
    )


def skill_choices(*, territory: Territory, today: date) -> list[str]:
    """The skills of the open offers, for the filter's suggestions (one query)."""
    seen: dict[str, str] = {}
    for skills in open_offers(territory=territory, today=today).values_list("skills", flat=True):
        for tag in skills or []:
            seen.setdefault(skill_key(tag), tag)
    return sorted(seen.values(), key=skill_key)


def commune_choices(*, territory: Territory) -> QuerySet[Commune]:
    return Commune.objects.filter(territory=territory).order_by("search_name", "name")


def offer_of_territory(*, territory: Territory, offer_id: int) -> JobOffer | None:
    return (
        JobOffer.objects.filter(territory=territory, pk=offer_id)
        .select_related("territory", "actor", "actor__territory", "commune")
        .first()
    )


def open_jobs_count(territory: Territory) -> int:
    return open_offers(territory=territory, today=timezone.localdate()).count()


def open_jobs_line(territory: Territory) -> str:
    """For the Place des marchés door: "3 offres ouvertes", or ""."""
    count = open_jobs_count(territory)
    if not count:
        return ""
    return ngettext("%(count)s offre ouverte", "%(count)s offres ouvertes", count) % {
        "count": count
    }


# --- the employer's side ----------------------------------------------------------------------


def employer_offers(*, territory: Territory, actor: Actor | None) -> QuerySet[JobOffer]:
    """The offers of an actor (or of the collectivité), with their application counts."""
    qs = JobOffer.objects.filter(territory=territory)
    qs = qs.filter(actor__isnull=True) if actor is None else qs.filter(actor=actor)
    return (
        qs.select_related("territory", "actor", "commune")
        .defer("description", "search_text")
        .annotate(
            application_count=Count(
                "applications", filter=~Q(applications__status=ApplicationStatus.WITHDRAWN)
            ),
            new_count=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.RECEIVED)
            ),
        )
        .order_by("-created_at", "-pk")
    )


def offer_applications(*, offer: JobOffer) -> QuerySet[JobApplication]:
    return (
        JobApplication.objects.filter(offer=offer)
        .select_related("applicant")
        .order_by("-created_at", "-pk")
    )


def application_of_territory(*, territory: Territory, application_id: int) -> JobApplication | None:
    return (
        JobApplication.objects.filter(territory=territory, pk=application_id)
        .select_related(
            "applicant", "offer", "offer__territory", "offer__actor", "offer__commune", "territory"
        )
        .first()
    )


def my_applications(*, user: User, territory: Territory) -> QuerySet[JobApplication]:
    return (
        JobApplication.objects.filter(territory=territory, applicant=user)
        .select_related("territory", "offer", "offer__territory", "offer__actor", "offer__commune")
        .order_by("-created_at", "-pk")
    )


def has_applied(*, user: User, offer: JobOffer) -> JobApplication | None:
    if not user.is_authenticated:
        return None
    return JobApplication.objects.filter(offer=offer, applicant=user).first()


# --- the marketplace search -------------------------------------------------------------------


def search_jobs(territory: Territory, query: str, limit: int, offset: int) -> KindResults:
    """The open offers matching every word of the query, in two queries (count, page)."""
    today = timezone.localdate()
    qs = open_offers(territory=territory, today=today)
    condition = _text_condition(query)
    if condition is not None:
        qs = qs.filter(condition)
    count = qs.count()
    page = list(
        qs.select_related("territory", "actor", "commune")
        .defer("search_text")
        .order_by("closes_on", "-published_at", "pk")[offset : offset + limit]
    )
    return KindResults(count=count, hits=[_hit(offer, today) for offer in page])


def _hit(offer: JobOffer, today: date) -> KindHit:
    days_left = (offer.closes_on - today).days
    return KindHit(
        title=offer.title,
        url=offer.get_absolute_url(),
        summary=offer.employer_name,
        meta=[str(Contract(offer.contract).label), offer.commune.name, *offer.skills[:3]],
        when=offer.closes_on,
        badge=_("Ferme bientôt") if days_left <= CLOSING_SOON_DAYS else "",
    )
