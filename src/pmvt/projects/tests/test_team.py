"""The team: adding, promoting, removing, leaving; a project keeps a carrier."""

import pytest

from pmvt.core.exceptions import PermissionDeniedError
from pmvt.notifications.models import Notification
from pmvt.projects.errors import ProjectFieldError, TeamError
from pmvt.projects.models import MemberRole, ProjectMember
from pmvt.projects.selectors import is_carrier, is_team_member, supporters_to_invite, team_of
from pmvt.projects.services.life import project_support
from pmvt.projects.services.team import (
    team_add,
    team_add_by_email,
    team_leave,
    team_promote,
    team_remove,
)


def _roles(project):
    return [(m.user.email, m.role) for m in team_of(project)]


def test_carrier_adds_a_supporter_who_is_told(project, carrier, member):
    project_support(project=project, user=member)
    assert list(supporters_to_invite(project)) == [member]

    team_add(project=project, by=carrier, user=member)

    assert _roles(project) == [
        ("porteuse@apt.test", MemberRole.CARRIER),
        ("habitante@apt.test", MemberRole.MEMBER),
    ]
    assert list(supporters_to_invite(project)) == []
    assert is_team_member(user=member, project=project)
    assert not is_carrier(user=member, project=project)
    notification = Notification.objects.get(user=member)
    assert notification.kind == "project_team"
    assert (
        notification.title
        == "Vous faites partie de l'équipe du projet « Épicerie solidaire itinérante »."
    )
    assert "Nina Porteuse" in notification.body


def test_carrier_adds_a_member_by_email(project, carrier, member):
    team_add_by_email(project=project, by=carrier, email=" HABITANTE@apt.test ")
    assert is_team_member(user=member, project=project)


def test_refuses_an_email_of_no_member_of_the_territory(project, carrier, other_admin):
    for email in ["inconnu@apt.test", other_admin.email, ""]:
        with pytest.raises(ProjectFieldError) as error:
            team_add_by_email(project=project, by=carrier, email=email)
        assert error.value.field == "email"
    assert ProjectMember.objects.filter(project=project).count() == 1


def test_refuses_adding_twice(with_team, carrier, teammate):
    with pytest.raises(TeamError):
        team_add(project=with_team, by=carrier, user=teammate)
    assert ProjectMember.objects.filter(project=with_team).count() == 2


def test_refuses_a_stranger_to_the_territory(project, carrier, other_admin):
    with pytest.raises(TeamError):
        team_add(project=project, by=carrier, user=other_admin)
    assert ProjectMember.objects.filter(project=project).count() == 1


@pytest.mark.parametrize("who", ["teammate", "member", "other_admin"])
def test_only_carriers_and_admins_add_to_the_team(who, with_team, moderator, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        team_add(project=with_team, by=user, user=moderator)
    assert ProjectMember.objects.filter(project=with_team).count() == 2


def test_admin_adds_to_the_team(project, admin, member):
    team_add(project=project, by=admin, user=member)
    assert is_team_member(user=member, project=project)


def test_carrier_promotes_a_member(with_team, carrier, teammate):
    member = ProjectMember.objects.get(project=with_team, user=teammate)
    team_promote(project=with_team, by=carrier, member=member)
    assert is_carrier(user=teammate, project=with_team)
    assert Notification.objects.filter(user=teammate, kind="project_team").count() == 2


def test_member_cannot_promote_themself(with_team, teammate):
    member = ProjectMember.objects.get(project=with_team, user=teammate)
    with pytest.raises(PermissionDeniedError):
        team_promote(project=with_team, by=teammate, member=member)
    assert not is_carrier(user=teammate, project=with_team)


def test_carrier_removes_a_member_who_is_told(with_team, carrier, teammate):
    member = ProjectMember.objects.get(project=with_team, user=teammate)
    team_remove(project=with_team, by=carrier, member=member)
    assert not is_team_member(user=teammate, project=with_team)
    assert (
        Notification.objects.filter(user=teammate)
        .latest("pk")
        .title.startswith("Vous ne faites plus partie")
    )


def test_member_cannot_remove_another(with_team, teammate, carrier):
    member = ProjectMember.objects.get(project=with_team, user=carrier)
    with pytest.raises(PermissionDeniedError):
        team_remove(project=with_team, by=teammate, member=member)
    assert is_carrier(user=carrier, project=with_team)


def test_the_last_carrier_can_neither_leave_nor_be_removed(project, carrier, admin):
    member = ProjectMember.objects.get(project=project, user=carrier)
    with pytest.raises(TeamError):
        team_leave(project=project, user=carrier)
    with pytest.raises(TeamError):
        team_remove(project=project, by=admin, member=member)
    assert is_carrier(user=carrier, project=project)


def test_a_carrier_leaves_once_another_carries(with_team, carrier, teammate):
    team_promote(project=with_team, by=carrier, member=ProjectMember.objects.get(user=teammate))
    team_leave(project=with_team, user=carrier)
    assert _roles(with_team) == [("equipier@apt.test", MemberRole.CARRIER)]


def test_a_member_leaves(with_team, teammate):
    team_leave(project=with_team, user=teammate)
    assert not is_team_member(user=teammate, project=with_team)


def test_leaving_needs_to_be_in_the_team(project, member):
    with pytest.raises(PermissionDeniedError):
        team_leave(project=project, user=member)
    assert ProjectMember.objects.filter(project=project).count() == 1
