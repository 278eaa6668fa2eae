"""Reads of the Maison: invitations, contributed hours, and the few reads of sibling areas.

The Maison sits on skills, assets, projects and workshops and reads them only through their
own selectors and access rules; the thin wrappers below add what the matching engine and the
pages need (prefetches, the need's dates as instants).
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.access import AnyUser
from pmvt.accounts.models import Membership, User
from pmvt.agenda.recurrence import paris_datetime
from pmvt.assets import access as assets_access
from pmvt.assets import selectors as assets_selectors
from pmvt.assets.models import Asset
from pmvt.maison.models import (
    ACTIVE_INVITATION_STATUSES,
    ContributionHours,
    Direction,
    Invitation,
    InvitationStatus,
)
from pmvt.projects import selectors as projects_selectors
from pmvt.projects.models import Need, NeedStatus, Project, ProjectStatus
from pmvt.skills import access as skills_access
from pmvt.skills import selectors as skills_selectors
from pmvt.skills.models import SkillProfile
from pmvt.territories.models import Commune, Territory
from pmvt.workshops import selectors as workshops_selectors
from pmvt.workshops.models import Workshop

PUBLIC_PROJECT_STATUSES = [
    ProjectStatus.IDEA,
    ProjectStatus.FORMING,
    ProjectStatus.RUNNING,
    ProjectStatus.PAUSED,
]
# A project still looking for help (a done or paused project's needs are not suggested).
ACTIVE_PROJECT_STATUSES = [ProjectStatus.IDEA, ProjectStatus.FORMING, ProjectStatus.RUNNING]


# --- skills -----------------------------------------------------------------------------------


def matchable_profiles(*, territory: Territory) -> QuerySet[SkillProfile]:
    """Active profiles of every visibility, ready for the matching engine."""
    profiles = skills_selectors.matchable_profiles(territory=territory)
    return profiles.select_related("user", "territory").prefetch_related("skills__term", "communes")


def can_view_profile(*, viewer: AnyUser, profile: SkillProfile) -> bool:
    return skills_access.can_view_profile(viewer=viewer, profile=profile)


def profile_of(*, territory: Territory, user: AnyUser) -> SkillProfile | None:
    return skills_selectors.profile_of(territory=territory, user=user)


def home_communes(*, territory: Territory, user_ids: Iterable[int]) -> dict[int, Commune]:
    """Each person's commune of residence (accounts.Membership), by user id."""
    with scopes_disabled():
        memberships = Membership.objects.filter(
            territory=territory, user_id__in=list(user_ids), commune__isnull=False
        ).select_related("commune")
        return {m.user_id: m.commune for m in memberships if m.commune is not None}


# --- assets -----------------------------------------------------------------------------------


def published_assets(*, territory: Territory) -> QuerySet[Asset]:
    return assets_selectors.published_assets(territory=territory).select_related("commune", "owner")


def need_period(need: Need) -> tuple[datetime, datetime] | None:
    """The need's dates as instants: from the first day's midnight to the day after the last."""
    if need.starts_on is None:
        return None
    last = need.ends_on or need.starts_on
    return (
        paris_datetime(need.starts_on, time(0)),
        paris_datetime(last + timedelta(days=1), time(0)),
    )


def asset_is_free(*, asset: Asset, starts_at: datetime, ends_at: datetime) -> bool:
    return assets_selectors.asset_is_free(asset=asset, starts_at=starts_at, ends_at=ends_at)


def can_manage_asset(*, user: AnyUser, asset: Asset) -> bool:
    return assets_access.can_manage_asset(user=user, asset=asset)


# --- projects ---------------------------------------------------------------------------------


def open_needs(*, territory: Territory) -> QuerySet[Need]:
    """Open needs of published projects still looking for help, newest first."""
    return (
        projects_selectors.open_needs(territory=territory)
        .filter(status=NeedStatus.OPEN, project__status__in=ACTIVE_PROJECT_STATUSES)
        .select_related("project__territory", "commune", "territory")
        .prefetch_related("skill_terms", "project__communes")
        .order_by("-created_at", "-pk")
    )


def team_user_ids(project: Project) -> set[int]:
    return {member.user_id for member in projects_selectors.team_of(project)}


def is_team_member(*, user: AnyUser, project: Project) -> bool:
    return projects_selectors.is_team_member(user=user, project=project)


def is_carrier(*, user: AnyUser, project: Project) -> bool:
    return projects_selectors.is_carrier(user=user, project=project)


def team_members(project: Project) -> list[User]:
    return [member.user for member in projects_selectors.team_of(project)]


def recent_projects(*, territory: Territory, limit: int = 4) -> list[Project]:
    return list(
        Project.objects.filter(territory=territory, status__in=PUBLIC_PROJECT_STATUSES)
        .select_related("territory")
        .annotate(open_need_count=Count("needs", filter=Q(needs__status=NeedStatus.OPEN)))
        .order_by("-created_at", "-pk")[:limit]
    )


def need_of_territory(*, territory: Territory, need_id: int) -> Need | None:
    return (
        Need.objects.filter(territory=territory, pk=need_id)
        .exclude(project__status=ProjectStatus.DRAFT)
        .select_related("project__territory", "commune", "territory")
        .prefetch_related("skill_terms", "project__communes")
        .first()
    )


# --- workshops --------------------------------------------------------------------------------


def upcoming_workshops(*, territory: Territory, limit: int = 3) -> list[Workshop]:
    return workshops_selectors.upcoming_workshops(territory=territory, limit=limit)


# --- invitations ------------------------------------------------------------------------------


def _invitation_rows(territory: Territory) -> QuerySet[Invitation]:
    return Invitation.objects.filter(territory=territory).select_related(
        "need__project", "person", "asset__commune", "sent_by", "booking"
    )


def invitation_of_territory(*, territory: Territory, invitation_id: int) -> Invitation | None:
    return _invitation_rows(territory).filter(pk=invitation_id).first()


def active_invitation_exists(*, need: Need, person: User | None, asset: Asset | None) -> bool:
    invitations = Invitation.objects.filter(need=need, status__in=ACTIVE_INVITATION_STATUSES)
    if person is not None:
        return invitations.filter(person=person).exists()
    return invitations.filter(asset=asset).exists()


def invited_user_ids(need: Need) -> set[int]:
    return set(
        Invitation.objects.filter(
            need=need, status__in=ACTIVE_INVITATION_STATUSES, person__isnull=False
        ).values_list("person_id", flat=True)
    )


def invited_asset_ids(need: Need) -> set[int]:
    return set(
        Invitation.objects.filter(
            need=need, status__in=ACTIVE_INVITATION_STATUSES, asset__isnull=False
        ).values_list("asset_id", flat=True)
    )


def user_need_ids(*, territory: Territory, user: User) -> set[int]:
    """Needs the person is already invited to or offered to help (pending or accepted)."""
    return set(
        Invitation.objects.filter(
            territory=territory, person=user, status__in=ACTIVE_INVITATION_STATUSES
        ).values_list("need_id", flat=True)
    )


def accepted_people_count(need: Need) -> int:
    return Invitation.objects.filter(
        need=need, status=InvitationStatus.ACCEPTED, person__isnull=False
    ).count()


def _with_hours(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    return invitations.annotate(hours_total=Sum("hours__hours"))


def received_invitations(*, territory: Territory, user: User) -> QuerySet[Invitation]:
    """Invitations of a project team to the person, pending first."""
    return (
        _invitation_rows(territory)
        .filter(person=user, direction=Direction.TEAM_INVITES, status=InvitationStatus.PENDING)
        .order_by("-created_at", "-pk")
    )


def sent_offers(*, territory: Territory, user: User) -> QuerySet[Invitation]:
    return (
        _invitation_rows(territory)
        .filter(person=user, direction=Direction.PERSON_OFFERS)
        .exclude(status=InvitationStatus.ACCEPTED)
        .order_by("-created_at", "-pk")
    )


def my_contributions(*, territory: Territory, user: User) -> QuerySet[Invitation]:
    """The person's accepted invitations and offers, with the hours recorded so far."""
    return _with_hours(
        _invitation_rows(territory).filter(person=user, status=InvitationStatus.ACCEPTED)
    ).order_by("-answered_at", "-pk")


def received_asset_invitations(*, territory: Territory, user: User) -> list[Invitation]:
    """Pending invitations for assets the user manages."""
    rows = _invitation_rows(territory).filter(asset__isnull=False, status=InvitationStatus.PENDING)
    owned = rows.filter(asset__owner=user)
    others = rows.exclude(asset__owner=user)
    return list(owned) + [
        i for i in others if i.asset and can_manage_asset(user=user, asset=i.asset)
    ]


def need_invitations(*, need: Need) -> QuerySet[Invitation]:
    return _with_hours(
        Invitation.objects.filter(need=need).select_related(
            "person", "asset__commune", "sent_by", "booking"
        )
    ).order_by("status", "-created_at", "-pk")


def contribution_hours_of(invitation: Invitation) -> QuerySet[ContributionHours]:
    return ContributionHours.objects.filter(invitation=invitation)


def hours_by_project(*, territory: Territory) -> dict[int, Decimal]:
    """Total hours given on each project (project id → hours), for the observatory."""
    rows = (
        ContributionHours.objects.filter(territory=territory)
        .values("invitation__need__project_id")
        .annotate(total=Sum("hours"))
    )
    return {r["invitation__need__project_id"]: r["total"] for r in rows}


def hours_by_person(*, territory: Territory) -> dict[int, Decimal]:
    """Total hours given by each person (user id → hours), for the observatory."""
    rows = (
        ContributionHours.objects.filter(territory=territory)
        .values("invitation__person_id")
        .annotate(total=Sum("hours"))
    )
    return {r["invitation__person_id"]: r["total"] for r in rows}


def contribution_hours_total(
    *, territory: Territory, project: Project | None = None, person: User | None = None
) -> Decimal:
    rows = ContributionHours.objects.filter(territory=territory)
    if project is not None:
        rows = rows.filter(invitation__need__project=project)
    if person is not None:
        rows = rows.filter(invitation__person=person)
    return rows.aggregate(total=Sum("hours"))["total"] or Decimal(0)


def open_needs_line(territory: Territory) -> str:
    """The live line of the Maison on the Valeurs territoriales door."""
    from django.utils.translation import ngettext

    count = open_needs(territory=territory).count()
    if not count:
        return ""
    return ngettext("%(count)d besoin ouvert", "%(count)d besoins ouverts", count) % {
        "count": count
    }


def today() -> date:
    return timezone.localdate()
