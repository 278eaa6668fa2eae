"""Writes on consultations and their questions (territory admins).

Questions can change until the first member answers; from then on the structure is frozen, so
that every response answers the same questions.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.community.models import Theme
from pmvt.consultations.access import access_consultations_as_admin
from pmvt.consultations.errors import ConsultationErrorCode
from pmvt.consultations.models import (
    KINDS_WITH_CHOICES,
    Choice,
    Consultation,
    Eligibility,
    Question,
    QuestionKind,
    Response,
)
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Territory

MAX_CHOICES = 20
# Slugs the URLs use after /valeurs/consultations/ and /gestion/consultations/.
RESERVED_SLUGS = {"nouvelle"}


class ConsultationFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form can show the message beside it."""

    def __init__(
        self, message: Any, *, field: str, code: str = ConsultationErrorCode.INVALID_FIELD
    ) -> None:
        super().__init__(message, code=code)
        self.field = field


def _one_line(value: object) -> str:
    return " ".join(str(value or "").split())


def _lock(consultation: Consultation) -> Consultation:
    """Lock the consultation row: structure changes and first responses take turns."""
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def has_responses(consultation: Consultation) -> bool:
    return Response.objects.filter(consultation=consultation).exists()


def _check_structure_editable(consultation: Consultation) -> None:
    if has_responses(consultation):
        raise ApplicationError(
            _(
                "Des membres ont déjà répondu à cette consultation. Ses questions ne peuvent "
                "plus être modifiées, pour que toutes les réponses portent sur les mêmes questions."
            ),
            code=ConsultationErrorCode.STRUCTURE_FROZEN,
        )


# --- consultations ----------------------------------------------------------------------------


def _clean_consultation(
    *,
    territory: Territory,
    title: str,
    description: str,
    opens_at: datetime,
    closes_at: datetime,
    eligibility: str,
    themes: Iterable[Theme],
) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    title = _one_line(title)
    if not title or len(title) > 200:
        raise ConsultationFieldError(
            _("Indiquez le titre de la consultation (200 caractères au plus)."), field="title"
        )
    cleaned["title"] = title
    description = str(description or "").strip()
    if len(description) > 5000:
        raise ConsultationFieldError(
            _("La présentation ne doit pas dépasser 5000 caractères."), field="description"
        )
    cleaned["description"] = description
    if not isinstance(opens_at, datetime) or opens_at.tzinfo is None:
        raise ConsultationFieldError(
            _("Indiquez la date et l'heure d'ouverture."), field="opens_at"
        )
    if not isinstance(closes_at, datetime) or closes_at.tzinfo is None:
        raise ConsultationFieldError(
            _("Indiquez la date et l'heure de clôture."), field="closes_at"
        )
    if closes_at <= opens_at:
        raise ConsultationFieldError(
            _("La clôture doit être après l'ouverture."), field="closes_at"
        )
    cleaned["opens_at"], cleaned["closes_at"] = opens_at, closes_at
    if eligibility not in Eligibility.values:
        raise ConsultationFieldError(_("Choisissez qui peut répondre."), field="eligibility")
    cleaned["eligibility"] = eligibility
    theme_list = list(themes)
    if any(theme.territory_id != territory.pk for theme in theme_list):
        raise ConsultationFieldError(_("Choisissez des thèmes du territoire."), field="themes")
    cleaned["themes"] = theme_list
    return cleaned


def _free_slug(*, territory: Territory, title: str) -> str:
    base = slugify(title)[:100].strip("-") or "consultation"
    if base in RESERVED_SLUGS:
        base = f"consultation-{base}"
    taken = set(
        Consultation.objects.filter(territory=territory, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    return next(
        slug
        for slug in [base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))]
        if slug not in taken
    )


@transaction.atomic
def consultation_create(
    *,
    territory: Territory,
    by: User,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    eligibility: str = Eligibility.MEMBERS,
    anonymous: bool = False,
    themes: Iterable[Theme] = (),
) -> Consultation:
    """Create a consultation without questions; add them with question_add()."""
    access_consultations_as_admin(user=by, territory=territory)
    cleaned = _clean_consultation(
        territory=territory,
        title=title,
        description=description,
        opens_at=opens_at,
        closes_at=closes_at,
        eligibility=eligibility,
        themes=themes,
    )
    theme_list = cleaned.pop("themes")
    consultation = Consultation(
        territory=territory, created_by=by, anonymous=bool(anonymous), **cleaned
    )
    consultation.slug = _free_slug(territory=territory, title=cleaned["title"])
    try:
        with transaction.atomic():
            consultation.save()
    except IntegrityError:
        raise ApplicationError(
            _("Une consultation du même titre vient d'être créée. Réessayez."),
            code=ConsultationErrorCode.INVALID_FIELD,
        ) from None
    consultation.themes.set(theme_list)
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    by: User,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    eligibility: str = Eligibility.MEMBERS,
    anonymous: bool = False,
    themes: Iterable[Theme] = (),
) -> Consultation:
    """Change a consultation. Its address stays; who may answer and anonymity are frozen once
    members have answered (their answers were given under those terms)."""
    access_consultations_as_admin(user=by, territory=consultation.territory)
    locked = _lock(consultation)
    cleaned = _clean_consultation(
        territory=consultation.territory,
        title=title,
        description=description,
        opens_at=opens_at,
        closes_at=closes_at,
        eligibility=eligibility,
        themes=themes,
    )
    theme_list = cleaned.pop("themes")
    cleaned["anonymous"] = bool(anonymous)
    if (
        cleaned["anonymous"] != locked.anonymous or cleaned["eligibility"] != locked.eligibility
    ) and has_responses(locked):
        raise ApplicationError(
            _(
                "Des membres ont déjà répondu à cette consultation. L'anonymat des réponses et "
                "les conditions pour répondre ne peuvent plus être modifiés."
            ),
            code=ConsultationErrorCode.STRUCTURE_FROZEN,
        )
    changed = [name for name, value in cleaned.items() if getattr(consultation, name) != value]
    for name in changed:
        setattr(consultation, name, cleaned[name])
    if changed:
        consultation.save(update_fields=[*changed, "updated_at"])
    consultation.themes.set(theme_list)
    return consultation


@transaction.atomic
def consultation_publish_free_text(
    *, consultation: Consultation, by: User, published: bool
) -> Consultation:
    """Show (or hide again) the free-text answers to everyone who can see the results."""
    access_consultations_as_admin(user=by, territory=consultation.territory)
    if consultation.free_text_published != published:
        consultation.free_text_published = published
        consultation.save(update_fields=["free_text_published", "updated_at"])
    return consultation


# --- questions --------------------------------------------------------------------------------


def _clean_question(
    *,
    kind: str,
    label: str,
    help: str,
    required: bool,
    min_choices: int | None,
    max_choices: int | None,
    choices: Sequence[str],
    scale_low_label: str,
    scale_high_label: str,
) -> dict[str, Any]:
    if kind not in QuestionKind.values:
        raise ConsultationFieldError(_("Choisissez le type de question."), field="kind")
    cleaned: dict[str, Any] = {"kind": kind, "required": bool(required)}
    label = _one_line(label)
    if not label or len(label) > 300:
        raise ConsultationFieldError(
            _("Écrivez la question (300 caractères au plus)."), field="label"
        )
    cleaned["label"] = label
    help = _one_line(help)
    if len(help) > 500:
        raise ConsultationFieldError(_("L'aide ne doit pas dépasser 500 caractères."), field="help")
    cleaned["help"] = help
    labels = [_one_line(choice) for choice in choices]
    labels = [label for label in labels if label]
    if kind in KINDS_WITH_CHOICES:
        if len(labels) < 2 or len(labels) > MAX_CHOICES:
            raise ConsultationFieldError(
                _("Proposez entre 2 et 20 choix, un par ligne."), field="choices"
            )
        if any(len(label) > 200 for label in labels):
            raise ConsultationFieldError(
                _("Chaque choix doit tenir en 200 caractères."), field="choices"
            )
        if len({label.casefold() for label in labels}) != len(labels):
            raise ConsultationFieldError(
                _("Chaque choix ne doit figurer qu'une fois."), field="choices"
            )
    elif labels:
        raise ConsultationFieldError(
            _("Ce type de question ne propose pas de choix. Laissez la liste des choix vide."),
            field="choices",
        )
    cleaned["choices"] = labels
    cleaned["min_choices"] = cleaned["max_choices"] = None
    if kind == QuestionKind.MULTIPLE:
        if min_choices is not None and not 1 <= min_choices <= len(labels):
            raise ConsultationFieldError(
                _("Le nombre minimum de choix doit être compris entre 1 et le nombre de choix."),
                field="min_choices",
            )
        if max_choices is not None and not 1 <= max_choices <= len(labels):
            raise ConsultationFieldError(
                _("Le nombre maximum de choix doit être compris entre 1 et le nombre de choix."),
                field="max_choices",
            )
        if min_choices is not None and max_choices is not None and min_choices > max_choices:
            raise ConsultationFieldError(
                _("Le nombre minimum de choix ne peut pas dépasser le maximum."),
                field="max_choices",
            )
        cleaned["min_choices"], cleaned["max_choices"] = min_choices, max_choices
    cleaned["scale_low_label"] = cleaned["scale_high_label"] = ""
    if kind == QuestionKind.SCALE:
        for name, value in (
            ("scale_low_label", scale_low_label),
            ("scale_high_label", scale_high_label),
        ):
            text = _one_line(value)
            if len(text) > 60:
                raise ConsultationFieldError(
                    _("Le sens d'une note doit tenir en 60 caractères."), field=name
                )
            cleaned[name] = text
    return cleaned


def _set_choices(question: Question, labels: list[str]) -> None:
    Choice.objects.filter(question=question).delete()
    Choice.objects.bulk_create(
        Choice(question=question, position=index, label=label)
        for index, label in enumerate(labels, start=1)
    )


@transaction.atomic
def question_add(
    *,
    consultation: Consultation,
    by: User,
    kind: str,
    label: str,
    help: str = "",
    required: bool = True,
    min_choices: int | None = None,
    max_choices: int | None = None,
    choices: Sequence[str] = (),
    scale_low_label: str = "",
    scale_high_label: str = "",
) -> Question:
    """Add a question at the end of the consultation (choices: one label each, in order)."""
    access_consultations_as_admin(user=by, territory=consultation.territory)
    _check_structure_editable(_lock(consultation))
    cleaned = _clean_question(
        kind=kind,
        label=label,
        help=help,
        required=required,
        min_choices=min_choices,
        max_choices=max_choices,
        choices=choices,
        scale_low_label=scale_low_label,
        scale_high_label=scale_high_label,
    )
    labels = cleaned.pop("choices")
    last = (
        Question.objects.filter(consultation=consultation)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    question = Question.objects.create(
        consultation=consultation, position=(last or 0) + 1, **cleaned
    )
    _set_choices(question, labels)
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    by: User,
    kind: str,
    label: str,
    help: str = "",
    required: bool = True,
    min_choices: int | None = None,
    max_choices: int | None = None,
    choices: Sequence[str] = (),
    scale_low_label: str = "",
    scale_high_label: str = "",
) -> Question:
    consultation = question.consultation
    access_consultations_as_admin(user=by, territory=consultation.territory)
    _check_structure_editable(_lock(consultation))
    cleaned = _clean_question(
        kind=kind,
        label=label,
        help=help,
        required=required,
        min_choices=min_choices,
        max_choices=max_choices,
        choices=choices,
        scale_low_label=scale_low_label,
        scale_high_label=scale_high_label,
    )
    labels = cleaned.pop("choices")
    for name, value in cleaned.items():
        setattr(question, name, value)
    question.save(update_fields=list(cleaned))
    current = list(Choice.objects.filter(question=question).values_list("label", flat=True))
    if current != labels:
        _set_choices(question, labels)
    return question


@transaction.atomic
def question_remove(*, question: Question, by: User) -> None:
    consultation = question.consultation
    access_consultations_as_admin(user=by, territory=consultation.territory)
    _check_structure_editable(_lock(consultation))
    question.delete()


@transaction.atomic
def question_move(*, question: Question, by: User, up: bool) -> None:
    """Swap the question with the one before it (up) or after it."""
    consultation = question.consultation
    access_consultations_as_admin(user=by, territory=consultation.territory)
    _check_structure_editable(_lock(consultation))
    questions = list(Question.objects.filter(consultation=consultation).order_by("position", "pk"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(questions):
        return
    questions[index], questions[other] = questions[other], questions[index]
    for position, item in enumerate(questions, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
