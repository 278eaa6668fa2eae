"""Write the participants' share: join, contributions, theme suggestions, dots."""

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.workshops.access import access_workshop_as_participant
from pmvt.workshops.errors import PhaseError, WorkshopErrorCode, WorkshopFieldError
from pmvt.workshops.models import (
    Contribution,
    Dot,
    Participant,
    Phase,
    Theme,
    ThemeSuggestion,
    Workshop,
)

THEME_TITLE_MAX = 150


@transaction.atomic
def participant_join(*, workshop: Workshop, user: User) -> Participant:
    """The user's participation (created on first call; joining twice changes nothing)."""
    access_workshop_as_participant(user=user, workshop=workshop)
    participant, _created = Participant.objects.get_or_create(workshop=workshop, user=user)
    return participant


def _clean_text(*, workshop: Workshop, text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise WorkshopFieldError(_("Écrivez votre contribution."), field="text")
    if len(text) > workshop.max_contribution_length:
        raise WorkshopFieldError(
            _(
                "Votre contribution fait %(length)s caractères : %(max)s au plus, pour qu'elle "
                "reste lisible par tous."
            )
            % {"length": len(text), "max": workshop.max_contribution_length},
            field="text",
        )
    return text


def _require_phase(workshop: Workshop, phase: Phase, message: str) -> None:
    if workshop.phase != phase:
        raise PhaseError(message)


@transaction.atomic
def contribution_create(*, workshop: Workshop, by: User, text: str) -> Contribution:
    access_workshop_as_participant(user=by, workshop=workshop)
    _require_phase(workshop, Phase.CONTRIBUTIONS, _("La phase des contributions est close."))
    cleaned = _clean_text(workshop=workshop, text=text)
    participant_join(workshop=workshop, user=by)
    return Contribution.objects.create(workshop=workshop, author=by, text=cleaned)


def _access_own(contribution: Contribution, by: User) -> None:
    access_workshop_as_participant(user=by, workshop=contribution.workshop)
    if contribution.author_id != by.pk:
        raise PermissionDeniedError(_("Seule la personne qui l'a écrite modifie une contribution."))
    _require_phase(
        contribution.workshop,
        Phase.CONTRIBUTIONS,
        _("La phase des contributions est close : les contributions ne changent plus."),
    )


@transaction.atomic
def contribution_update(*, contribution: Contribution, by: User, text: str) -> Contribution:
    _access_own(contribution, by)
    contribution.text = _clean_text(workshop=contribution.workshop, text=text)
    contribution.save(update_fields=["text"])
    return contribution


@transaction.atomic
def contribution_delete(*, contribution: Contribution, by: User) -> None:
    _access_own(contribution, by)
    contribution.delete()


@transaction.atomic
def suggestion_create(
    *, contribution: Contribution, by: User, theme: Theme | None = None, new_title: str = ""
) -> ThemeSuggestion:
    """Suggest filing a contribution (anyone's) under an existing theme or a new one."""
    workshop = contribution.workshop
    access_workshop_as_participant(user=by, workshop=workshop)
    _require_phase(
        workshop, Phase.CLUSTERING, _("Les thèmes se proposent pendant le regroupement.")
    )
    new_title = " ".join(new_title.split())
    if theme is not None and new_title:
        raise WorkshopFieldError(
            _("Choisissez un thème existant ou proposez-en un nouveau, pas les deux."),
            field="new_title",
        )
    if theme is None and not new_title:
        raise WorkshopFieldError(
            _("Choisissez un thème existant ou proposez-en un nouveau."), field="theme"
        )
    if theme is not None and theme.workshop_id != workshop.pk:
        raise WorkshopFieldError(_("Ce thème n'appartient pas à cet atelier."), field="theme")
    if len(new_title) > THEME_TITLE_MAX:
        raise WorkshopFieldError(
            _("Le nom d'un thème compte 150 caractères au plus."), field="new_title"
        )
    participant_join(workshop=workshop, user=by)
    return ThemeSuggestion.objects.create(
        contribution=contribution, suggested_by=by, theme=theme, new_title=new_title
    )


def dots_refusal(*, workshop: Workshop, allocation: dict[int, int]) -> str:
    """Why this spread of dots is refused ("" when it is valid)."""
    theme_ids = set(Theme.objects.filter(workshop=workshop).values_list("pk", flat=True))
    if set(allocation) - theme_ids:
        return str(_("Un des thèmes n'appartient pas à cet atelier."))
    if any(count < 0 for count in allocation.values()):
        return str(_("Le nombre de gommettes d'un thème ne peut pas être négatif."))
    total = sum(allocation.values())
    if total > workshop.dots_per_participant:
        return str(
            _("Vous avez placé %(total)s gommettes : vous en avez %(max)s au plus.")
            % {"total": total, "max": workshop.dots_per_participant}
        )
    return ""


@transaction.atomic
def dots_set(*, workshop: Workshop, by: User, allocation: dict[int, int]) -> Participant:
    """Replace the user's dots by `allocation` (theme id → count, 0 removes).

    The participant row is locked while the dots are rewritten, so two submissions at once
    are applied one after the other and the total never exceeds the workshop's N.
    """
    access_workshop_as_participant(user=by, workshop=workshop)
    participant = participant_join(workshop=workshop, user=by)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    # Read the phase again under the lock: the facilitator may just have closed the vote.
    phase = Workshop.objects.filter(pk=workshop.pk).values_list("phase", flat=True).get()
    if phase != Phase.VOTING:
        raise PhaseError(_("Le vote n'est pas ouvert."))
    refusal = dots_refusal(workshop=workshop, allocation=allocation)
    if refusal:
        raise ApplicationError(refusal, code=WorkshopErrorCode.TOO_MANY_DOTS)
    Dot.objects.filter(participant=participant).delete()
    Dot.objects.bulk_create(
        [
            Dot(participant=participant, theme_id=theme_id, count=count)
            for theme_id, count in sorted(allocation.items())
            if count > 0
        ]
    )
    participant.dots_used = sum(allocation.values())
    participant.save(update_fields=["dots_used"])
    return participant


def dots_recount(*, workshop: Workshop) -> None:
    """Recompute every participant's dots_used from their dots (after a theme went away)."""
    participants = Participant.objects.select_for_update().filter(workshop=workshop)
    for participant in participants.order_by("pk"):
        used = Dot.objects.filter(participant=participant).aggregate(total=Sum("count"))["total"]
        Participant.objects.filter(pk=participant.pk).update(dots_used=used or 0)
