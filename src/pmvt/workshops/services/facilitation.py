"""Write the facilitator's share: themes, filing contributions, suggestions, the action list."""

from dataclasses import dataclass, fields
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.projects.models import Project
from pmvt.projects.services.projects import project_create_draft
from pmvt.workshops.access import access_workshop_as_facilitator
from pmvt.workshops.errors import PhaseError, WorkshopFieldError
from pmvt.workshops.models import (
    Action,
    Contribution,
    Phase,
    SuggestionStatus,
    Theme,
    ThemeSuggestion,
    Workshop,
)
from pmvt.workshops.services.participation import THEME_TITLE_MAX, dots_recount


def _clustering(workshop: Workshop) -> None:
    if workshop.phase != Phase.CLUSTERING:
        raise PhaseError(_("Les thèmes se modifient pendant la phase de regroupement."))


def _clean_title(workshop: Workshop, title: str, *, exclude: int | None = None) -> str:
    title = " ".join(title.split())
    if not title:
        raise WorkshopFieldError(_("Donnez un nom au thème."), field="title")
    if len(title) > THEME_TITLE_MAX:
        raise WorkshopFieldError(
            _("Le nom d'un thème compte 150 caractères au plus."), field="title"
        )
    same = Theme.objects.filter(workshop=workshop, title__iexact=title)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise WorkshopFieldError(_("Un thème porte déjà ce nom."), field="title")
    return title


@transaction.atomic
def theme_create(*, workshop: Workshop, by: User, title: str) -> Theme:
    access_workshop_as_facilitator(user=by, workshop=workshop)
    _clustering(workshop)
    title = _clean_title(workshop, title)
    position = Theme.objects.filter(workshop=workshop).count()
    try:
        with transaction.atomic():
            return Theme.objects.create(workshop=workshop, title=title, position=position)
    except IntegrityError as error:
        raise WorkshopFieldError(_("Un thème porte déjà ce nom."), field="title") from error


@transaction.atomic
def theme_rename(*, theme: Theme, by: User, title: str) -> Theme:
    access_workshop_as_facilitator(user=by, workshop=theme.workshop)
    _clustering(theme.workshop)
    theme.title = _clean_title(theme.workshop, title, exclude=theme.pk)
    theme.save(update_fields=["title"])
    return theme


@transaction.atomic
def theme_delete(*, theme: Theme, by: User) -> None:
    """Delete the theme; its contributions go back to "not filed", its dots are given back."""
    workshop = theme.workshop
    access_workshop_as_facilitator(user=by, workshop=workshop)
    _clustering(workshop)
    theme.delete()
    dots_recount(workshop=workshop)


@transaction.atomic
def contributions_file(*, workshop: Workshop, by: User, assignments: dict[int, int | None]) -> int:
    """File contributions under themes (contribution id → theme id, None: not filed).

    Returns how many contributions changed theme. Nothing changes if one id is unknown.
    """
    access_workshop_as_facilitator(user=by, workshop=workshop)
    _clustering(workshop)
    contributions = {
        c.pk: c for c in Contribution.objects.filter(workshop=workshop, pk__in=list(assignments))
    }
    theme_ids = set(Theme.objects.filter(workshop=workshop).values_list("pk", flat=True))
    if set(assignments) - set(contributions):
        raise WorkshopFieldError(
            _("Une des contributions n'appartient pas à cet atelier."), field="__all__"
        )
    if {t for t in assignments.values() if t is not None} - theme_ids:
        raise WorkshopFieldError(
            _("Un des thèmes n'appartient pas à cet atelier."), field="__all__"
        )
    changed = 0
    for pk, theme_id in sorted(assignments.items()):
        contribution = contributions[pk]
        if contribution.theme_id != theme_id:
            contribution.theme_id = theme_id
            contribution.save(update_fields=["theme"])
            changed += 1
    return changed


def _pending(suggestion: ThemeSuggestion) -> None:
    if suggestion.status != SuggestionStatus.PENDING:
        raise PhaseError(_("Cette suggestion a déjà été examinée."))


@transaction.atomic
def suggestion_apply(*, suggestion: ThemeSuggestion, by: User) -> Theme:
    """File the contribution as suggested (creating the new theme if needed)."""
    contribution = suggestion.contribution
    workshop = contribution.workshop
    access_workshop_as_facilitator(user=by, workshop=workshop)
    _clustering(workshop)
    _pending(suggestion)
    theme = suggestion.theme
    if theme is None:
        theme = Theme.objects.filter(
            workshop=workshop, title__iexact=suggestion.new_title
        ).first() or theme_create(workshop=workshop, by=by, title=suggestion.new_title)
    contribution.theme = theme
    contribution.save(update_fields=["theme"])
    suggestion.status = SuggestionStatus.APPLIED
    suggestion.save(update_fields=["status"])
    return theme


@transaction.atomic
def suggestion_dismiss(*, suggestion: ThemeSuggestion, by: User) -> None:
    access_workshop_as_facilitator(user=by, workshop=suggestion.contribution.workshop)
    _clustering(suggestion.contribution.workshop)
    _pending(suggestion)
    suggestion.status = SuggestionStatus.DISMISSED
    suggestion.save(update_fields=["status"])


@dataclass
class ActionData:
    title: str
    description: str = ""
    owner_name: str = ""
    due_on: date | None = None
    theme: Theme | None = None


def _outcome(workshop: Workshop) -> None:
    if workshop.phase != Phase.OUTCOME:
        raise PhaseError(_("Le plan d'action se rédige pendant la phase « Plan d'action »."))


def _check_action(workshop: Workshop, data: ActionData) -> dict:
    if not data.title.strip():
        raise WorkshopFieldError(_("Donnez un intitulé à l'action."), field="title")
    if data.theme is not None and data.theme.workshop_id != workshop.pk:
        raise WorkshopFieldError(_("Ce thème n'appartient pas à cet atelier."), field="theme")
    return {f.name: getattr(data, f.name) for f in fields(data)}


@transaction.atomic
def action_create(*, workshop: Workshop, by: User, data: ActionData) -> Action:
    access_workshop_as_facilitator(user=by, workshop=workshop)
    _outcome(workshop)
    values = _check_action(workshop, data)
    position = Action.objects.filter(workshop=workshop).count()
    return Action.objects.create(workshop=workshop, position=position, **values)


@transaction.atomic
def action_update(*, action: Action, by: User, data: ActionData) -> Action:
    access_workshop_as_facilitator(user=by, workshop=action.workshop)
    _outcome(action.workshop)
    values = _check_action(action.workshop, data)
    for name, value in values.items():
        setattr(action, name, value)
    action.save(update_fields=list(values))
    return action


def _renumber(workshop: Workshop, ordered: list[Action]) -> None:
    for position, action in enumerate(ordered):
        if action.position != position:
            action.position = position
            action.save(update_fields=["position"])


@transaction.atomic
def action_delete(*, action: Action, by: User) -> None:
    workshop = action.workshop
    access_workshop_as_facilitator(user=by, workshop=workshop)
    _outcome(workshop)
    action.delete()
    _renumber(workshop, list(Action.objects.select_for_update().filter(workshop=workshop)))


@transaction.atomic
def action_move(*, action: Action, by: User, up: bool) -> None:
    """Swap the action with the one above (up) or below it; at an end, nothing changes."""
    workshop = action.workshop
    access_workshop_as_facilitator(user=by, workshop=workshop)
    _outcome(workshop)
    ordered = list(Action.objects.select_for_update().filter(workshop=workshop))
    index = next(i for i, a in enumerate(ordered) if a.pk == action.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(workshop, ordered)


@transaction.atomic
def action_to_project(*, action: Action, by: User) -> Project:
    """Turn the action into a collective project draft carried by `by` (once per action)."""
    workshop = action.workshop
    access_workshop_as_facilitator(user=by, workshop=workshop)
    if workshop.phase not in (Phase.OUTCOME, Phase.CLOSED):
        raise PhaseError(_("Les actions deviennent des projets une fois le vote terminé."))
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.project_id is not None:
        raise PhaseError(_("Cette action est déjà devenue un projet."))
    description = action.description or action.title
    project = project_create_draft(
        territory=workshop.territory,
        by=by,
        title=action.title,
        description=description,
        source_label=_("Né de l'atelier « %(title)s »") % {"title": workshop.title},
    )
    action.project = project
    action.save(update_fields=["project"])
    return project
