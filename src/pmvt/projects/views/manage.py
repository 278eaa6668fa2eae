"""The team's pages: edit the project, change its status, manage its team, needs, milestones
and news. Every write goes through a service, which checks who may do it."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.projects.access import (
    access_leave,
    access_project_as_carrier,
    access_project_as_team,
    can_manage_project,
)
from pmvt.projects.forms import (
    InviteEmailForm,
    InviteSupporterForm,
    MilestoneForm,
    NeedForm,
    NewsForm,
    ProjectForm,
)
from pmvt.projects.models import Milestone, NeedKind, Project, ProjectStatus
from pmvt.projects.selectors import (
    member_of_team,
    need_of_project,
    needs_by_kind,
    supporters_to_invite,
    team_of,
)
from pmvt.projects.services.life import (
    milestone_add,
    milestone_mark_done,
    milestone_remove,
    news_publish,
)
from pmvt.projects.services.needs import need_add, need_close, need_mark_met, need_update
from pmvt.projects.services.projects import project_move, project_update
from pmvt.projects.services.team import (
    team_add,
    team_add_by_email,
    team_leave,
    team_promote,
    team_remove,
)
from pmvt.projects.views.common import base_context, project_crumbs, report, visible_project
from pmvt.territories.middleware import require_territory


def _project(request: HttpRequest, project_slug: str) -> Project:
    return visible_project(request, require_territory(request), project_slug)


def _url(project: Project, name: str, **kwargs: Any) -> str:
    kwargs |= {"territory_slug": project.territory.slug, "project_slug": project.slug}
    return reverse(f"projects:{name}", kwargs=kwargs)


def _flash_error(request: HttpRequest, error: ApplicationError) -> None:
    if isinstance(error, PermissionDeniedError):
        raise error
    messages.error(request, str(error.message))


# --- the project ------------------------------------------------------------------------------


def edit(request: HttpRequest, project_slug: str, territory_slug: str) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_carrier(user=request.user, project=project)
    if request.method == "POST":
        form = ProjectForm(request.POST, request.FILES, territory=project.territory, editing=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                project_update(
                    project=project,
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
                    remove_image=data["remove_image"],
                )
            except PermissionDeniedError:
                raise
            except ApplicationError as error:
                report(form, error)
            else:
                messages.success(request, _("Le projet est modifié."))
                return redirect(project.get_absolute_url())
    else:
        form = ProjectForm(
            initial=ProjectForm.initial_of(project), territory=project.territory, editing=True
        )
    return render(
        request,
        "projects/manage/edit.html",
        base_context(
            project.territory,
            project=project,
            form=form,
            breadcrumb_items=project_crumbs(project, (_("Modifier"), "")),
        ),
    )


@require_POST
def status(request: HttpRequest, project_slug: str, territory_slug: str) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_carrier(user=request.user, project=project)
    to = request.POST.get("etat", "")
    try:
        project_move(project=project, by=request.user, to=to)  # type: ignore[arg-type]
    except ApplicationError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request,
            _("Le projet est maintenant « %(status)s ».")
            % {"status": ProjectStatus(project.status).label},
        )
    return redirect(project.get_absolute_url())


# --- the team ---------------------------------------------------------------------------------


def team(request: HttpRequest, project_slug: str, territory_slug: str) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_carrier(user=request.user, project=project)
    supporters = supporters_to_invite(project)
    supporter_form = InviteSupporterForm(supporters=supporters, prefix="soutien")
    email_form = InviteEmailForm(prefix="courriel")
    if request.method == "POST":
        try:
            if "soutien-user" in request.POST:
                supporter_form = InviteSupporterForm(
                    request.POST, supporters=supporters, prefix="soutien"
                )
                if supporter_form.is_valid():
                    team_add(
                        project=project,
                        by=request.user,  # type: ignore[arg-type]
                        user=supporter_form.cleaned_data["user"],
                    )
                    messages.success(
                        request, _("La personne a rejoint l'équipe et en est prévenue.")
                    )
                    return redirect(_url(project, "team"))
            else:
                email_form = InviteEmailForm(request.POST, prefix="courriel")
                if email_form.is_valid():
                    team_add_by_email(
                        project=project,
                        by=request.user,  # type: ignore[arg-type]
                        email=email_form.cleaned_data["email"],
                    )
                    messages.success(
                        request, _("La personne a rejoint l'équipe et en est prévenue.")
                    )
                    return redirect(_url(project, "team"))
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(email_form if "soutien-user" not in request.POST else supporter_form, error)
    return render(
        request,
        "projects/manage/team.html",
        base_context(
            project.territory,
            project=project,
            team=list(team_of(project)),
            supporter_form=supporter_form,
            has_supporters=supporters.exists(),
            email_form=email_form,
            breadcrumb_items=project_crumbs(project, (_("Équipe"), "")),
        ),
    )


def _member(project: Project, member_id: int) -> Any:
    member = member_of_team(project=project, member_id=member_id)
    if member is None:
        raise Http404
    return member


@require_POST
def promote(
    request: HttpRequest, project_slug: str, member_id: int, territory_slug: str
) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_carrier(user=request.user, project=project)
    try:
        team_promote(project=project, by=request.user, member=_member(project, member_id))  # type: ignore[arg-type]
    except ApplicationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("La personne porte désormais le projet."))
    return redirect(_url(project, "team"))


@require_POST
def remove(
    request: HttpRequest, project_slug: str, member_id: int, territory_slug: str
) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_carrier(user=request.user, project=project)
    try:
        team_remove(project=project, by=request.user, member=_member(project, member_id))  # type: ignore[arg-type]
    except ApplicationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("La personne ne fait plus partie de l'équipe."))
    if can_manage_project(user=request.user, project=project):
        return redirect(_url(project, "team"))
    return redirect(project.get_absolute_url())


@require_POST
def leave(request: HttpRequest, project_slug: str, territory_slug: str) -> HttpResponse:
    project = _project(request, project_slug)
    access_leave(user=request.user, project=project)
    try:
        team_leave(project=project, user=request.user)  # type: ignore[arg-type]
    except ApplicationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Vous avez quitté l'équipe du projet."))
        if project.status == ProjectStatus.DRAFT:
            return redirect("projects:list", territory_slug=project.territory.slug)
    return redirect(project.get_absolute_url())


# --- needs ------------------------------------------------------------------------------------


def needs(request: HttpRequest, project_slug: str, territory_slug: str) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_team(user=request.user, project=project)
    return render(
        request,
        "projects/manage/needs.html",
        base_context(
            project.territory,
            project=project,
            need_groups=needs_by_kind(project),
            kinds=NeedKind.choices,
            breadcrumb_items=project_crumbs(project, (_("Besoins"), "")),
        ),
    )


def need_create(
    request: HttpRequest, project_slug: str, kind: str, territory_slug: str
) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_team(user=request.user, project=project)
    if kind not in NeedKind.values:
        raise Http404
    form = NeedForm(request.POST or None, territory=project.territory, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            need_add(project=project, by=request.user, kind=kind, data=form.values())  # type: ignore[arg-type]
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("Le besoin est publié sur la page du projet."))
            return redirect(_url(project, "needs"))
    return render(
        request,
        "projects/manage/need_form.html",
        base_context(
            project.territory,
            project=project,
            form=form,
            kind_label=NeedKind(kind).label,
            need=None,
            breadcrumb_items=project_crumbs(
                project, (_("Besoins"), _url(project, "needs")), (_("Nouveau besoin"), "")
            ),
        ),
    )


def _need(project: Project, need_id: int) -> Any:
    need = need_of_project(project=project, need_id=need_id)
    if need is None:
        raise Http404
    return need


def need_edit(
    request: HttpRequest, project_slug: str, need_id: int, territory_slug: str
) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_team(user=request.user, project=project)
    need = _need(project, need_id)
    if request.method == "POST":
        form = NeedForm(request.POST, territory=project.territory, kind=need.kind)
        if form.is_valid():
            try:
                need_update(need=need, by=request.user, data=form.values())  # type: ignore[arg-type]
            except PermissionDeniedError:
                raise
            except ApplicationError as error:
                report(form, error)
            else:
                messages.success(request, _("Le besoin est modifié."))
                return redirect(_url(project, "needs"))
    else:
        form = NeedForm(
            initial=NeedForm.initial_of(need), territory=project.territory, kind=need.kind
        )
    return render(
        request,
        "projects/manage/need_form.html",
        base_context(
            project.territory,
            project=project,
            form=form,
            kind_label=NeedKind(need.kind).label,
            need=need,
            breadcrumb_items=project_crumbs(
                project, (_("Besoins"), _url(project, "needs")), (need.title, "")
            ),
        ),
    )


@require_POST
def need_met(
    request: HttpRequest, project_slug: str, need_id: int, territory_slug: str
) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_team(user=request.user, project=project)
    try:
        need_mark_met(need=_need(project, need_id), by=request.user)  # type: ignore[arg-type]
    except ApplicationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Le besoin est pourvu. Bravo !"))
    return redirect(_url(project, "needs"))


@require_POST
def need_withdraw(
    request: HttpRequest, project_slug: str, need_id: int, territory_slug: str
) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_team(user=request.user, project=project)
    try:
        need_close(need=_need(project, need_id), by=request.user)  # type: ignore[arg-type]
    except ApplicationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Le besoin est fermé."))
    return redirect(_url(project, "needs"))


# --- milestones and news ----------------------------------------------------------------------


def milestones(request: HttpRequest, project_slug: str, territory_slug: str) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_team(user=request.user, project=project)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_add(project=project, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("L'étape est ajoutée."))
            return redirect(_url(project, "milestones"))
    return render(
        request,
        "projects/manage/milestones.html",
        base_context(
            project.territory,
            project=project,
            form=form,
            milestones=list(project.milestones.all()),
            breadcrumb_items=project_crumbs(project, (_("Étapes"), "")),
        ),
    )


def _milestone(project: Project, milestone_id: int) -> Milestone:
    milestone = Milestone.objects.filter(project=project, pk=milestone_id).first()
    if milestone is None:
        raise Http404
    return milestone


@require_POST
def milestone_done(
    request: HttpRequest, project_slug: str, milestone_id: int, territory_slug: str
) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_team(user=request.user, project=project)
    try:
        milestone_mark_done(milestone=_milestone(project, milestone_id), by=request.user)  # type: ignore[arg-type]
    except ApplicationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("L'étape est franchie."))
    return redirect(_url(project, "milestones"))


@require_POST
def milestone_delete(
    request: HttpRequest, project_slug: str, milestone_id: int, territory_slug: str
) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_team(user=request.user, project=project)
    milestone_remove(milestone=_milestone(project, milestone_id), by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("L'étape est supprimée."))
    return redirect(_url(project, "milestones"))


def news_create(request: HttpRequest, project_slug: str, territory_slug: str) -> HttpResponse:
    project = _project(request, project_slug)
    access_project_as_team(user=request.user, project=project)
    form = NewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            news_publish(project=project, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(
                request,
                _(
                    "La nouvelle est publiée ; les personnes qui soutiennent le projet en sont prévenues."
                ),
            )
            return redirect(project.get_absolute_url())
    return render(
        request,
        "projects/manage/news_form.html",
        base_context(
            project.territory,
            project=project,
            form=form,
            breadcrumb_items=project_crumbs(project, (_("Publier une nouvelle"), "")),
        ),
    )
