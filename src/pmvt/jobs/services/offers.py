"""Writes on job offers: create, change, publish, close."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorStatus
from pmvt.catalog.text import search_text
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.jobs.access import (
    access_actor_jobs_as_editor,
    access_territory_jobs_as_admin,
    can_edit_offer,
    can_publish_offer,
)
from pmvt.jobs.errors import JobErrorCode, JobFieldError
from pmvt.jobs.models import Contract, JobOffer, OfferStatus, SalaryPeriod
from pmvt.jobs.skills import MAX_SKILLS, parse_skills, skill_keys_text
from pmvt.territories.models import Commune, Territory

MAX_HOURS_PER_WEEK = Decimal("48")  # The legal weekly maximum in France.

EDITABLE_FIELDS = [
    "title",
    "contract",
    "hours_per_week",
    "schedule",
    "commune",
    "skills",
    "salary_min",
    "salary_max",
    "salary_period",
    "starts_on",
    "closes_on",
    "description",
]


@dataclass
class OfferValues:
    """What the employer writes; the services check it before anything is saved."""

    title: str
    contract: str
    commune: Commune
    closes_on: date
    description: str
    hours_per_week: Decimal | None = None
    schedule: str = ""
    skills: list[str] | str = field(default_factory=list)
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_period: str = ""
    starts_on: date | None = None


def _clean(values: OfferValues, *, territory: Territory) -> OfferValues:
    title = " ".join((values.title or "").split())
    if not title:
        raise JobFieldError(_("Donnez un intitulé au poste."), field="title")
    if values.contract not in Contract.values:
        raise JobFieldError(_("Choisissez un type de contrat."), field="contract")
    if values.commune.territory_id != territory.pk:
        raise JobFieldError(_("Choisissez une commune du territoire."), field="commune")
    if not (values.description or "").strip():
        raise JobFieldError(_("Décrivez le poste et ses missions."), field="description")
    hours = values.hours_per_week
    if hours is not None and not (Decimal(0) < hours <= MAX_HOURS_PER_WEEK):
        raise JobFieldError(_("Indiquez entre 1 et 48 heures par semaine."), field="hours_per_week")
    skills = parse_skills(values.skills)
    if len(skills) > MAX_SKILLS:
        raise JobFieldError(
            _("Indiquez au plus %(count)s compétences.") % {"count": MAX_SKILLS}, field="skills"
        )
    low, high = values.salary_min, values.salary_max
    for amount, name in ((low, "salary_min"), (high, "salary_max")):
        if amount is not None and amount < 0:
            raise JobFieldError(_("Un salaire ne peut pas être négatif."), field=name)
    if low is not None and high is not None and low > high:
        raise JobFieldError(
            _("Le salaire minimum doit être inférieur ou égal au salaire maximum."),
            field="salary_max",
        )
    period = values.salary_period or ""
    if (low is not None or high is not None) and period not in SalaryPeriod.values:
        raise JobFieldError(
            _("Dites si le salaire est de l'heure, par mois ou par an."), field="salary_period"
        )
    if low is None and high is None:
        period = ""
    return OfferValues(
        title=title[:200],
        contract=values.contract,
        commune=values.commune,
        closes_on=values.closes_on,
        description=values.description.strip(),
        hours_per_week=hours,
        schedule=" ".join((values.schedule or "").split())[:200],
        skills=skills,
        salary_min=low,
        salary_max=high,
        salary_period=period,
        starts_on=values.starts_on,
    )


def _search_fields(offer: JobOffer) -> None:
    employer = offer.employer_name
    words = search_text(
        " ".join(
            [
                offer.title,
                " ".join(offer.skills),
                employer,
                offer.commune.name,
                str(Contract(offer.contract).label),
                offer.description,
            ]
        )
    )
    offer.search_text = f" {words} "
    offer.skill_keys = skill_keys_text(offer.skills)


def _check_publishable(*, offer: JobOffer, by: User, today: date) -> None:
    if not can_publish_offer(user=by, offer=offer):
        if offer.actor is not None and offer.actor.status != ActorStatus.VERIFIED:
            raise PermissionDeniedError(
                _("Votre activité doit être vérifiée par le territoire pour publier une offre.")
            )
        raise PermissionDeniedError(_("Vous ne pouvez pas publier cette offre d'emploi."))
    if offer.closes_on < today:
        raise JobFieldError(
            _("La date limite de candidature ne peut pas être passée."), field="closes_on"
        )


@transaction.atomic
def job_offer_create(
    *,
    territory: Territory,
    by: User,
    actor: Actor | None,
    values: OfferValues,
    publish: bool = False,
) -> JobOffer:
    """A new offer (a draft unless `publish`), of `actor` or, without one, of the collectivité."""
    if actor is None:
        access_territory_jobs_as_admin(user=by, territory=territory)
    else:
        if actor.territory_id != territory.pk:
            raise PermissionDeniedError(_("Cet acteur n'est pas de ce territoire."))
        access_actor_jobs_as_editor(user=by, actor=actor)
        if actor.status == ActorStatus.SUSPENDED:
            raise PermissionDeniedError(
                _("Votre activité est suspendue : vous ne pouvez pas publier d'offre.")
            )
    clean = _clean(values, territory=territory)
    offer = JobOffer(territory=territory, actor=actor, created_by=by, **vars(clean))
    _search_fields(offer)
    if publish:
        today = timezone.localdate()
        _check_publishable(offer=offer, by=by, today=today)
        offer.status = OfferStatus.PUBLISHED
        offer.published_at = timezone.now()
    offer.save()
    return offer


@transaction.atomic
def job_offer_update(*, offer: JobOffer, by: User, values: OfferValues) -> JobOffer:
    """Change an offer's text and terms (a closed offer is reopened by publishing it again)."""
    if not can_edit_offer(user=by, offer=offer):
        raise PermissionDeniedError(_("Vous ne pouvez pas modifier cette offre d'emploi."))
    clean = _clean(values, territory=offer.territory)
    if offer.status == OfferStatus.PUBLISHED and clean.closes_on < timezone.localdate():
        raise JobFieldError(
            _("La date limite de candidature ne peut pas être passée."), field="closes_on"
        )
    for name, value in vars(clean).items():
        setattr(offer, name, value)
    _search_fields(offer)
    offer.save(update_fields=[*EDITABLE_FIELDS, "search_text", "skill_keys", "updated_at"])
    return offer


def _locked(offer: JobOffer) -> JobOffer:
    locked = JobOffer.objects.select_for_update().get(pk=offer.pk)
    offer.status, offer.closes_on = locked.status, locked.closes_on
    return offer


@transaction.atomic
def job_offer_publish(*, offer: JobOffer, by: User) -> JobOffer:
    """Draft (or closed) → published; the closing date must not be passed."""
    offer = _locked(offer)
    if offer.status == OfferStatus.PUBLISHED:
        raise ApplicationError(
            _("Cette offre est déjà publiée."), code=JobErrorCode.INVALID_TRANSITION
        )
    _check_publishable(offer=offer, by=by, today=timezone.localdate())
    offer.status = OfferStatus.PUBLISHED
    offer.published_at = timezone.now()
    offer.closed_at = None
    offer.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    return offer


@transaction.atomic
def job_offer_close(*, offer: JobOffer, by: User) -> JobOffer:
    """Published → closed: the offer leaves the list, its page says it is closed."""
    if not can_edit_offer(user=by, offer=offer):
        raise PermissionDeniedError(_("Vous ne pouvez pas clore cette offre d'emploi."))
    offer = _locked(offer)
    if offer.status != OfferStatus.PUBLISHED:
        raise ApplicationError(
            _("Seule une offre publiée peut être close."), code=JobErrorCode.INVALID_TRANSITION
        )
    offer.status = OfferStatus.CLOSED
    offer.closed_at = timezone.now()
    offer.save(update_fields=["status", "closed_at", "updated_at"])
    return offer
