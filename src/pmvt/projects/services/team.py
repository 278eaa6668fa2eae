"""The team of a project: carriers add members (a supporter, or a member of the territory
found by e-mail), promote them to carriers, remove them; a member leaves. A project keeps at
least one carrier: the project row is locked while the team changes, so two carriers cannot
leave at the same time."""

from django.db import transaction
from django.utils.translation import gettext as _

from pmvt.accounts.access import membership_of
from pmvt.accounts.models import User
from pmvt.projects.access import access_leave, access_project_as_carrier
from pmvt.projects.errors import ProjectFieldError, TeamError
from pmvt.projects.models import MemberRole, Project, ProjectMember
from pmvt.projects.services.notices import tell_added_to_team, tell_promoted, tell_removed


def _lock(project: Project) -> None:
    Project.objects.select_for_update().filter(pk=project.pk).first()


@transaction.atomic
def team_add(*, project: Project, by: User, user: User) -> ProjectMember:
    """Add a member of the territory to the team (role member); they are told."""
    access_project_as_carrier(user=by, project=project)
    _lock(project)
    if membership_of(user=user, territory=project.territory) is None:
        raise TeamError(_("Cette personne n'est pas membre du territoire."))
    if ProjectMember.objects.filter(project=project, user=user).exists():
        raise TeamError(_("Cette personne fait déjà partie de l'équipe."))
    member = ProjectMember.objects.create(project=project, user=user, role=MemberRole.MEMBER)
    tell_added_to_team(project=project, user=user, by=by)
    return member


@transaction.atomic
def team_add_by_email(*, project: Project, by: User, email: str) -> ProjectMember:
    """Add the member of the territory with this e-mail address."""
    access_project_as_carrier(user=by, project=project)
    email = (email or "").strip()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is None or membership_of(user=user, territory=project.territory) is None:
        raise ProjectFieldError(
            _("Aucun membre du territoire n'a cette adresse électronique."), field="email"
        )
    return team_add(project=project, by=by, user=user)


@transaction.atomic
def team_promote(*, project: Project, by: User, member: ProjectMember) -> ProjectMember:
    access_project_as_carrier(user=by, project=project)
    _lock(project)
    if member.project_id != project.pk:
        raise TeamError(_("Cette personne ne fait pas partie de l'équipe."))
    if member.role == MemberRole.CARRIER:
        raise TeamError(_("Cette personne porte déjà le projet."))
    member.role = MemberRole.CARRIER
    member.save(update_fields=["role"])
    tell_promoted(project=project, user=member.user)
    return member


def _refuse_last_carrier(project: Project, member: ProjectMember) -> None:
    if member.role != MemberRole.CARRIER:
        return
    carriers = ProjectMember.objects.filter(project=project, role=MemberRole.CARRIER).count()
    if carriers <= 1:
        raise TeamError(
            _(
                "Le projet doit garder au moins un porteur : nommez d'abord un autre porteur "
                "dans l'équipe."
            )
        )


@transaction.atomic
def team_remove(*, project: Project, by: User, member: ProjectMember) -> None:
    access_project_as_carrier(user=by, project=project)
    _lock(project)
    if member.project_id != project.pk:
        raise TeamError(_("Cette personne ne fait pas partie de l'équipe."))
    _refuse_last_carrier(project, member)
    user = member.user
    member.delete()
    if user.pk != by.pk:
        tell_removed(project=project, user=user)


@transaction.atomic
def team_leave(*, project: Project, user: User) -> None:
    access_leave(user=user, project=project)
    _lock(project)
    member = ProjectMember.objects.get(project=project, user=user)
    _refuse_last_carrier(project, member)
    member.delete()
