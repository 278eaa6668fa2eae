"""Write the territory's own terms of the skills vocabulary: add, withdraw, offer again."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.skills.access import access_term_as_admin, access_vocabulary_as_admin
from pmvt.skills.errors import SkillsErrorCode, SkillsFieldError
from pmvt.skills.models import SkillTerm
from pmvt.skills.vocabulary import term_search_text
from pmvt.territories.models import Territory

MAX_LABEL = 120


def _duplicate_error() -> ApplicationError:
    return ApplicationError(
        _("Cette compétence existe déjà dans le vocabulaire."),
        code=SkillsErrorCode.DUPLICATE_TERM,
    )


@transaction.atomic
def skill_term_add(*, territory: Territory, by: User, label: str, category: str = "") -> SkillTerm:
    """A new active term of the territory; a label already in the vocabulary is refused."""
    access_vocabulary_as_admin(user=by, territory=territory)
    label = " ".join(label.split())
    category = " ".join(category.split())
    if not label:
        raise SkillsFieldError(_("Donnez le nom de la compétence."), field="label")
    if len(label) > MAX_LABEL:
        raise SkillsFieldError(
            _("Le nom de la compétence ne doit pas dépasser 120 caractères."), field="label"
        )
    if len(category) > MAX_LABEL:
        raise SkillsFieldError(
            _("Le domaine ne doit pas dépasser 120 caractères."), field="category"
        )
    category = category or _("Autres")
    slug = slugify(label)[:120]
    if not slug:
        raise SkillsFieldError(
            _("Le nom de la compétence doit contenir des lettres."), field="label"
        )
    if SkillTerm.objects.filter(
        Q(territory__isnull=True) | Q(territory=territory), slug=slug
    ).exists():
        raise _duplicate_error()
    try:
        with transaction.atomic():
            return SkillTerm.objects.create(
                territory=territory,
                label=label,
                slug=slug,
                category=category,
                search_text=term_search_text(label, category),
                created_by=by,
            )
    except IntegrityError:
        raise _duplicate_error() from None


def _set_active(*, term: SkillTerm, by: User, active: bool) -> SkillTerm:
    access_term_as_admin(user=by, term=term)
    if term.is_active != active:
        term.is_active = active
        term.save(update_fields=["is_active"])
    return term


@transaction.atomic
def skill_term_deactivate(*, term: SkillTerm, by: User) -> SkillTerm:
    """Withdraw a territory term: no longer offered; profiles that declared it keep it."""
    return _set_active(term=term, by=by, active=False)


@transaction.atomic
def skill_term_reactivate(*, term: SkillTerm, by: User) -> SkillTerm:
    return _set_active(term=term, by=by, active=True)
