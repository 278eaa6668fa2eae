"""The facilitator's actions: open and edit a workshop, move its phases, themes and filing,
suggestions, the action list and turning an action into a project draft."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import can_administer_territory
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.feedback import run_and_flash
from pmvt.core.requests import AuthenticatedRequest
from pmvt.projects.models import Project
from pmvt.territories.middleware import require_territory
from pmvt.workshops.access import (
    access_workshop_as_facilitator,
    access_workshops_as_facilitator,
    carried_projects,
)
from pmvt.workshops.forms import ActionForm, ThemeForm, WorkshopForm, parse_filing
from pmvt.workshops.models import Phase, Workshop
from pmvt.workshops.selectors import (
    action_of,
    contributions_of,
    suggestion_of,
    theme_of,
)
from pmvt.workshops.services.facilitation import (
    action_create,
    action_delete,
    action_move,
    action_to_project,
    action_update,
    contributions_file,
    suggestion_apply,
    suggestion_dismiss,
    theme_create,
    theme_delete,
    theme_rename,
)
from pmvt.workshops.services.workshops import (
    workshop_create,
    workshop_phase_back,
    workshop_phase_next,
    workshop_update,
)
from pmvt.workshops.views.common import me, report, trail, visible_workshop, workshop_url


def _projects(request: HttpRequest, territory) -> list[Project]:
    if can_administer_territory(user=request.user, territory=territory):
        return list(Project.objects.filter(territory=territory).order_by("title"))
    return carried_projects(user=request.user, territory=territory)


def create(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_workshops_as_facilitator(user=request.user, territory=territory)
    form = WorkshopForm(
        request.POST or None, territory=territory, projects=_projects(request, territory)
    )
    if request.method == "POST" and form.is_valid():
        try:
            workshop = workshop_create(
                territory=territory,
                by=me(request),
                data=form.to_data(),
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(
                request,
                _(
                    "L'atelier est créé, en préparation. Ouvrez-le aux contributions quand il est prêt."
                ),
            )
            return redirect(workshop.get_absolute_url())
    return render(
        request,
        "workshops/form.html",
        {
            "territory": territory,
            "current_door": "values",
            "form": form,
            "breadcrumb_items": trail(territory, (_("Nouvel atelier"), "")),
        },
        status=400 if form.errors else 200,
    )


def _facilitated(request: HttpRequest, slug: str) -> Workshop:
    workshop = visible_workshop(request, slug)
    access_workshop_as_facilitator(user=request.user, workshop=workshop)
    return workshop


def edit(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    if workshop.phase == Phase.CLOSED:
        messages.error(request, _("Un atelier terminé ne peut plus être modifié."))
        return redirect(workshop.get_absolute_url())
    territory = workshop.territory
    projects = _projects(request, territory)
    if workshop.project is not None and workshop.project not in projects:
        projects.append(workshop.project)
    form = WorkshopForm(
        request.POST or None,
        territory=territory,
        projects=projects,
        initial=WorkshopForm.initial_of(workshop),
    )
    if request.method == "POST" and form.is_valid():
        try:
            workshop_update(workshop=workshop, by=me(request), data=form.to_data())
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("L'atelier est modifié."))
            return redirect(workshop.get_absolute_url())
    return render(
        request,
        "workshops/form.html",
        {
            "territory": territory,
            "current_door": "values",
            "form": form,
            "workshop": workshop,
            "breadcrumb_items": trail(
                territory, (workshop.title, workshop.get_absolute_url()), (_("Modifier"), "")
            ),
        },
        status=400 if form.errors else 200,
    )


PHASE_MESSAGES = {
    Phase.CONTRIBUTIONS: _(
        "L'atelier est ouvert aux contributions. Les participants sont prévenus."
    ),
    Phase.CLUSTERING: _("Les contributions sont closes : regroupez-les en thèmes."),
    Phase.VOTING: _("Le vote par gommettes est ouvert. Les participants sont prévenus."),
    Phase.OUTCOME: _("Le vote est clos : rédigez le plan d'action."),
    Phase.CLOSED: _("L'atelier est terminé."),
}


@require_POST
def phase_next(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    try:
        workshop_phase_next(workshop=workshop, by=me(request))
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, str(PHASE_MESSAGES[Phase(workshop.phase)]))
    return redirect(workshop.get_absolute_url())


@require_POST
def phase_back(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    try:
        workshop_phase_back(workshop=workshop, by=me(request))
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("L'atelier est revenu à la phase « %(phase)s ».")
            % {"phase": Phase(workshop.phase).label},
        )
    return redirect(workshop.get_absolute_url())


def _themes_url(workshop: Workshop) -> str:
    return f"{workshop.get_absolute_url()}#themes"


@require_POST
def theme_add(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    form = ThemeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Donnez un nom au thème (150 caractères au plus)."))
    else:
        run_and_flash(
            request,
            lambda: theme_create(
                workshop=workshop, by=me(request), title=form.cleaned_data["title"]
            ),
            _("Le thème est créé."),
        )
    return redirect(_themes_url(workshop))


def _theme(workshop: Workshop, theme_id: int):
    theme = theme_of(workshop=workshop, theme_id=theme_id)
    if theme is None:
        raise Http404
    return theme


@require_POST
def theme_edit(
    request: HttpRequest, territory_slug: str, workshop_slug: str, theme_id: int
) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    theme = _theme(workshop, theme_id)
    form = ThemeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Donnez un nom au thème (150 caractères au plus)."))
    else:
        run_and_flash(
            request,
            lambda: theme_rename(theme=theme, by=me(request), title=form.cleaned_data["title"]),
            _("Le thème est renommé."),
        )
    return redirect(_themes_url(workshop))


@require_POST
def theme_remove(
    request: HttpRequest, territory_slug: str, workshop_slug: str, theme_id: int
) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    theme = _theme(workshop, theme_id)
    run_and_flash(
        request,
        lambda: theme_delete(theme=theme, by=me(request)),
        _("Le thème est supprimé ; ses contributions sont à classer de nouveau."),
    )
    return redirect(_themes_url(workshop))


@require_POST
def file_contributions(
    request: HttpRequest, territory_slug: str, workshop_slug: str
) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    assignments = parse_filing(request.POST, list(contributions_of(workshop)))
    try:
        changed = contributions_file(workshop=workshop, by=me(request), assignments=assignments)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Classement enregistré : %(count)s contribution(s) changée(s) de thème.")
            % {"count": changed},
        )
    return redirect(_themes_url(workshop))


def _suggestion(workshop: Workshop, suggestion_id: int):
    suggestion = suggestion_of(workshop=workshop, suggestion_id=suggestion_id)
    if suggestion is None:
        raise Http404
    return suggestion


@require_POST
def suggestion_accept(
    request: HttpRequest, territory_slug: str, workshop_slug: str, suggestion_id: int
) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    suggestion = _suggestion(workshop, suggestion_id)
    run_and_flash(
        request,
        lambda: suggestion_apply(suggestion=suggestion, by=me(request)),
        _("La suggestion est retenue : la contribution est classée."),
    )
    return redirect(_themes_url(workshop))


@require_POST
def suggestion_reject(
    request: HttpRequest, territory_slug: str, workshop_slug: str, suggestion_id: int
) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    suggestion = _suggestion(workshop, suggestion_id)
    run_and_flash(
        request,
        lambda: suggestion_dismiss(suggestion=suggestion, by=me(request)),
        _("La suggestion est écartée."),
    )
    return redirect(_themes_url(workshop))


def _actions_url(workshop: Workshop) -> str:
    return f"{workshop_url(workshop, 'results')}#actions"


@require_POST
def action_add(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    form = ActionForm(request.POST, workshop=workshop)
    if form.is_valid():
        try:
            action_create(workshop=workshop, by=me(request), data=form.to_data())
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("L'action est ajoutée au plan."))
            return redirect(_actions_url(workshop))
    return _action_form_page(request, workshop, form, None)


def _action_form_page(
    request: HttpRequest, workshop: Workshop, form: ActionForm, action
) -> HttpResponse:
    return render(
        request,
        "workshops/action_form.html",
        {
            "territory": workshop.territory,
            "current_door": "values",
            "workshop": workshop,
            "form": form,
            "action": action,
            "breadcrumb_items": trail(
                workshop.territory,
                (workshop.title, workshop.get_absolute_url()),
                (_("Résultats"), workshop_url(workshop, "results")),
                (_("Action"), ""),
            ),
        },
        status=400 if form.errors else 200,
    )


def _action(workshop: Workshop, action_id: int):
    action = action_of(workshop=workshop, action_id=action_id)
    if action is None:
        raise Http404
    return action


def action_edit(
    request: HttpRequest, territory_slug: str, workshop_slug: str, action_id: int
) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    action = _action(workshop, action_id)
    form = ActionForm(
        request.POST or None, workshop=workshop, initial=ActionForm.initial_of(action)
    )
    if request.method == "POST" and form.is_valid():
        try:
            action_update(action=action, by=me(request), data=form.to_data())
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("L'action est modifiée."))
            return redirect(_actions_url(workshop))
    return _action_form_page(request, workshop, form, action)


@require_POST
def action_remove(
    request: HttpRequest, territory_slug: str, workshop_slug: str, action_id: int
) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    action = _action(workshop, action_id)
    run_and_flash(
        request,
        lambda: action_delete(action=action, by=me(request)),
        _("L'action est retirée du plan."),
    )
    return redirect(_actions_url(workshop))


@require_POST
def action_reorder(
    request: HttpRequest, territory_slug: str, workshop_slug: str, action_id: int
) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    action = _action(workshop, action_id)
    up = request.POST.get("sens") != "bas"
    run_and_flash(
        request,
        lambda: action_move(action=action, by=me(request), up=up),
        _("L'ordre des actions est modifié."),
    )
    return redirect(_actions_url(workshop))


@require_POST
def action_project(
    request: AuthenticatedRequest, territory_slug: str, workshop_slug: str, action_id: int
) -> HttpResponse:
    workshop = _facilitated(request, workshop_slug)
    action = _action(workshop, action_id)
    try:
        project = action_to_project(action=action, by=me(request))
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(_actions_url(workshop))
    messages.success(
        request,
        _(
            "Le projet collectif « %(title)s » est créé en brouillon, et vous en êtes porteur. "
            "Complétez-le puis publiez-le."
        )
        % {"title": project.title},
    )
    return redirect(project.get_absolute_url())
