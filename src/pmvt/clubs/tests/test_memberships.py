"""Joining, leaving, and the club moderators' decisions on memberships."""

import pytest
from django.db import IntegrityError, transaction

from pmvt.clubs.models import ClubMembership, MembershipRole, MembershipStatus
from pmvt.clubs.services.memberships import (
    club_join,
    club_leave,
    membership_approve,
    membership_refuse,
    membership_remove,
    membership_set_role,
)
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.models import Notification

from .conftest import forget


def notifications(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind="club").order_by("pk"))


def test_joining_an_open_club_makes_an_active_member_at_once(open_club, member):
    membership = club_join(club=open_club, user=member)
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.role == MembershipRole.MEMBER
    assert membership.territory == open_club.territory
    assert notifications(member) == []


def test_joining_a_club_on_approval_waits_and_tells_its_moderators(
    actors_club, join, make_actor_staff, territory, actor_staff
):
    animator = make_actor_staff(territory, email="animateur@apt.test")
    join(actors_club, animator, moderator=True)
    Notification.objects.filter(user=animator).delete()

    membership = club_join(club=actors_club, user=actor_staff)

    assert membership.status == MembershipStatus.PENDING
    (notice,) = notifications(animator)
    assert notice.title == "Demande d'adhésion au Club des acteurs"
    assert notice.url == "/t/pays-dapt-luberon/valeurs/clubs/club-des-acteurs/demandes/"


def test_without_club_moderators_the_territory_moderators_hear_of_requests(
    actors_club, actor_staff, moderator, admin, member
):
    club_join(club=actors_club, user=actor_staff)
    assert len(notifications(moderator)) == 1
    assert len(notifications(admin)) == 1
    assert notifications(member) == []


def test_a_second_current_membership_is_refused(open_club, member):
    club_join(club=open_club, user=member)
    forget(member)
    with pytest.raises(PermissionDeniedError):
        club_join(club=open_club, user=member)
    # The database holds the line too (two concurrent clicks).
    with pytest.raises(IntegrityError), transaction.atomic():
        ClubMembership.objects.create(
            territory=open_club.territory, club=open_club, user=member, status="pending"
        )
    assert ClubMembership.objects.filter(club=open_club, user=member).count() == 1


def test_leaving_then_joining_again_keeps_the_history(open_club, member):
    club_join(club=open_club, user=member)
    left = club_leave(club=open_club, user=member)
    assert left.status == MembershipStatus.LEFT
    assert left.decided_by == member
    again = club_join(club=open_club, user=member)
    assert again.status == MembershipStatus.ACTIVE
    assert list(
        ClubMembership.objects.filter(club=open_club, user=member)
        .order_by("pk")
        .values_list("status", flat=True)
    ) == ["left", "active"]


def test_withdrawing_a_pending_request(actors_club, actor_staff):
    club_join(club=actors_club, user=actor_staff)
    assert club_leave(club=actors_club, user=actor_staff).status == MembershipStatus.LEFT


def test_approving_a_request_tells_the_member(actors_club, actor_staff, moderator):
    membership = club_join(club=actors_club, user=actor_staff)
    approved = membership_approve(membership=membership, by=moderator)
    assert approved.status == MembershipStatus.ACTIVE
    assert approved.decided_by == moderator
    assert approved.decided_at is not None
    (notice,) = notifications(actor_staff)
    assert notice.title == "Bienvenue au Club des acteurs"
    with pytest.raises(ApplicationError):
        membership_approve(membership=approved, by=moderator)


def test_refusing_a_request_with_a_reason(actors_club, actor_staff, moderator):
    membership = club_join(club=actors_club, user=actor_staff)
    refused = membership_refuse(membership=membership, by=moderator, reason="Club complet.")
    assert refused.status == MembershipStatus.REFUSED
    assert refused.reason == "Club complet."
    (notice,) = notifications(actor_staff)
    assert "Club complet." in notice.body


def test_a_plain_member_cannot_decide(actors_club, join, actor_staff, make_actor_staff, territory):
    other = make_actor_staff(territory)
    join(actors_club, other)
    membership = club_join(club=actors_club, user=actor_staff)
    with pytest.raises(PermissionDeniedError):
        membership_approve(membership=membership, by=other)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_removing_a_member_needs_a_reason_and_tells_them(open_club, join, member, moderator):
    membership = join(open_club, member)
    with pytest.raises(ApplicationError) as caught:
        membership_remove(membership=membership, by=moderator, reason="  ")
    assert caught.value.field == "reason"  # type: ignore[attr-defined]
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE

    removed = membership_remove(
        membership=membership, by=moderator, reason="Messages publicitaires répétés."
    )

    assert removed.status == MembershipStatus.REMOVED
    (notice,) = notifications(member)
    assert notice.title == "Vous avez été retiré du Club citoyens–acteurs"
    assert "Messages publicitaires répétés." in notice.body


def test_a_club_moderator_names_another_moderator(open_club, join, member, make_member, territory):
    animator = make_member(territory, email="animatrice@apt.test")
    join(open_club, animator, moderator=True)
    membership = join(open_club, member)
    promoted = membership_set_role(membership=membership, by=animator, role="moderator")
    assert promoted.role == MembershipRole.MODERATOR
    with pytest.raises(ApplicationError):
        membership_set_role(membership=membership, by=animator, role="chef")
