"""What the project views share: the breadcrumb trail, finding a visible project, reporting a
service's error on a form."""

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs, maison_trail, values_trail
from pmvt.projects.access import can_view_project
from pmvt.projects.models import Project
from pmvt.projects.selectors import project_of_territory
from pmvt.territories.models import Territory


def crumbs(territory: Territory, *items: tuple[str, str]) -> list[tuple[str, str]]:
    """Accueil › Valeurs territoriales › Maison › Projets collectifs › …"""
    return breadcrumbs(
        territory,
        values_trail(territory),
        maison_trail(territory),
        (
            _("Projets collectifs"),
            reverse("projects:list", kwargs={"territory_slug": territory.slug}),
        ),
        *items,
    )


def project_crumbs(project: Project, *items: tuple[str, str]) -> list[tuple[str, str]]:
    if items:
        return crumbs(project.territory, (project.title, project.get_absolute_url()), *items)
    return crumbs(project.territory, (project.title, ""))


def visible_project(request: HttpRequest, territory: Territory, slug: str) -> Project:
    """The project, or 404 when it does not exist or is a draft the user may not see."""
    project = project_of_territory(territory=territory, slug=slug)
    if project is None or not can_view_project(user=request.user, project=project):
        raise Http404
    return project


def report(form: Any, error: ApplicationError) -> None:
    """Show a service's error beside its field, or at the top of the form."""
    field = getattr(error, "field", None)
    if field and field in form.fields:
        form.add_error(field, str(error.message))
    else:
        form.add_error(None, str(error.message))


def base_context(territory: Territory, **values: Any) -> dict[str, Any]:
    return {"territory": territory, "current_door": "values", **values}
