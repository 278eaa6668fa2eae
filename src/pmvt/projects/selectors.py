"""Reads of collective projects: the public list, one project, its team, the open needs."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from pmvt.accounts.access import AnyUser
from pmvt.accounts.models import User
from pmvt.catalog.text import search_tokens
from pmvt.ideas.models import Idea
from pmvt.projects.models import (
    MemberRole,
    Need,
    NeedKind,
    NeedStatus,
    Project,
    ProjectMember,
    ProjectStatus,
    Supporter,
)
from pmvt.skills.models import SkillTerm
from pmvt.territories.models import Commune, Territory

PUBLIC_STATUSES = [s for s in ProjectStatus.values if s != ProjectStatus.DRAFT]


def sdg_index(numbers: list[int]) -> str:
    """The goals as "|1|7|12|" (Project.sdg_index), "" when none."""
    return f"|{'|'.join(str(n) for n in sorted(numbers))}|" if numbers else ""


# --- the team ---------------------------------------------------------------------------------


def _role_of(*, user: AnyUser, project: Project) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        ProjectMember.objects.filter(project=project, user=user)
        .values_list("role", flat=True)
        .first()
    )


def is_team_member(*, user: AnyUser, project: Project) -> bool:
    """A carrier or a member of the project's team."""
    return _role_of(user=user, project=project) is not None


def is_carrier(*, user: AnyUser, project: Project) -> bool:
    return _role_of(user=user, project=project) == MemberRole.CARRIER


def team_of(project: Project) -> QuerySet[ProjectMember]:
    """Carriers first, then members, by date of arrival; with their user."""
    return ProjectMember.objects.filter(project=project).select_related("user")


def member_of_team(*, project: Project, member_id: int) -> ProjectMember | None:
    return team_of(project).filter(pk=member_id).first()


def supporters_to_invite(project: Project) -> QuerySet[User]:
    """Supporters of the project who are not in its team yet."""
    team = ProjectMember.objects.filter(project=project).values("user_id")
    return (
        User.objects.filter(supported_projects__project=project)
        .exclude(pk__in=team)
        .order_by("display_name", "pk")
    )


def supporter_count(project: Project) -> int:
    return Supporter.objects.filter(project=project).count()


def is_supporter(*, user: AnyUser, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    return Supporter.objects.filter(project=project, user=user).exists()


# --- the projects -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectFilters:
    status: str = ""
    sdg: int | None = None
    commune: Commune | None = None
    need_kind: str = ""
    words: str = ""


def project_list(
    *, territory: Territory, filters: ProjectFilters | None = None
) -> QuerySet[Project]:
    """Published projects (not drafts), newest first, with their communes, the number of their
    open needs and of their supporters."""
    filters = filters or ProjectFilters()
    projects = Project.objects.filter(territory=territory, status__in=PUBLIC_STATUSES)
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.sdg:
        projects = projects.filter(sdg_index__contains=f"|{filters.sdg}|")
    if filters.commune is not None:
        projects = projects.filter(communes=filters.commune)
    if filters.need_kind:
        with_need = Need.objects.filter(
            territory=territory, kind=filters.need_kind, status=NeedStatus.OPEN
        ).values("project_id")
        projects = projects.filter(pk__in=with_need)
    for token in dict.fromkeys(search_tokens(filters.words)):
        projects = projects.filter(search_text__contains=token)
    return (
        projects.annotate(
            open_need_count=Count("needs", filter=Q(needs__status=NeedStatus.OPEN), distinct=True),
            supporter_count=Count("supporters", distinct=True),
        )
        .select_related("territory")
        .prefetch_related(Prefetch("communes", queryset=Commune.objects.order_by("name")))
        .order_by("-created_at", "-pk")
    )


def project_of_territory(*, territory: Territory, slug: str) -> Project | None:
    return (
        Project.objects.filter(territory=territory, slug=slug)
        .select_related("territory", "idea__campaign__territory")
        .first()
    )


def my_projects(*, user: User, territory: Territory) -> QuerySet[Project]:
    """The projects whose team the user is in, drafts included."""
    return (
        Project.objects.filter(territory=territory, members__user=user)
        .select_related("territory")
        .distinct()
    )


def projects_of_idea(idea: Idea) -> QuerySet[Project]:
    """The published projects born from this idea."""
    return (
        Project.objects.filter(
            territory_id=idea.territory_id, idea=idea, status__in=PUBLIC_STATUSES
        )
        .select_related("territory")
        .order_by("created_at", "pk")
    )


# --- needs ------------------------------------------------------------------------------------


def project_needs(project: Project) -> QuerySet[Need]:
    return (
        Need.objects.filter(territory_id=project.territory_id, project=project)
        .select_related("commune", "investment_call__territory")
        .prefetch_related("skill_terms")
    )


def need_of_project(*, project: Project, need_id: int) -> Need | None:
    return project_needs(project).filter(pk=need_id).first()


def needs_by_kind(project: Project) -> list[tuple[str, list[Need]]]:
    """[(kind label, needs)] in the order of NeedKind, open needs first; empty kinds left out."""
    needs = list(project_needs(project))
    order = {NeedStatus.OPEN: 0, NeedStatus.MET: 1, NeedStatus.CLOSED: 2}
    groups = []
    for kind, label in NeedKind.choices:
        of_kind = sorted(
            (n for n in needs if n.kind == kind), key=lambda n: (order[NeedStatus(n.status)], n.pk)
        )
        if of_kind:
            groups.append((str(label), of_kind))
    return groups


def open_needs(*, territory: Territory) -> QuerySet[Need]:
    """Open needs of published projects (not drafts), with their project and skill terms."""
    return (
        Need.objects.filter(
            territory=territory, status=NeedStatus.OPEN, project__status__in=PUBLIC_STATUSES
        )
        .select_related("project__territory", "commune")
        .prefetch_related("skill_terms")
        .order_by("-created_at", "-pk")
    )


def skill_terms_of(territory: Territory) -> QuerySet[SkillTerm]:
    """The active skill vocabulary of the territory: national terms and its own."""
    return SkillTerm.objects.filter(
        Q(territory=None) | Q(territory=territory), is_active=True
    ).order_by("label", "pk")
