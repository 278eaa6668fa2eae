"""Template helpers of collective projects: names without e-mail, goals' labels, Markdown, and
the projects of an idea (for the idea's page)."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from pmvt.accounts.access import AnyUser
from pmvt.accounts.models import User
from pmvt.core.markdown import render_markdown
from pmvt.core.sdgs import SDG_TITLES, sdg_label
from pmvt.ideas.models import Idea
from pmvt.projects.access import can_propose_from_idea
from pmvt.projects.models import Project
from pmvt.projects.selectors import projects_of_idea

register = template.Library()


@register.filter
def project_person(user: User | None) -> str:
    """How a person is named on project pages: never their e-mail address."""
    if user is None:
        return _("Ancien membre")
    return user.display_name or _("Membre du territoire")


@register.filter
def sdg(number: int) -> str:
    return sdg_label(number) if number in SDG_TITLES else ""


@register.filter
def project_markdown(text: str) -> SafeString:
    return render_markdown(text or "")


@register.simple_tag
def idea_projects(idea: Idea) -> list[Project]:
    """{% idea_projects idea as projects %}: the published projects born from the idea."""
    return list(projects_of_idea(idea))


@register.simple_tag
def can_make_project(user: AnyUser, idea: Idea) -> bool:
    """{% can_make_project user idea as allowed %}: may this user turn the idea into a project."""
    return can_propose_from_idea(user=user, idea=idea)
