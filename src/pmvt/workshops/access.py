"""Permission rules of workshops: who facilitates, who sees, who takes part.

- opening a workshop: the territory's admins (agents, elected members), the operator, and the
  carriers of a collective project of the territory;
- facilitating one workshop (editing it, moving its phases, themes, actions): its facilitator,
  the territory's admins, the operator, and the carriers of the project it works for;
- seeing a workshop: everyone once it left the draft phase; a draft, its facilitators only;
  the authors' names of contributions: the members of the territory;
- taking part (joining, contributing, suggesting a theme, voting): a logged-in member of the
  territory, while the workshop is open (neither in draft nor closed).

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, is_operator, membership_of
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.projects.models import MemberRole, Project, ProjectMember
from pmvt.projects.selectors import is_carrier
from pmvt.territories.models import Territory
from pmvt.workshops.models import Phase, Workshop


def carried_projects(*, user: AnyUser, territory: Territory) -> list[Project]:
    """The projects of the territory the user carries (none for an anonymous visitor)."""
    if not user.is_authenticated:
        return []
    return list(
        Project.objects.filter(
            territory=territory,
            members__user=user,
            members__role=MemberRole.CARRIER,
        )
        .distinct()
        .order_by("title")
    )


def can_open_workshop(*, user: AnyUser, territory: Territory) -> bool:
    if not user.is_authenticated:
        return False
    if can_administer_territory(user=user, territory=territory):
        return True
    if membership_of(user=user, territory=territory) is None:
        return False
    return ProjectMember.objects.filter(
        project__territory=territory, user=user, role=MemberRole.CARRIER
    ).exists()


def access_workshops_as_facilitator(*, user: AnyUser, territory: Territory) -> None:
    """Open a new workshop on this territory."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour ouvrir un atelier."))
    if not can_open_workshop(user=user, territory=territory):
        raise PermissionDeniedError(
            _(
                "Les ateliers sont ouverts par les agents du territoire et par les porteurs "
                "d'un projet collectif."
            )
        )


def can_facilitate(*, user: AnyUser, workshop: Workshop) -> bool:
    if not user.is_authenticated:
        return False
    if workshop.facilitator_id == user.pk:
        return True
    if can_administer_territory(user=user, territory=workshop.territory):
        return True
    if workshop.project_id is None:
        return False
    return is_carrier(user=user, project=workshop.project)  # type: ignore[arg-type]


def access_workshop_as_facilitator(*, user: AnyUser, workshop: Workshop) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour animer cet atelier."))
    if not can_facilitate(user=user, workshop=workshop):
        raise PermissionDeniedError(_("Seules les personnes qui animent cet atelier le gèrent."))


def can_view_workshop(*, user: AnyUser, workshop: Workshop) -> bool:
    if workshop.phase != Phase.DRAFT:
        return True
    return can_facilitate(user=user, workshop=workshop)


def is_member(*, user: AnyUser, territory: Territory) -> bool:
    if is_operator(user):
        return True
    return membership_of(user=user, territory=territory) is not None


def participation_refusal(*, user: AnyUser, workshop: Workshop) -> str:
    """Why the user may not take part in the workshop ("" when they may)."""
    if workshop.phase == Phase.DRAFT:
        return str(_("Cet atelier n'est pas encore ouvert."))
    if workshop.phase == Phase.CLOSED:
        return str(_("Cet atelier est terminé."))
    if not user.is_authenticated:
        return str(_("Connectez-vous pour participer à l'atelier."))
    if not is_member(user=user, territory=workshop.territory):
        return str(_("Rejoignez ce territoire pour participer à ses ateliers."))
    return ""


def access_workshop_as_participant(*, user: AnyUser, workshop: Workshop) -> None:
    refusal = participation_refusal(user=user, workshop=workshop)
    if refusal:
        raise PermissionDeniedError(refusal)
