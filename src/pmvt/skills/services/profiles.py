"""Write a person's skill profile: declare or change it, delete it."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.catalog.text import search_text
from pmvt.skills.access import access_declaration
from pmvt.skills.errors import SkillsFieldError
from pmvt.skills.models import (
    Period,
    ProfileSkill,
    SkillLevel,
    SkillProfile,
    SkillTerm,
    Spirit,
    Visibility,
)
from pmvt.skills.selectors import skill_terms
from pmvt.territories.models import Commune, Territory

MAX_HOURS = 200
WEEKDAYS = range(1, 8)


@dataclass
class ProfileData:
    """What the form gives; `skills` maps a term id to a level (SkillLevel)."""

    skills: dict[int, int] = field(default_factory=dict)
    keywords: str = ""
    public_name: str = ""
    presentation: str = ""
    hours_per_month: int = 0
    days: list[int] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    available_until: date | None = None
    communes: list[Commune] = field(default_factory=list)
    remote: bool = False
    spirits: list[str] = field(default_factory=list)
    visibility: str = Visibility.MEMBERS
    is_active: bool = True


def clean_keywords(keywords: str) -> str:
    """ "couture,  Vélo ,,tricot" → "couture, Vélo, tricot" (duplicates dropped, order kept)."""
    kept: dict[str, str] = {}
    for raw in keywords.split(","):
        word = " ".join(raw.split())
        if word:
            kept.setdefault(word.casefold(), word)
    return ", ".join(kept.values())


def _check(*, territory: Territory, data: ProfileData) -> dict[int, SkillTerm]:
    """Raise SkillsFieldError on the first bad value; return the declared terms by id."""
    terms = {t.pk: t for t in skill_terms(territory=territory).filter(pk__in=list(data.skills))}
    if set(data.skills) - set(terms):
        raise SkillsFieldError(_("Une des compétences choisies n'existe pas."), field="skills")
    if any(level not in SkillLevel.values for level in data.skills.values()):
        raise SkillsFieldError(_("Choisissez un niveau pour chaque compétence."), field="skills")
    if not data.skills and not clean_keywords(data.keywords):
        raise SkillsFieldError(
            _("Choisissez au moins une compétence ou écrivez au moins un mot-clé."),
            field="skills",
        )
    if len(data.keywords) > 500:
        raise SkillsFieldError(
            _("Les mots-clés ne doivent pas dépasser 500 caractères."), field="keywords"
        )
    if len(data.public_name) > 120:
        raise SkillsFieldError(
            _("Le nom affiché ne doit pas dépasser 120 caractères."), field="public_name"
        )
    if len(data.presentation) > 2000:
        raise SkillsFieldError(
            _("La présentation ne doit pas dépasser 2 000 caractères."), field="presentation"
        )
    if not 0 <= data.hours_per_month <= MAX_HOURS:
        raise SkillsFieldError(
            _("Indiquez un nombre d'heures par mois entre 0 et 200."), field="hours_per_month"
        )
    if any(day not in WEEKDAYS for day in data.days):
        raise SkillsFieldError(_("Les jours vont de 1 (lundi) à 7 (dimanche)."), field="days")
    if set(data.periods) - set(Period.values):
        raise SkillsFieldError(_("Un des moments choisis n'existe pas."), field="periods")
    if data.available_until is not None and data.available_until < timezone.localdate():
        raise SkillsFieldError(
            _("La date de fin de disponibilité est déjà passée."), field="available_until"
        )
    if any(c.territory_id != territory.pk for c in data.communes):
        raise SkillsFieldError(_("Choisissez des communes du territoire."), field="communes")
    if not data.communes and not data.remote:
        raise SkillsFieldError(
            _("Choisissez au moins une commune où vous pouvez vous rendre, ou l'aide à distance."),
            field="communes",
        )
    if not data.spirits:
        raise SkillsFieldError(
            _("Dites dans quel esprit vous proposez votre aide."), field="spirits"
        )
    if set(data.spirits) - set(Spirit.values):
        raise SkillsFieldError(_("Un des esprits choisis n'existe pas."), field="spirits")
    if data.visibility not in Visibility.values:
        raise SkillsFieldError(_("Choisissez qui peut voir votre profil."), field="visibility")
    return terms


def profile_search_text(*, labels: list[str], keywords: str, presentation: str) -> str:
    return search_text(" ".join([*labels, keywords.replace(",", " "), presentation]))


@transaction.atomic
def skill_profile_save(*, territory: Territory, user: User, data: ProfileData) -> SkillProfile:
    """Create or replace the person's profile on this territory (one per person)."""
    access_declaration(user=user, territory=territory)
    terms = _check(territory=territory, data=data)
    keywords = clean_keywords(data.keywords)
    profile = (
        SkillProfile.objects.select_for_update().filter(territory=territory, user=user).first()
    )
    if profile is None:
        profile = SkillProfile(territory=territory, user=user)
    profile.public_name = data.public_name.strip()
    profile.presentation = data.presentation.strip()
    profile.keywords = keywords
    profile.hours_per_month = data.hours_per_month
    profile.days = sorted(set(data.days))
    profile.periods = [p for p in Period.values if p in data.periods]
    profile.available_until = data.available_until
    profile.remote = data.remote
    profile.spirits = [s for s in Spirit.values if s in data.spirits]
    profile.visibility = data.visibility
    profile.is_active = data.is_active
    ordered = sorted(terms.values(), key=lambda t: t.label)
    profile.search_text = profile_search_text(
        labels=[t.label for t in ordered], keywords=keywords, presentation=profile.presentation
    )
    profile.save()
    profile.communes.set(data.communes)
    ProfileSkill.objects.filter(profile=profile).exclude(term_id__in=list(terms)).delete()
    for term in ordered:
        ProfileSkill.objects.update_or_create(
            profile=profile, term=term, defaults={"level": data.skills[term.pk]}
        )
    return profile


@transaction.atomic
def skill_profile_delete(*, territory: Territory, user: User) -> bool:
    """Delete the person's profile and the contact requests it received; False if none."""
    deleted, _rows = SkillProfile.objects.filter(territory=territory, user=user).delete()
    return deleted > 0
