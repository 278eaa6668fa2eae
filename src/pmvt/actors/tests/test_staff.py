"""An actor's team: invitations by email, roles, the last owner."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from pmvt.accounts.models import Membership, Role
from pmvt.actors.models import ActorInvitation, ActorStaff, StaffRole
from pmvt.actors.services.staff import (
    actor_invite,
    actor_staff_add,
    actor_staff_remove,
    actor_staff_set_role,
    hash_token,
    invitation_accept,
    invitation_revoke,
)
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError

LINK = re.compile(r"https://pmvt\.example/t/pays-dapt-luberon/invitation-equipe/([\w-]+)/")


def invite(actor, owner, email="vendeuse@fournil.test", role=StaffRole.STAFF):
    return actor_invite(
        actor=actor, by=owner, email=email, role=role, base_url="https://pmvt.example/"
    )


def token_from_mail() -> str:
    match = LINK.search(str(mail.outbox[-1].body))
    assert match, mail.outbox[-1].body
    return match[1]


def roles(actor) -> list[tuple[str, str]]:
    return list(
        ActorStaff.objects.filter(actor=actor).order_by("pk").values_list("user__email", "role")
    )


def test_an_invitation_emails_a_link_valid_fourteen_days(
    actor, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(actor, owner, email=" Vendeuse@Fournil.TEST ")

    message = mail.outbox[0]
    assert message.to == ["vendeuse@fournil.test"]
    assert message.subject == (
        "[CC Pays d'Apt-Luberon] Invitation à rejoindre l'équipe de Boulangerie des Ocres"
    )
    assert "avec le rôle : Équipe" in message.body
    assert "valable 14 jours" in message.body
    token = token_from_mail()
    # Only a hash of the secret is stored.
    assert invitation.token == hash_token(token) != token
    assert invitation.expires_at == invitation.created_at + timedelta(days=14)


def test_accepting_an_invitation_adds_the_person_to_the_team(
    actor, owner, make_user, territory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(actor, owner, role=StaffRole.MANAGER)
    seller = make_user("vendeuse@fournil.test")

    staff = invitation_accept(token=token_from_mail(), user=seller)

    assert (staff.actor, staff.user, staff.role) == (actor, seller, StaffRole.MANAGER)
    assert ActorInvitation.objects.get().accepted_at is not None
    assert Membership.objects.get(user=seller, territory=territory).role == Role.ACTOR_MEMBER


def test_accepting_keeps_a_moderators_role(
    actor, owner, make_member, territory, django_capture_on_commit_callbacks
):
    moderator = make_member(territory, Role.MODERATOR, email="modo@fournil.test")
    with django_capture_on_commit_callbacks(execute=True):
        invite(actor, owner, email="modo@fournil.test")

    invitation_accept(token=token_from_mail(), user=moderator)

    assert Membership.objects.get(user=moderator, territory=territory).role == Role.MODERATOR


@pytest.mark.parametrize(
    ("case", "message"),
    [
        (
            "wrong_token",
            "Ce lien d'invitation n'est pas valide. Vérifiez qu'il est complet ou demandez "
            "une nouvelle invitation.",
        ),
        ("used", "Cette invitation a déjà été utilisée."),
        (
            "expired",
            "Cette invitation a expiré : demandez au ou à la responsable de vous en envoyer "
            "une nouvelle.",
        ),
        (
            "other_email",
            "Cette invitation a été envoyée à une autre adresse électronique. Connectez-vous "
            "avec le compte de cette adresse pour l'accepter.",
        ),
    ],
)
def test_refuses_invitations_that_cannot_be_used(
    actor, owner, make_user, case, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(actor, owner)
    token = token_from_mail()
    seller = make_user("vendeuse@fournil.test")
    if case == "used":
        invitation_accept(token=token, user=seller)
        ActorStaff.objects.filter(user=seller).delete()
    if case == "expired":
        ActorInvitation.objects.filter(pk=invitation.pk).update(
            created_at=timezone.now() - timedelta(days=14, seconds=1)
        )
    user = make_user("autre@exemple.test") if case == "other_email" else seller
    before = roles(actor)

    with pytest.raises(ApplicationError) as error:
        invitation_accept(token="faux" + token if case == "wrong_token" else token, user=user)

    assert str(error.value.message) == message
    assert roles(actor) == before


def test_refuses_a_second_pending_invitation_for_the_same_address(actor, owner):
    invite(actor, owner)

    with pytest.raises(ApplicationError) as error:
        invite(actor, owner)

    assert error.value.code == "invitation_pending"
    assert ActorInvitation.objects.count() == 1


def test_an_expired_invitation_does_not_block_a_new_one(actor, owner):
    first = invite(actor, owner)
    ActorInvitation.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )

    invite(actor, owner)

    assert ActorInvitation.objects.count() == 2


def test_refuses_to_invite_someone_already_in_the_team(actor, owner):
    with pytest.raises(ApplicationError) as error:
        invite(actor, owner, email=owner.email)

    assert str(error.value.message) == "Cette personne fait déjà partie de l'équipe."
    assert ActorInvitation.objects.count() == 0


def test_refuses_an_invalid_address_or_role(actor, owner):
    with pytest.raises(ApplicationError):
        invite(actor, owner, email="pas une adresse")
    with pytest.raises(ApplicationError):
        invite(actor, owner, role="patron")

    assert ActorInvitation.objects.count() == 0


@pytest.mark.parametrize("role", ["manager", "staff"])
def test_only_owners_invite(actor, owner, make_user, role):
    colleague = make_user(f"{role}@fournil.test")
    actor_staff_add(actor=actor, user=colleague, role=role, by=owner)

    with pytest.raises(PermissionDeniedError):
        invite(actor, colleague, email="copine@fournil.test")

    assert ActorInvitation.objects.count() == 0
    assert len(mail.outbox) == 0


def test_an_owner_revokes_a_pending_invitation(actor, owner):
    invitation = invite(actor, owner)

    invitation_revoke(invitation=invitation, by=owner)

    assert ActorInvitation.objects.count() == 0


# --- roles and removal ------------------------------------------------------------------------


def test_an_owner_changes_a_role(actor, owner, make_user):
    seller = make_user("vendeuse@fournil.test")
    staff = actor_staff_add(actor=actor, user=seller, role=StaffRole.STAFF, by=owner)

    actor_staff_set_role(staff=staff, role=StaffRole.MANAGER, by=owner)

    assert roles(actor) == [(owner.email, "owner"), ("vendeuse@fournil.test", "manager")]


def test_the_last_owner_cannot_step_down(actor, owner):
    staff = ActorStaff.objects.get(user=owner)

    with pytest.raises(ApplicationError) as error:
        actor_staff_set_role(staff=staff, role=StaffRole.MANAGER, by=owner)

    assert error.value.code == "last_owner"
    assert roles(actor) == [(owner.email, "owner")]


def test_the_last_owner_cannot_be_removed_nor_leave(actor, owner):
    with pytest.raises(ApplicationError) as error:
        actor_staff_remove(staff=ActorStaff.objects.get(user=owner), by=owner)

    assert str(error.value.message) == (
        "L'acteur doit garder au moins un ou une responsable : nommez-en un autre avant."
    )
    assert roles(actor) == [(owner.email, "owner")]


def test_with_a_second_owner_the_first_may_step_down(actor, owner, make_user):
    partner = make_user("associe@fournil.test")
    actor_staff_add(actor=actor, user=partner, role=StaffRole.OWNER, by=owner)

    actor_staff_set_role(
        staff=ActorStaff.objects.get(user=owner), role=StaffRole.MANAGER, by=partner
    )

    assert roles(actor) == [(owner.email, "manager"), (partner.email, "owner")]


def test_a_team_member_may_leave(actor, owner, make_user):
    seller = make_user("vendeuse@fournil.test")
    staff = actor_staff_add(actor=actor, user=seller, role=StaffRole.STAFF, by=owner)

    actor_staff_remove(staff=staff, by=seller)

    assert roles(actor) == [(owner.email, "owner")]


def test_a_manager_cannot_remove_a_colleague(actor, owner, make_user):
    manager = make_user("gerant@fournil.test")
    actor_staff_add(actor=actor, user=manager, role=StaffRole.MANAGER, by=owner)
    seller = make_user("vendeuse@fournil.test")
    staff = actor_staff_add(actor=actor, user=seller, role=StaffRole.STAFF, by=owner)

    with pytest.raises(PermissionDeniedError):
        actor_staff_remove(staff=staff, by=manager)

    assert len(roles(actor)) == 3


def test_refuses_to_add_someone_twice(actor, owner):
    with pytest.raises(ApplicationError) as error:
        actor_staff_add(actor=actor, user=owner, role=StaffRole.STAFF, by=owner)

    assert error.value.code == "already_staff"
