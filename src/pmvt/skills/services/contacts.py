"""Contact a person through the platform; the person accepts (their e-mail is shared) or declines."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.skills.access import access_contact, access_request_as_recipient
from pmvt.skills.errors import SkillsErrorCode, SkillsFieldError
from pmvt.skills.models import ContactRequest, ContactStatus, SkillProfile
from pmvt.skills.services.notices import (
    tell_request_accepted,
    tell_request_declined,
    tell_request_received,
)

MAX_TEXT = 2000


def _duplicate_error() -> ApplicationError:
    return ApplicationError(
        _("Vous avez déjà une demande en attente auprès de cette personne."),
        code=SkillsErrorCode.DUPLICATE_REQUEST,
    )


@transaction.atomic
def contact_request_send(*, profile: SkillProfile, sender: User, message: str) -> ContactRequest:
    """A pending request to the person; one pending request per sender and profile."""
    access_contact(user=sender, profile=profile)
    message = message.strip()
    if not message:
        raise SkillsFieldError(
            _("Écrivez un message : présentez-vous et dites pourquoi vous la contactez."),
            field="message",
        )
    if len(message) > MAX_TEXT:
        raise SkillsFieldError(
            _("Le message ne doit pas dépasser 2 000 caractères."), field="message"
        )
    if ContactRequest.objects.filter(
        profile=profile, sender=sender, status=ContactStatus.PENDING
    ).exists():
        raise _duplicate_error()
    try:
        with transaction.atomic():
            request = ContactRequest.objects.create(
                territory=profile.territory, profile=profile, sender=sender, message=message
            )
    except IntegrityError:
        raise _duplicate_error() from None
    tell_request_received(request=request)
    return request


def _answer(*, request: ContactRequest, by: User, answer: str, status: str) -> ContactRequest:
    access_request_as_recipient(user=by, request=request)
    answer = answer.strip()
    if len(answer) > MAX_TEXT:
        raise SkillsFieldError(
            _("La réponse ne doit pas dépasser 2 000 caractères."), field="answer"
        )
    locked = ContactRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != ContactStatus.PENDING:
        raise ApplicationError(
            _("Vous avez déjà répondu à cette demande."), code=SkillsErrorCode.INVALID_STATE
        )
    request.status = status
    request.answer = answer
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answer", "answered_at"])
    return request


@transaction.atomic
def contact_request_accept(
    *, request: ContactRequest, by: User, answer: str = ""
) -> ContactRequest:
    """Accept: the sender receives the person's e-mail address."""
    request = _answer(request=request, by=by, answer=answer, status=ContactStatus.ACCEPTED)
    tell_request_accepted(request=request)
    return request


@transaction.atomic
def contact_request_decline(
    *, request: ContactRequest, by: User, answer: str = ""
) -> ContactRequest:
    request = _answer(request=request, by=by, answer=answer, status=ContactStatus.DECLINED)
    tell_request_declined(request=request)
    return request
