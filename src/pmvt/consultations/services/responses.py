"""A member's response to a consultation: validated as a whole, saved all or nothing.

One response per member and consultation, changeable until closing: a new submission replaces
the previous answers in one transaction. In an anonymous consultation the response keeps only
a keyed hash of the member (`voter_key`), so that a second response is refused although nobody
can read who answered from the database.
"""

import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pmvt.accounts.models import User
from pmvt.consultations.access import access_consultation_answer
from pmvt.consultations.errors import ConsultationErrorCode
from pmvt.consultations.models import (
    SCALE_MAX,
    SCALE_MIN,
    TEXT_MAX_LENGTH,
    Answer,
    Choice,
    Consultation,
    ConsultationStatus,
    Question,
    QuestionKind,
    Rank,
    Response,
)
from pmvt.core.exceptions import ApplicationError


class AnswerError(ValueError):
    """One question's answer is not acceptable; the message is shown beside the question."""


class ResponseInvalidError(ApplicationError):
    """Some answers are not acceptable: `errors` maps each question's id to its message."""

    def __init__(self, errors: dict[int, str]) -> None:
        count = len(errors)
        super().__init__(
            ngettext(
                "Une réponse est à corriger avant l'envoi.",
                "%(count)d réponses sont à corriger avant l'envoi.",
                count,
            )
            % {"count": count},
            code=ConsultationErrorCode.INVALID_RESPONSE,
        )
        self.errors = errors


def voter_key(*, user_id: int, consultation_id: int) -> str:
    """HMAC-SHA256 of the member and the consultation under the site's secret key."""
    message = f"pmvt.consultations:{consultation_id}:{user_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def response_of(*, user: User, consultation: Consultation) -> Response | None:
    """The member's response, found through their key (works for anonymous consultations)."""
    if not user.is_authenticated:
        return None
    key = voter_key(user_id=user.pk, consultation_id=consultation.pk)
    return Response.objects.filter(consultation=consultation, voter_key=key).first()


# --- validation of one answer -----------------------------------------------------------------


def _as_int(value: object) -> int:
    if isinstance(value, bool):
        raise AnswerError(_("Cette réponse n'est pas valable."))
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise AnswerError(_("Cette réponse n'est pas valable.")) from None


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set):
        return all(_is_blank(item) for item in value)
    if isinstance(value, Mapping):
        return all(_is_blank(item) for item in value.values())
    return False


def _choice_of(question: Question, choices: dict[int, Choice], value: object) -> Choice:
    choice = choices.get(_as_int(value))
    if choice is None:
        raise AnswerError(_("Ce choix ne fait pas partie des réponses proposées."))
    return choice


def _clean_multiple(question: Question, choices: dict[int, Choice], value: object) -> list[Choice]:
    items = value if isinstance(value, list | tuple | set) else [value]
    picked: list[Choice] = []
    for item in items:
        if _is_blank(item):
            continue
        choice = _choice_of(question, choices, item)
        if choice not in picked:
            picked.append(choice)
    minimum = question.min_choices or 1
    if len(picked) < minimum:
        raise AnswerError(
            ngettext(
                "Choisissez au moins %(count)d réponse.",
                "Choisissez au moins %(count)d réponses.",
                minimum,
            )
            % {"count": minimum}
        )
    if question.max_choices is not None and len(picked) > question.max_choices:
        raise AnswerError(
            ngettext(
                "Choisissez au plus %(count)d réponse.",
                "Choisissez au plus %(count)d réponses.",
                question.max_choices,
            )
            % {"count": question.max_choices}
        )
    return sorted(picked, key=lambda c: (c.position, c.pk))


def _clean_ranking(question: Question, choices: dict[int, Choice], value: object) -> list[Choice]:
    """{choice id: rank} → the choices from first to last; every choice ranked exactly once."""
    if not isinstance(value, Mapping):
        raise AnswerError(_("Cette réponse n'est pas valable."))
    ranks: dict[int, int] = {}
    for key, rank in value.items():
        choice = _choice_of(question, choices, key)
        if _is_blank(rank):
            continue
        ranks[choice.pk] = _as_int(rank)
    if len(ranks) != len(choices):
        raise AnswerError(_("Donnez un rang différent à chacun des choix."))
    if sorted(ranks.values()) != list(range(1, len(choices) + 1)):
        raise AnswerError(
            _("Chaque rang, de 1 à %(count)d, doit être donné à un seul choix.")
            % {"count": len(choices)}
        )
    return [choices[pk] for pk, _rank in sorted(ranks.items(), key=lambda item: item[1])]


def clean_answer(question: Question, value: object) -> Any:
    """The answer in stored form, or None when the question is left blank.

    Raises AnswerError with a French message when the answer breaks a rule.
    """
    if _is_blank(value):
        if question.required:
            raise AnswerError(_("Cette question demande une réponse."))
        return None
    choices = {choice.pk: choice for choice in question.choices.all()}
    match question.kind:
        case QuestionKind.SINGLE:
            if isinstance(value, list | tuple | set):
                raise AnswerError(_("Choisissez une seule réponse."))
            return _choice_of(question, choices, value)
        case QuestionKind.MULTIPLE:
            return _clean_multiple(question, choices, value)
        case QuestionKind.RANKING:
            return _clean_ranking(question, choices, value)
        case QuestionKind.SCALE:
            scale = _as_int(value)
            if not SCALE_MIN <= scale <= SCALE_MAX:
                raise AnswerError(_("Choisissez une note de 1 à 5."))
            return scale
        case _:
            text = str(value).strip()
            if len(text) > TEXT_MAX_LENGTH:
                raise AnswerError(
                    _("Votre réponse ne doit pas dépasser %(max)d caractères.")
                    % {"max": TEXT_MAX_LENGTH}
                )
            return text


# --- the response -----------------------------------------------------------------------------


def _check_open(consultation: Consultation, now: datetime) -> None:
    status = consultation.status_at(now)
    if status == ConsultationStatus.UPCOMING:
        raise ApplicationError(
            _("Cette consultation ouvre le %(date)s. Revenez à cette date pour répondre.")
            % {"date": date_format(timezone.localtime(consultation.opens_at), "j F Y à H:i")},
            code=ConsultationErrorCode.NOT_OPEN,
        )
    if status == ConsultationStatus.CLOSED:
        raise ApplicationError(
            _("Cette consultation est close depuis le %(date)s. Les réponses ne sont plus reçues.")
            % {"date": date_format(timezone.localtime(consultation.closes_at), "j F Y à H:i")},
            code=ConsultationErrorCode.CLOSED,
        )


def _save_answers(response: Response, answers: list[tuple[Question, Any]]) -> None:
    rows = []
    for question, value in answers:
        answer = Answer(response=response, question=question)
        if question.kind == QuestionKind.SINGLE:
            answer.choice = value
        elif question.kind == QuestionKind.SCALE:
            answer.scale = value
        elif question.kind == QuestionKind.TEXT:
            answer.text = value
        rows.append((answer, question, value))
    Answer.objects.bulk_create([answer for answer, _q, _v in rows])
    through = Answer.choices.through
    links: list[Any] = []
    ranks: list[Rank] = []
    for answer, question, value in rows:
        if question.kind == QuestionKind.MULTIPLE:
            links.extend(through(answer_id=answer.pk, choice_id=choice.pk) for choice in value)
        elif question.kind == QuestionKind.RANKING:
            ranks.extend(
                Rank(answer=answer, choice=choice, rank=position)
                for position, choice in enumerate(value, start=1)
            )
    through.objects.bulk_create(links)
    Rank.objects.bulk_create(ranks)


@transaction.atomic
def response_submit(
    *, user: User, consultation: Consultation, data: Mapping[int, object]
) -> Response:
    """Record (or replace) the member's answers. `data` maps question ids to raw values.

    Values: single, a choice id; multiple, a list of choice ids; ranking, {choice id: rank};
    scale, 1 to 5; text, a string. Raises ResponseInvalidError listing every answer to fix,
    PermissionDeniedError when the member may not answer, ApplicationError when closed.
    """
    access_consultation_answer(user=user, consultation=consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    now = timezone.now()
    _check_open(consultation, now)
    questions = list(Question.objects.filter(consultation=consultation).prefetch_related("choices"))
    if not questions:
        raise ApplicationError(
            _("Cette consultation n'a pas encore de questions."),
            code=ConsultationErrorCode.NO_QUESTION,
        )
    answers: list[tuple[Question, Any]] = []
    errors: dict[int, str] = {}
    for question in questions:
        try:
            value = clean_answer(question, data.get(question.pk))
        except AnswerError as error:
            errors[question.pk] = str(error)
            continue
        if value is not None:
            answers.append((question, value))
    if errors:
        raise ResponseInvalidError(errors)

    key = voter_key(user_id=user.pk, consultation_id=consultation.pk)
    if consultation.anonymous:
        identity = None
        day = timezone.localtime(now).date()
        submitted_at = timezone.make_aware(datetime.combine(day, time.min))
    else:
        identity, submitted_at = user, now
    response = (
        Response.objects.select_for_update()
        .filter(consultation=consultation, voter_key=key)
        .first()
    )
    if response is None:
        response = Response(
            consultation=consultation, user=identity, voter_key=key, submitted_at=submitted_at
        )
        try:
            with transaction.atomic():
                response.save()
        except IntegrityError:
            # Another tab of the same member got there first (possible on SQLite, or between
            # the read and the insert): refuse rather than keep two responses.
            raise ApplicationError(
                _(
                    "Votre réponse vient d'être enregistrée depuis une autre page. Rechargez la page."
                ),
                code=ConsultationErrorCode.CONCURRENT_RESPONSE,
            ) from None
    else:
        Answer.objects.filter(response=response).delete()
        response.user = identity
        response.submitted_at = submitted_at
        response.save(update_fields=["user", "submitted_at"])
    _save_answers(response, answers)
    return response
