"""The verification workflow: pending → verified → suspended → reinstated."""

import pytest
from django.core import mail

from pmvt.actors.models import Actor, ActorStatus
from pmvt.actors.services.actors import actor_reinstate, actor_suspend, actor_verify
from pmvt.actors.services.staff import actor_staff_add
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.models import Notification


@pytest.fixture
def pending(make_actor, owner):
    return make_actor("Boulangerie des Ocres", owner=owner, verified=False)


def test_an_admin_verifies_a_pending_actor_and_its_team_is_told(
    pending, admin, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actor_verify(actor=pending, by=admin)

    stored = Actor.objects.get(pk=pending.pk)
    assert stored.status == ActorStatus.VERIFIED
    assert stored.verified_at is not None
    assert pending.status == ActorStatus.VERIFIED
    note = Notification.objects.get(user=owner)
    assert note.title == "Votre page est publiée : Boulangerie des Ocres"
    assert note.url == "/t/pays-dapt-luberon/espace-pro/boulangerie-des-ocres/"
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_suspension_needs_a_reason_and_changes_nothing_without_one(actor, admin):
    with pytest.raises(ApplicationError) as error:
        actor_suspend(actor=actor, by=admin, reason="   ")

    assert str(error.value.message) == (
        "Indiquez le motif de la suspension : il est envoyé à l'équipe de l'acteur."
    )
    assert Actor.objects.get(pk=actor.pk).status == ActorStatus.VERIFIED


def test_suspension_tells_every_team_member_why(actor, admin, owner, make_user):
    helper = make_user("vendeuse@fournil.test")
    actor_staff_add(actor=actor, user=helper, role="staff", by=owner)

    actor_suspend(actor=actor, by=admin, reason="SIRET radié du répertoire Sirene.")

    stored = Actor.objects.get(pk=actor.pk)
    assert (stored.status, stored.status_reason) == (
        ActorStatus.SUSPENDED,
        "SIRET radié du répertoire Sirene.",
    )
    notes = Notification.objects.filter(kind="actor_suspended").order_by("user_id")
    assert [n.user for n in notes] == [owner, helper]
    assert notes[0].body == (
        "Le territoire a suspendu Boulangerie des Ocres : sa page n'est plus visible et la "
        "vente est arrêtée. Motif : SIRET radié du répertoire Sirene."
    )


def test_a_pending_application_may_be_refused_by_suspending_it(pending, admin):
    actor_suspend(actor=pending, by=admin, reason="Activité hors du territoire.")

    assert Actor.objects.get(pk=pending.pk).status == ActorStatus.SUSPENDED


def test_reinstating_makes_the_actor_verified_again_and_clears_the_reason(actor, admin):
    actor_suspend(actor=actor, by=admin, reason="Contrôle en cours.")

    actor_reinstate(actor=actor, by=admin)

    stored = Actor.objects.get(pk=actor.pk)
    assert (stored.status, stored.status_reason) == (ActorStatus.VERIFIED, "")


def test_reinstating_a_refused_application_verifies_it(pending, admin):
    actor_suspend(actor=pending, by=admin, reason="Pièce manquante.")

    actor_reinstate(actor=pending, by=admin)

    stored = Actor.objects.get(pk=pending.pk)
    assert stored.status == ActorStatus.VERIFIED
    assert stored.verified_at is not None


@pytest.mark.parametrize(
    ("transition", "start", "message"),
    [
        ("verify", "verified", "Seul un acteur en attente de vérification peut être vérifié."),
        ("verify", "suspended", "Seul un acteur en attente de vérification peut être vérifié."),
        ("suspend", "suspended", "Cet acteur est déjà suspendu."),
        ("reinstate", "pending", "Seul un acteur suspendu peut être rétabli."),
        ("reinstate", "verified", "Seul un acteur suspendu peut être rétabli."),
    ],
)
def test_refuses_invalid_transitions(make_actor, admin, transition, start, message):
    actor = make_actor(verified=start != "pending")
    if start == "suspended":
        actor_suspend(actor=actor, by=admin, reason="Motif.")
    calls = {
        "verify": lambda: actor_verify(actor=actor, by=admin),
        "suspend": lambda: actor_suspend(actor=actor, by=admin, reason="Encore."),
        "reinstate": lambda: actor_reinstate(actor=actor, by=admin),
    }

    with pytest.raises(ApplicationError) as error:
        calls[transition]()

    assert str(error.value.message) == message
    assert error.value.code == "invalid_transition"
    assert Actor.objects.get(pk=actor.pk).status == start


@pytest.mark.parametrize("who", ["member", "moderator", "owner", "other_admin"])
def test_only_the_territorys_admins_verify(request, pending, who):
    user = request.getfixturevalue(who)

    with pytest.raises(PermissionDeniedError):
        actor_verify(actor=pending, by=user)

    assert Actor.objects.get(pk=pending.pk).status == ActorStatus.PENDING


def test_the_operator_may_verify(pending, operator):
    actor_verify(actor=pending, by=operator)

    assert Actor.objects.get(pk=pending.pk).status == ActorStatus.VERIFIED
