"""Who opens, facilitates, sees and takes part in a workshop: allow and deny."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.accounts.models import Role
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.projects.models import MemberRole, ProjectMember
from pmvt.projects.services.projects import project_create_draft
from pmvt.workshops.access import (
    access_workshop_as_facilitator,
    access_workshop_as_participant,
    access_workshops_as_facilitator,
    can_view_workshop,
)
from pmvt.workshops.errors import WorkshopFieldError
from pmvt.workshops.models import Phase, Workshop
from pmvt.workshops.services.participation import participant_join
from pmvt.workshops.services.workshops import workshop_create
from pmvt.workshops.tests.conftest import workshop_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def carrier(make_member, territory):
    user = make_member(territory, email="porteuse@apt.test")
    project = project_create_draft(
        territory=territory, by=user, title="Épicerie coopérative", description="Un lieu."
    )
    return user, project


def test_admin_and_project_carrier_may_open_a_workshop(territory, admin, carrier, operator):
    access_workshops_as_facilitator(user=admin, territory=territory)
    access_workshops_as_facilitator(user=carrier[0], territory=territory)
    access_workshops_as_facilitator(user=operator, territory=territory)


@pytest.mark.parametrize("who", ["anonymous", "member", "moderator", "other_admin", "team_member"])
def test_others_may_not_open_a_workshop(who, request, territory, make_member, carrier):
    if who == "anonymous":
        user = AnonymousUser()
    elif who == "team_member":
        user = make_member(territory, email="equipe@apt.test")
        ProjectMember.objects.create(project=carrier[1], user=user, role=MemberRole.MEMBER)
    else:
        user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        access_workshops_as_facilitator(user=user, territory=territory)
    with pytest.raises(PermissionDeniedError):
        workshop_create(territory=territory, by=user, data=workshop_data(territory))  # type: ignore[arg-type]
    assert Workshop.objects.count() == 0


def test_a_carrier_links_only_their_own_project(territory, carrier, make_member):
    user, project = carrier
    workshop = workshop_create(
        territory=territory, by=user, data=workshop_data(territory, project=project)
    )
    assert workshop.project == project and workshop.facilitator == user

    someone = make_member(territory, email="autre@apt.test")
    other = project_create_draft(territory=territory, by=someone, title="Autre", description="x")
    with pytest.raises(WorkshopFieldError) as error:
        workshop_create(territory=territory, by=user, data=workshop_data(territory, project=other))
    assert error.value.field == "project"
    assert Workshop.objects.count() == 1


def test_facilitators_of_a_workshop(
    make_workshop, facilitator, admin, member, carrier, other_admin
):
    workshop = make_workshop()
    access_workshop_as_facilitator(user=facilitator, workshop=workshop)
    access_workshop_as_facilitator(user=admin, workshop=workshop)
    for user in (member, carrier[0], other_admin, AnonymousUser()):
        with pytest.raises(PermissionDeniedError):
            access_workshop_as_facilitator(user=user, workshop=workshop)


def test_carriers_of_the_linked_project_facilitate(territory, admin, carrier):
    user, project = carrier
    workshop = workshop_create(
        territory=territory, by=admin, data=workshop_data(territory, project=project)
    )
    access_workshop_as_facilitator(user=user, workshop=workshop)


def test_a_draft_is_seen_by_its_facilitators_only(make_workshop, facilitator, member):
    workshop = make_workshop()
    assert can_view_workshop(user=facilitator, workshop=workshop)
    assert not can_view_workshop(user=member, workshop=workshop)
    assert not can_view_workshop(user=AnonymousUser(), workshop=workshop)
    opened = make_workshop(phase=Phase.CONTRIBUTIONS, title="Ouvert")
    assert can_view_workshop(user=AnonymousUser(), workshop=opened)


def test_members_take_part_in_an_open_workshop(
    make_workshop, member, other_admin, make_member, territory
):
    workshop = make_workshop(phase=Phase.CONTRIBUTIONS)
    participant = participant_join(workshop=workshop, user=member)
    assert participant_join(workshop=workshop, user=member) == participant
    actor = make_member(territory, Role.ACTOR_MEMBER)
    access_workshop_as_participant(user=actor, workshop=workshop)
    for user in (other_admin, AnonymousUser()):
        with pytest.raises(PermissionDeniedError):
            participant_join(workshop=workshop, user=user)  # type: ignore[arg-type]
    assert workshop.participants.count() == 1


@pytest.mark.parametrize("phase", [Phase.DRAFT, Phase.CLOSED])
def test_nobody_joins_a_draft_or_closed_workshop(phase, make_workshop, member, facilitator):
    workshop = make_workshop()
    if phase == Phase.CLOSED:
        workshop.phase = Phase.CLOSED
        workshop.save(update_fields=["phase"])
    with pytest.raises(PermissionDeniedError):
        participant_join(workshop=workshop, user=member)
    assert workshop.participants.count() == 0
