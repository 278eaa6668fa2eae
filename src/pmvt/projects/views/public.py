"""Public pages: the list of projects, one project, proposing one (from scratch or from an
idea), supporting it, my projects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.requests import AuthenticatedRequest
from pmvt.ideas.access import can_view_idea
from pmvt.ideas.models import Idea
from pmvt.projects.access import (
    access_propose,
    access_propose_from_idea,
    can_manage_project,
    can_work_on_project,
    support_refusal,
)
from pmvt.projects.forms import ProjectFilterForm, ProjectForm
from pmvt.projects.models import ProjectStatus
from pmvt.projects.selectors import (
    is_supporter,
    is_team_member,
    my_projects,
    needs_by_kind,
    project_list,
    supporter_count,
    team_of,
)
from pmvt.projects.services.life import project_support, project_support_withdraw
from pmvt.projects.services.projects import TRANSITIONS, project_create
from pmvt.projects.views.common import base_context, crumbs, project_crumbs, report, visible_project
from pmvt.territories.middleware import require_territory

PROJECTS_PER_PAGE = 20


def _querystring_base(request: HttpRequest) -> str:
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return f"{querystring.urlencode()}&" if querystring else ""


def project_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = ProjectFilterForm(request.GET or None, territory=territory)
    page_obj = Paginator(
        project_list(territory=territory, filters=form.to_filters()), PROJECTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/list.html",
        base_context(
            territory,
            form=form,
            page_obj=page_obj,
            querystring_base=_querystring_base(request),
            filtered=any(value for key, value in request.GET.items() if key != "page"),
            breadcrumb_items=[*crumbs(territory)[:-1], (_("Projets collectifs"), "")],
        ),
    )


def detail(request: HttpRequest, territory_slug: str, project_slug: str) -> HttpResponse:
    territory = require_territory(request)
    project = visible_project(request, territory, project_slug)
    idea = project.idea
    if idea is not None and not can_view_idea(user=request.user, idea=idea):
        idea = None
    return render(
        request,
        "projects/detail.html",
        base_context(
            territory,
            project=project,
            idea=idea,
            communes=list(project.communes.order_by("name")),
            team=list(team_of(project)),
            need_groups=needs_by_kind(project),
            milestones=list(project.milestones.all()),
            news_items=list(project.news.select_related("author")[:10]),
            supporters=supporter_count(project),
            supported=is_supporter(user=request.user, project=project),
            support_refusal=support_refusal(user=request.user, project=project),
            can_manage=can_manage_project(user=request.user, project=project),
            can_work=can_work_on_project(user=request.user, project=project),
            in_team=is_team_member(user=request.user, project=project),
            next_statuses=[(s, ProjectStatus(s).label) for s in TRANSITIONS[project.status]],
            breadcrumb_items=project_crumbs(project),
        ),
    )


def _create(request: HttpRequest, *, idea: Idea | None) -> HttpResponse:
    territory = require_territory(request)
    if request.method == "POST":
        form = ProjectForm(request.POST, request.FILES, territory=territory)
        if form.is_valid():
            data = form.cleaned_data
            try:
                project = project_create(
                    territory=territory,
                    by=request.user,  # type: ignore[arg-type]
                    title=data["title"],
                    summary=data["summary"],
                    problem=data["problem"],
                    vision=data["vision"],
                    value_economic=data["value_economic"],
                    value_social=data["value_social"],
                    value_environmental=data["value_environmental"],
                    sdgs=data["sdgs"],
                    communes=data["communes"],
                    image=data["image"],
                    image_alt=data["image_alt"],
                    idea=idea,
                )
            except PermissionDeniedError:
                raise
            except ApplicationError as error:
                report(form, error)
            else:
                messages.success(
                    request,
                    _("Votre projet est publié. Ajoutez maintenant ses besoins et son équipe."),
                )
                return redirect(project.get_absolute_url())
    elif idea is not None:
        form = ProjectForm(
            territory=territory,
            initial={
                "title": idea.title[:200],
                "summary": idea.title[:300],
                "problem": idea.description,
                "communes": [idea.commune] if idea.commune_id else [],
            },
        )
    else:
        form = ProjectForm(territory=territory)
    return render(
        request,
        "projects/create.html",
        base_context(
            territory,
            form=form,
            idea=idea,
            breadcrumb_items=crumbs(territory, (_("Proposer un projet"), "")),
        ),
    )


def create(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_propose(user=request.user, territory=territory)
    return _create(request, idea=None)


def create_from_idea(request: HttpRequest, territory_slug: str, idea_id: int) -> HttpResponse:
    territory = require_territory(request)
    idea = (
        Idea.objects.filter(territory=territory, pk=idea_id)
        .select_related("campaign__territory", "territory", "commune")
        .first()
    )
    if idea is None or not can_view_idea(user=request.user, idea=idea):
        raise Http404
    access_propose_from_idea(user=request.user, idea=idea)
    return _create(request, idea=idea)


@require_POST
def support(request: HttpRequest, territory_slug: str, project_slug: str) -> HttpResponse:
    territory = require_territory(request)
    project = visible_project(request, territory, project_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(project.get_absolute_url())
    if request.POST.get("soutenir") == "0":
        if project_support_withdraw(project=project, user=request.user):
            messages.success(request, _("Vous ne soutenez plus ce projet."))
    else:
        project_support(project=project, user=request.user)
        messages.success(
            request,
            _("Merci pour votre soutien ! Vous recevrez les nouvelles du projet."),
        )
    return redirect(project.get_absolute_url())


@login_required
def mine(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    return render(
        request,
        "projects/mine.html",
        base_context(
            territory,
            projects=list(my_projects(user=request.user, territory=territory)),
            breadcrumb_items=crumbs(territory, (_("Mes projets"), "")),
        ),
    )
