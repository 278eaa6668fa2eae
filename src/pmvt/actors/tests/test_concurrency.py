"""Races proven with real threads on PostgreSQL (skipped on SQLite, which serialises writers)."""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind, ActorStaff, StaffRole
from pmvt.actors.services import actors as actor_services
from pmvt.actors.services.actors import actor_register
from pmvt.actors.services.staff import (
    actor_invite,
    actor_staff_add,
    actor_staff_set_role,
    invitation_accept,
)
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Commune

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread (own connection, own transaction), all at once.

    Returns what each call returned, or the ApplicationError it raised.
    """
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            with scopes_disabled():
                barrier.wait()
                results[index] = call()
        except ApplicationError as error:
            results[index] = error
        except Exception as error:  # pragma: no cover - shown in the assertion
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def slow_commit(monkeypatch, seconds: float = 0.3) -> None:
    """Keep each registration's transaction open a moment after its insert, so they overlap."""
    original = actor_services.membership_grant_actor_member

    def slow(**kwargs):
        membership = original(**kwargs)
        time.sleep(seconds)
        return membership

    monkeypatch.setattr(actor_services, "membership_grant_actor_member", slow)


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_two_owners_demoting_each_other_leave_one_owner(postgresql, actor, owner, make_user):
    partner = make_user("associe@fournil.test")
    actor_staff_add(actor=actor, user=partner, role=StaffRole.OWNER, by=owner)
    owner_staff = ActorStaff.objects.get(user=owner)
    partner_staff = ActorStaff.objects.get(user=partner)

    results = run_together(
        lambda: actor_staff_set_role(
            staff=ActorStaff.objects.get(pk=partner_staff.pk),
            role=StaffRole.MANAGER,
            by=fresh(owner),
        ),
        lambda: actor_staff_set_role(
            staff=ActorStaff.objects.get(pk=owner_staff.pk),
            role=StaffRole.MANAGER,
            by=fresh(partner),
        ),
    )

    failures = [r for r in results if isinstance(r, ApplicationError)]
    assert len(failures) == 1, results
    assert ActorStaff.objects.filter(actor=actor, role=StaffRole.OWNER).count() == 1


def test_an_invitation_opened_twice_at_once_adds_one_team_member(
    postgresql, actor, owner, make_user
):
    actor_invite(
        actor=actor,
        by=owner,
        email="vendeuse@fournil.test",
        role="staff",
        base_url="https://pmvt.example",
    )
    token = mail.outbox[-1].body.split("/invitation-equipe/")[1].split("/")[0]
    seller = make_user("vendeuse@fournil.test")

    results = run_together(
        lambda: invitation_accept(token=token, user=fresh(seller)),
        lambda: invitation_accept(token=token, user=fresh(seller)),
    )

    errors = [str(r.message) for r in results if isinstance(r, ApplicationError)]
    assert errors == ["Cette invitation a déjà été utilisée."], results
    assert ActorStaff.objects.filter(actor=actor, user=seller).count() == 1


def test_two_registrations_of_the_same_name_get_distinct_addresses(
    postgresql, territory, make_user, monkeypatch
):
    slow_commit(monkeypatch)
    commune = Commune.objects.get(territory=territory, insee_code="84003")
    users = [make_user(f"boulanger{n}@apt.test") for n in range(2)]

    def register(n: int) -> Callable[[], Actor]:
        return lambda: actor_register(
            territory=territory,
            by=fresh(users[n]),
            kind=ActorKind.BUSINESS,
            legal_name="Boulangerie du Cours",
            commune=commune,
            address="Cours Lauze-de-Perret",
            siret=fictitious_siret(500 + n),
            naf_code="10.71C",
            notify_admins=False,
        )

    results = run_together(register(0), register(1))

    assert all(isinstance(r, Actor) for r in results), results
    assert sorted(Actor.objects.values_list("slug", flat=True)) == [
        "boulangerie-du-cours",
        "boulangerie-du-cours-2",
    ]


def test_two_registrations_of_the_same_siret_keep_one(
    postgresql, territory, make_user, monkeypatch
):
    slow_commit(monkeypatch)
    commune = Commune.objects.get(territory=territory, insee_code="84003")
    users = [make_user(f"boulanger{n}@apt.test") for n in range(2)]

    def register(n: int) -> Callable[[], Actor]:
        return lambda: actor_register(
            territory=territory,
            by=fresh(users[n]),
            kind=ActorKind.BUSINESS,
            legal_name=f"Boulangerie {n}",
            commune=commune,
            address="Cours Lauze-de-Perret",
            siret=fictitious_siret(600),
            naf_code="10.71C",
            notify_admins=False,
        )

    results = run_together(register(0), register(1))

    errors = [r.code for r in results if isinstance(r, ApplicationError)]
    assert errors == ["siret_taken"], results
    assert Actor.objects.count() == 1
    assert ActorStaff.objects.count() == 1
