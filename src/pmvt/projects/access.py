"""Permission rules of collective projects.

- proposing a project: a member of the territory (or the operator);
- turning an idea into a project: the same, for a published idea of the territory;
- seeing a project: everyone once it is published (any status but draft); a draft, its team
  and the territory's admins only;
- managing it (editing, changing its status, its team): its carriers and the territory's
  admins;
- working on it (needs, milestones, news): its whole team (carriers and members) and the
  territory's admins;
- supporting it: a member of the territory, once it is published; leaving the team: a member
  of the team.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, is_operator, membership_of
from pmvt.community.models import Visibility
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.ideas.models import Idea
from pmvt.projects.models import Project, ProjectStatus
from pmvt.projects.selectors import is_carrier, is_team_member
from pmvt.territories.models import Territory


def is_member(*, user: AnyUser, territory: Territory) -> bool:
    if not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    return membership_of(user=user, territory=territory) is not None


def can_propose(*, user: AnyUser, territory: Territory) -> bool:
    return is_member(user=user, territory=territory)


def access_propose(*, user: AnyUser, territory: Territory) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour proposer un projet collectif."))
    if not is_member(user=user, territory=territory):
        raise PermissionDeniedError(_("Rejoignez ce territoire pour proposer un projet collectif."))


def can_propose_from_idea(*, user: AnyUser, idea: Idea) -> bool:
    try:
        access_propose_from_idea(user=user, idea=idea)
    except PermissionDeniedError:
        return False
    return True


def access_propose_from_idea(*, user: AnyUser, idea: Idea) -> None:
    access_propose(user=user, territory=idea.territory)
    if idea.visibility != Visibility.PUBLISHED:
        raise PermissionDeniedError(_("Seule une idée publiée peut devenir un projet collectif."))


def can_manage_project(*, user: AnyUser, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    if can_administer_territory(user=user, territory=project.territory):
        return True
    return is_carrier(user=user, project=project)


def access_project_as_carrier(*, user: AnyUser, project: Project) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer ce projet."))
    if not can_manage_project(user=user, project=project):
        raise PermissionDeniedError(
            _("Seuls les porteurs du projet et les administrateurs du territoire le gèrent.")
        )


def can_work_on_project(*, user: AnyUser, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    if can_administer_territory(user=user, territory=project.territory):
        return True
    return is_team_member(user=user, project=project)


def access_project_as_team(*, user: AnyUser, project: Project) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour travailler sur ce projet."))
    if not can_work_on_project(user=user, project=project):
        raise PermissionDeniedError(_("Seule l'équipe du projet peut faire cela."))


def can_view_project(*, user: AnyUser, project: Project) -> bool:
    if project.status != ProjectStatus.DRAFT:
        return True
    return can_work_on_project(user=user, project=project)


def support_refusal(*, user: AnyUser, project: Project) -> str:
    """Why the user may not support this project ("" when they may)."""
    if project.status == ProjectStatus.DRAFT:
        return str(_("Ce projet n'est pas encore publié."))
    if not user.is_authenticated:
        return str(_("Connectez-vous pour soutenir ce projet."))
    if not is_member(user=user, territory=project.territory):
        return str(_("Rejoignez ce territoire pour soutenir ses projets."))
    return ""


def access_support(*, user: AnyUser, project: Project) -> None:
    refusal = support_refusal(user=user, project=project)
    if refusal:
        raise PermissionDeniedError(refusal)


def access_leave(*, user: AnyUser, project: Project) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour quitter l'équipe."))
    if not is_team_member(user=user, project=project):
        raise PermissionDeniedError(_("Vous ne faites pas partie de l'équipe de ce projet."))
