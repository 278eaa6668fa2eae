"""Write the needs of a project: add, change, close, mark met. The team (carriers and members)
and the territory's admins manage them. Each kind has its own rules:

- skill: at least one term of the vocabulary or a keyword, the hours per month it takes;
- asset: the kind of asset and the dates, not in the past, the end not before the start;
- funds: an amount above zero, optionally a published local investment call of the territory;
- volunteers: how many people (at least one), optionally skills and hours.

Fields that do not belong to the kind are cleared.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.assets.models import AssetKind
from pmvt.catalog.text import search_text
from pmvt.investments.models import CallStatus, InvestmentCall
from pmvt.projects.access import access_project_as_team
from pmvt.projects.errors import ProjectFieldError, ProjectStateError
from pmvt.projects.models import Need, NeedKind, NeedStatus, Project, ProjectStatus
from pmvt.projects.selectors import skill_terms_of
from pmvt.skills.models import SkillLevel, SkillTerm
from pmvt.territories.models import Commune, Territory

MAX_HOURS_PER_MONTH = 300
MAX_PEOPLE = 500
MAX_AMOUNT = Decimal("9999999999.99")


@dataclass(frozen=True)
class NeedData:
    """Every field a need may carry; `_clean()` keeps those of its kind."""

    title: str
    description: str = ""
    skill_terms: Iterable[SkillTerm] = ()
    keywords: str = ""
    min_level: int | None = None
    hours_per_month: int | None = None
    people: int = 1
    remote_ok: bool = False
    commune: Commune | None = None
    asset_kind: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    amount: Decimal | None = None
    investment_call: InvestmentCall | None = None


FIELDS = [
    "title",
    "description",
    "keywords",
    "min_level",
    "hours_per_month",
    "people",
    "remote_ok",
    "commune",
    "asset_kind",
    "starts_on",
    "ends_on",
    "amount",
    "investment_call",
]


def _clean_common(values: NeedData, territory: Territory) -> NeedData:
    values = replace(
        values,
        title=" ".join(str(values.title or "").split()),
        description=str(values.description or "").strip(),
        keywords=" ".join(str(values.keywords or "").split()),
        skill_terms=list(values.skill_terms),
    )
    if not values.title:
        raise ProjectFieldError(_("Donnez un intitulé au besoin."), field="title")
    if len(values.title) > 200:
        raise ProjectFieldError(_("L'intitulé ne doit pas dépasser 200 caractères."), field="title")
    if len(values.description) > 3000:
        raise ProjectFieldError(
            _("Les précisions ne doivent pas dépasser 3000 caractères."), field="description"
        )
    if len(values.keywords) > 300:
        raise ProjectFieldError(
            _("Les mots-clés ne doivent pas dépasser 300 caractères."), field="keywords"
        )
    if values.commune is not None and values.commune.territory_id != territory.pk:
        raise ProjectFieldError(_("Choisissez une commune du territoire."), field="commune")
    return values


def _clean_skills(values: NeedData, territory: Territory) -> None:
    allowed = set(skill_terms_of(territory).values_list("pk", flat=True))
    if any(term.pk not in allowed for term in values.skill_terms):
        raise ProjectFieldError(
            _("Choisissez des compétences proposées par le territoire."), field="skill_terms"
        )
    if values.min_level is not None and values.min_level not in SkillLevel.values:
        raise ProjectFieldError(_("Choisissez un niveau de la liste."), field="min_level")


def _clean_hours(values: NeedData, *, required: bool) -> None:
    hours = values.hours_per_month
    if hours is None:
        if required:
            raise ProjectFieldError(
                _("Indiquez combien d'heures par mois ce besoin demande."),
                field="hours_per_month",
            )
        return
    if not 1 <= hours <= MAX_HOURS_PER_MONTH:
        raise ProjectFieldError(
            _("Indiquez entre 1 et 300 heures par mois."), field="hours_per_month"
        )


def _clean_people(values: NeedData) -> None:
    if values.people is None or not 1 <= values.people <= MAX_PEOPLE:
        raise ProjectFieldError(
            _("Indiquez le nombre de personnes recherchées, entre 1 et 500."), field="people"
        )


def _clean(*, kind: str, values: NeedData, territory: Territory) -> NeedData:
    values = _clean_common(values, territory)
    if kind == NeedKind.SKILL:
        _clean_skills(values, territory)
        if not values.skill_terms and not values.keywords:
            raise ProjectFieldError(
                _("Choisissez au moins une compétence, ou décrivez-la par des mots-clés."),
                field="skill_terms",
            )
        _clean_hours(values, required=True)
        _clean_people(values)
        return NeedData(
            title=values.title,
            description=values.description,
            skill_terms=values.skill_terms,
            keywords=values.keywords,
            min_level=values.min_level,
            hours_per_month=values.hours_per_month,
            people=values.people,
            remote_ok=values.remote_ok,
            commune=values.commune,
        )
    if kind == NeedKind.ASSET:
        if values.asset_kind not in AssetKind.values:
            raise ProjectFieldError(_("Choisissez le type de bien recherché."), field="asset_kind")
        if values.starts_on is None:
            raise ProjectFieldError(
                _("Indiquez à partir de quand le bien est nécessaire."), field="starts_on"
            )
        if values.ends_on is None:
            raise ProjectFieldError(
                _("Indiquez jusqu'à quand le bien est nécessaire."), field="ends_on"
            )
        if values.starts_on < timezone.localdate():
            raise ProjectFieldError(
                _("La date de début ne peut pas être passée."), field="starts_on"
            )
        if values.ends_on < values.starts_on:
            raise ProjectFieldError(
                _("La date de fin doit suivre la date de début."), field="ends_on"
            )
        return NeedData(
            title=values.title,
            description=values.description,
            asset_kind=values.asset_kind,
            starts_on=values.starts_on,
            ends_on=values.ends_on,
            commune=values.commune,
        )
    if kind == NeedKind.FUNDS:
        amount = values.amount
        try:
            amount = Decimal(amount) if amount is not None else None
        except (InvalidOperation, TypeError, ValueError):
            amount = None
        if amount is None or not amount.is_finite() or amount <= 0:
            raise ProjectFieldError(
                _("Indiquez un montant supérieur à zéro, en euros."), field="amount"
            )
        if amount > MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
            raise ProjectFieldError(
                _("Indiquez un montant en euros, avec deux décimales au plus."), field="amount"
            )
        call = values.investment_call
        if call is not None and (
            call.territory_id != territory.pk or call.status != CallStatus.PUBLISHED
        ):
            raise ProjectFieldError(
                _("Choisissez un appel à investissement publié par le territoire."),
                field="investment_call",
            )
        return NeedData(
            title=values.title,
            description=values.description,
            amount=amount,
            investment_call=call,
        )
    if kind == NeedKind.VOLUNTEERS:
        _clean_people(values)
        _clean_skills(values, territory)
        _clean_hours(values, required=False)
        return NeedData(
            title=values.title,
            description=values.description,
            skill_terms=values.skill_terms,
            keywords=values.keywords,
            hours_per_month=values.hours_per_month,
            people=values.people,
            remote_ok=values.remote_ok,
            commune=values.commune,
        )
    raise ProjectFieldError(_("Choisissez un type de besoin."), field="kind")


def _search_words(values: NeedData) -> str:
    labels = " ".join(term.label for term in values.skill_terms)
    return search_text(f"{values.title} {values.description} {values.keywords} {labels}")


@transaction.atomic
def need_add(
    *,
    project: Project,
    by: User,
    kind: str,
    data: NeedData,
) -> Need:
    access_project_as_team(user=by, project=project)
    if project.status == ProjectStatus.DONE:
        raise ProjectStateError(_("Ce projet est réalisé : il n'a plus de besoins à publier."))
    values = _clean(kind=kind, values=data, territory=project.territory)
    need = Need(
        territory=project.territory,
        project=project,
        kind=kind,
        search_text=_search_words(values),
        **{name: getattr(values, name) for name in FIELDS},
    )
    need.save()
    need.skill_terms.set(values.skill_terms)
    return need


@transaction.atomic
def need_update(
    *,
    need: Need,
    by: User,
    data: NeedData,
) -> Need:
    """Change an open need (its kind stays)."""
    access_project_as_team(user=by, project=need.project)
    locked = Need.objects.select_for_update().get(pk=need.pk)
    if locked.status != NeedStatus.OPEN:
        raise ProjectStateError(_("Seul un besoin ouvert peut être modifié."))
    values = _clean(kind=need.kind, values=data, territory=need.territory)
    for name in FIELDS:
        setattr(need, name, getattr(values, name))
    need.search_text = _search_words(values)
    need.save(update_fields=[*FIELDS, "search_text"])
    need.skill_terms.set(values.skill_terms)
    return need


def _set_status(*, need: Need, by: User, to: str) -> Need:
    access_project_as_team(user=by, project=need.project)
    locked = Need.objects.select_for_update().get(pk=need.pk)
    if locked.status != NeedStatus.OPEN:
        raise ProjectStateError(_("Ce besoin n'est plus ouvert."))
    need.status = to
    need.save(update_fields=["status"])
    return need


@transaction.atomic
def need_close(*, need: Need, by: User) -> Need:
    """Withdraw an open need that is no longer wanted."""
    return _set_status(need=need, by=by, to=NeedStatus.CLOSED)


@transaction.atomic
def need_mark_met(*, need: Need, by: User) -> Need:
    """An open need has found what it was looking for."""
    return _set_status(need=need, by=by, to=NeedStatus.MET)
