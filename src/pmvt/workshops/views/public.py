"""Pages everyone sees and the participants' actions: list, one workshop in its phase, join,
contribute, suggest a theme, vote; results, printable summary, CSV export, the room's screen."""

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pmvt.core.charts import hbar_chart
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.markdown import render_markdown
from pmvt.core.spreadsheet import safe_cell
from pmvt.territories.middleware import require_territory
from pmvt.workshops.access import (
    can_facilitate,
    can_open_workshop,
    is_member,
    participation_refusal,
)
from pmvt.workshops.forms import (
    ActionForm,
    ContributionForm,
    SuggestionForm,
    ThemeForm,
    parse_counts,
)
from pmvt.workshops.models import PHASE_ORDER, Phase, Workshop
from pmvt.workshops.selectors import (
    actions_of,
    contribution_of,
    contributions_of,
    dots_total,
    drafts_of,
    finished_workshops,
    my_dots,
    open_workshops,
    participant_count,
    participant_of,
    pending_suggestions,
    results_of,
    themes_of,
    voter_count,
)
from pmvt.workshops.services.participation import (
    contribution_create,
    contribution_delete,
    contribution_update,
    dots_set,
    participant_join,
    suggestion_create,
)
from pmvt.workshops.views.common import me, report, trail, visible_workshop

REFRESH_CHOICES = (15, 30, 60)
NEXT_LABELS = {
    Phase.DRAFT: _lazy("Ouvrir les contributions"),
    Phase.CONTRIBUTIONS: _lazy("Clore les contributions et regrouper en thèmes"),
    Phase.CLUSTERING: _lazy("Ouvrir le vote par gommettes"),
    Phase.VOTING: _lazy("Clore le vote et passer au plan d'action"),
    Phase.OUTCOME: _lazy("Terminer l'atelier"),
}


def workshop_list(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    return render(
        request,
        "workshops/list.html",
        {
            "territory": territory,
            "current_door": "values",
            "open_list": list(open_workshops(territory=territory)),
            "finished_list": list(finished_workshops(territory=territory)[:50]),
            "drafts": list(drafts_of(territory=territory, user=request.user)),
            "can_open": can_open_workshop(user=request.user, territory=territory),
            "breadcrumb_items": [*trail(territory)[:-1], (_("Ateliers de co-construction"), "")],
        },
    )


def _steps(workshop: Workshop) -> list[dict[str, Any]]:
    current = PHASE_ORDER.index(Phase(workshop.phase))
    return [
        {"label": phase.label, "current": index == current, "done": index < current}
        for index, phase in enumerate(PHASE_ORDER)
    ]


def _chart_rows(results: list[Any]) -> list[tuple[str, int, str]]:
    rows = []
    for result in results:
        text = _("%(count)s gommette") if result.dots == 1 else _("%(count)s gommettes")
        rows.append((result.theme.title, result.dots, text % {"count": result.dots}))
    return rows


def _base_context(request: HttpRequest, workshop: Workshop, **values: Any) -> dict[str, Any]:
    territory = workshop.territory
    return {
        "territory": territory,
        "current_door": "values",
        "workshop": workshop,
        "steps": _steps(workshop),
        "can_facilitate": can_facilitate(user=request.user, workshop=workshop),
        "show_names": is_member(user=request.user, territory=territory),
        **values,
    }


def detail(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = visible_workshop(request, workshop_slug)
    return render(request, "workshops/detail.html", _detail_context(request, workshop))


def _detail_context(request: HttpRequest, workshop: Workshop) -> dict[str, Any]:
    participant = participant_of(workshop=workshop, user=request.user)
    facilitating = can_facilitate(user=request.user, workshop=workshop)
    context = _base_context(
        request,
        workshop,
        description=render_markdown(workshop.description),
        participant=participant,
        refusal=participation_refusal(user=request.user, workshop=workshop),
        participant_count=participant_count(workshop),
        next_label=NEXT_LABELS.get(Phase(workshop.phase), ""),
        breadcrumb_items=trail(workshop.territory, (workshop.title, "")),
    )
    phase = workshop.phase
    if phase == Phase.CONTRIBUTIONS:
        context["contribution_form"] = ContributionForm(workshop=workshop)
    if phase in (Phase.CONTRIBUTIONS, Phase.CLUSTERING):
        context["contributions"] = list(contributions_of(workshop))
    if phase in (Phase.CLUSTERING, Phase.VOTING):
        themes = list(themes_of(workshop))
        context["themes"] = themes
    if phase == Phase.CLUSTERING:
        context["suggestion_form"] = SuggestionForm(workshop=workshop)
        context["by_theme"] = {
            theme.pk: [c for c in context["contributions"] if c.theme_id == theme.pk]
            for theme in themes
        }
        context["theme_groups"] = [(theme, context["by_theme"][theme.pk]) for theme in themes]
        context["unfiled"] = [c for c in context["contributions"] if c.theme_id is None]
        if facilitating:
            context["theme_form"] = ThemeForm()
            context["suggestions"] = list(pending_suggestions(workshop))
    if phase == Phase.VOTING:
        dots = my_dots(participant)
        context["vote_rows"] = [
            {"theme": theme, "count": dots.get(theme.pk, 0)} for theme in context["themes"]
        ]
        context["dots_left"] = workshop.dots_per_participant - sum(dots.values())
        context["results"] = results_of(workshop)
        context["voter_count"] = voter_count(workshop)
    if phase in (Phase.OUTCOME, Phase.CLOSED):
        context["results"] = results_of(workshop)
        context["actions"] = list(actions_of(workshop))
    return context


def _participant_action(request: HttpRequest, workshop: Workshop) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(workshop.get_absolute_url())
    return None


@require_POST
def join(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = visible_workshop(request, workshop_slug)
    if response := _participant_action(request, workshop):
        return response
    participant_join(workshop=workshop, user=me(request))
    messages.success(request, _("Bienvenue dans l'atelier ! Vous êtes inscrit comme participant."))
    return redirect(workshop.get_absolute_url())


@require_POST
def contribute(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = visible_workshop(request, workshop_slug)
    if response := _participant_action(request, workshop):
        return response
    form = ContributionForm(request.POST, workshop=workshop)
    if form.is_valid():
        try:
            contribution_create(
                workshop=workshop,
                by=me(request),
                text=form.cleaned_data["text"],
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("Merci ! Votre contribution est ajoutée au mur."))
            return redirect(f"{workshop.get_absolute_url()}#contributions")
    context = _base_context(
        request,
        workshop,
        form=form,
        breadcrumb_items=trail(
            workshop.territory,
            (workshop.title, workshop.get_absolute_url()),
            (_("Contribuer"), ""),
        ),
    )
    return render(request, "workshops/contribution_form.html", context, status=400)


def contribution_edit(
    request: HttpRequest, territory_slug: str, workshop_slug: str, contribution_id: int
) -> HttpResponse:
    workshop = visible_workshop(request, workshop_slug)
    if response := _participant_action(request, workshop):
        return response
    contribution = contribution_of(workshop=workshop, contribution_id=contribution_id)
    if contribution is None:
        raise Http404
    if contribution.author_id != request.user.pk:
        raise PermissionDeniedError(_("Seule la personne qui l'a écrite modifie une contribution."))
    form = ContributionForm(
        request.POST or None, workshop=workshop, initial={"text": contribution.text}
    )
    if request.method == "POST" and form.is_valid():
        try:
            contribution_update(
                contribution=contribution,
                by=me(request),
                text=form.cleaned_data["text"],
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("Votre contribution est modifiée."))
            return redirect(f"{workshop.get_absolute_url()}#contributions")
    context = _base_context(
        request,
        workshop,
        form=form,
        contribution=contribution,
        breadcrumb_items=trail(
            workshop.territory,
            (workshop.title, workshop.get_absolute_url()),
            (_("Modifier ma contribution"), ""),
        ),
    )
    return render(
        request, "workshops/contribution_form.html", context, status=400 if form.errors else 200
    )


@require_POST
def contribution_remove(
    request: HttpRequest, territory_slug: str, workshop_slug: str, contribution_id: int
) -> HttpResponse:
    workshop = visible_workshop(request, workshop_slug)
    if response := _participant_action(request, workshop):
        return response
    contribution = contribution_of(workshop=workshop, contribution_id=contribution_id)
    if contribution is None:
        raise Http404
    try:
        contribution_delete(contribution=contribution, by=me(request))
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Votre contribution est supprimée."))
    return redirect(f"{workshop.get_absolute_url()}#contributions")


@require_POST
def suggest(
    request: HttpRequest, territory_slug: str, workshop_slug: str, contribution_id: int
) -> HttpResponse:
    workshop = visible_workshop(request, workshop_slug)
    if response := _participant_action(request, workshop):
        return response
    contribution = contribution_of(workshop=workshop, contribution_id=contribution_id)
    if contribution is None:
        raise Http404
    form = SuggestionForm(request.POST, workshop=workshop)
    if not form.is_valid():
        messages.error(request, _("Choisissez un thème existant ou proposez-en un nouveau."))
        return redirect(workshop.get_absolute_url())
    try:
        suggestion_create(
            contribution=contribution,
            by=me(request),
            theme=form.cleaned_data["theme"],
            new_title=form.cleaned_data["new_title"],
        )
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("Merci ! Votre suggestion est transmise à la personne qui anime l'atelier.")
        )
    return redirect(f"{workshop.get_absolute_url()}#themes")


@require_POST
def vote(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = visible_workshop(request, workshop_slug)
    if response := _participant_action(request, workshop):
        return response
    allocation, error = parse_counts(request.POST, "dots-")
    if not error:
        try:
            participant = dots_set(workshop=workshop, by=me(request), allocation=allocation)
        except PermissionDeniedError:
            raise
        except ApplicationError as failure:
            error = str(failure.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Votre vote est enregistré : %(used)s gommette placée sur %(max)s.",
                    "Votre vote est enregistré : %(used)s gommettes placées sur %(max)s.",
                    participant.dots_used,
                )
                % {"used": participant.dots_used, "max": workshop.dots_per_participant},
            )
            return redirect(f"{workshop.get_absolute_url()}#vote")
    # Nothing saved: show the form again with what the person typed.
    messages.error(request, error)
    context = _detail_context(request, workshop)
    typed = {key[len("dots-") :]: value for key, value in request.POST.items()}
    for row in context.get("vote_rows", []):
        row["count"] = typed.get(str(row["theme"].pk), row["count"])
    return render(request, "workshops/detail.html", context, status=400)


def _results_context(request: HttpRequest, workshop: Workshop) -> dict[str, Any]:
    results = results_of(workshop)
    return {
        "results": results,
        "chart": hbar_chart(_chart_rows(results)),
        "actions": list(actions_of(workshop)),
        "voter_count": voter_count(workshop),
        "dots_total": dots_total(workshop),
        "participant_count": participant_count(workshop),
        "contribution_count": contributions_of(workshop).count(),
    }


def _results_visible(workshop: Workshop, request: HttpRequest) -> None:
    """Results exist once the vote is open (live during the vote), never in a draft."""
    if workshop.phase in (Phase.DRAFT, Phase.CONTRIBUTIONS, Phase.CLUSTERING) and not (
        can_facilitate(user=request.user, workshop=workshop)
    ):
        raise Http404


def results(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = visible_workshop(request, workshop_slug)
    _results_visible(workshop, request)
    context = _base_context(
        request,
        workshop,
        **_results_context(request, workshop),
        breadcrumb_items=trail(
            workshop.territory,
            (workshop.title, workshop.get_absolute_url()),
            (_("Résultats"), ""),
        ),
    )
    if context["can_facilitate"] and workshop.phase == Phase.OUTCOME:
        context["action_form"] = ActionForm(workshop=workshop)
    return render(request, "workshops/results.html", context)


def summary(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = visible_workshop(request, workshop_slug)
    _results_visible(workshop, request)
    context = _base_context(request, workshop, **_results_context(request, workshop))
    context["unfiled"] = list(contributions_of(workshop).filter(theme__isnull=True))
    return render(request, "workshops/summary.html", context)


def export_csv(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    """Themes with their dots, contributions, actions: one section after the other."""
    workshop = visible_workshop(request, workshop_slug)
    _results_visible(workshop, request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="atelier-{workshop.slug}.csv"'
    response.write("\ufeff")  # A BOM, so that Excel reads UTF-8.
    writer = csv.writer(response, delimiter=";")

    def row(*cells: object) -> None:
        writer.writerow([safe_cell(cell) for cell in cells])

    show_names = is_member(user=request.user, territory=workshop.territory)
    row(_("Atelier"), workshop.title)
    row(_("Question"), workshop.question)
    row()
    row(_("Rang"), _("Thème"), _("Gommettes"), _("Votants"), _("Contributions"))
    ranked = results_of(workshop)
    for result in ranked:
        row(result.rank, result.theme.title, result.dots, result.voters, len(result.contributions))
    row()
    row(_("Contribution"), _("Thème"), _("Auteur"))
    for contribution in contributions_of(workshop):
        author = ""
        if show_names and contribution.author is not None:
            author = contribution.author.display_name
        row(contribution.text, contribution.theme.title if contribution.theme else "", author)
    row()
    row(_("Action"), _("Précisions"), _("Qui s'en charge"), _("Pour le"), _("Thème"), _("Projet"))
    for action in actions_of(workshop):
        row(
            action.title,
            action.description,
            action.owner_name,
            action.due_on.isoformat() if action.due_on else "",
            action.theme.title if action.theme else "",
            action.project.title if action.project else "",
        )
    return response


def screen(request: HttpRequest, territory_slug: str, workshop_slug: str) -> HttpResponse:
    """The room's projector: the current phase in large type; refreshed if asked (no JS)."""
    workshop = visible_workshop(request, workshop_slug)
    try:
        refresh = int(request.GET.get("actualiser", "0"))
    except ValueError:
        refresh = 0
    context = _base_context(
        request,
        workshop,
        refresh=refresh if refresh in REFRESH_CHOICES else 0,
        refresh_choices=REFRESH_CHOICES,
        participant_count=participant_count(workshop),
    )
    if workshop.phase == Phase.CONTRIBUTIONS:
        context["contributions"] = list(
            contributions_of(workshop).order_by("-created_at", "-pk")[:40]
        )
    elif workshop.phase == Phase.CLUSTERING:
        themes = list(themes_of(workshop))
        contributions = list(contributions_of(workshop))
        context["theme_groups"] = [
            (theme, [c for c in contributions if c.theme_id == theme.pk]) for theme in themes
        ]
        context["unfiled"] = [c for c in contributions if c.theme_id is None]
    elif workshop.phase != Phase.DRAFT:
        ranked = results_of(workshop)
        context["results"] = ranked
        context["chart"] = hbar_chart(_chart_rows(ranked))
        context["voter_count"] = voter_count(workshop)
        context["actions"] = list(actions_of(workshop))
    return render(request, "workshops/screen.html", context)
