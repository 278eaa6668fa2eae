"""Races proven with real threads on PostgreSQL (skipped on SQLite, which serialises writers)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.ideas.models import Idea, Support
from pmvt.ideas.services.participation import idea_support, idea_support_withdraw

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql(db) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def run_together(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread (own connection, own transaction), all at once."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            with scopes_disabled():
                barrier.wait()
                results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def fresh_idea(idea: Idea) -> Idea:
    return Idea.objects.select_related("campaign__territory", "territory").get(pk=idea.pk)


def test_one_member_supporting_four_times_at_once_counts_once(
    postgresql, campaign, make_idea, admin, member
):
    idea = make_idea(campaign, admin)
    results = run_together(
        *[
            lambda: idea_support(idea=fresh_idea(idea), user=User.objects.get(pk=member.pk))
            for _ in range(4)
        ]
    )
    assert not [r for r in results if not isinstance(r, Support | ApplicationError)], results
    assert Support.objects.filter(idea=idea).count() == 1
    assert fresh_idea(idea).support_count == 1


def test_many_members_supporting_at_once_are_all_counted(
    postgresql, campaign, make_idea, admin, make_member, territory
):
    idea = make_idea(campaign, admin)
    users = [make_member(territory, email=f"soutien-{n}@apt.test") for n in range(6)]
    results = run_together(
        *[lambda user=user: idea_support(idea=fresh_idea(idea), user=user) for user in users]
    )
    assert all(isinstance(r, Support) for r in results), results
    assert fresh_idea(idea).support_count == 6


def test_withdrawing_twice_at_once_withdraws_once(postgresql, campaign, make_idea, admin, member):
    idea = make_idea(campaign, admin)
    idea_support(idea=idea, user=member)
    results = run_together(
        *[
            lambda: idea_support_withdraw(
                idea=fresh_idea(idea), user=User.objects.get(pk=member.pk)
            )
            for _ in range(3)
        ]
    )
    assert not [r for r in results if r is not None and not isinstance(r, ApplicationError)]
    assert fresh_idea(idea).support_count == 0
    assert not Support.objects.exists()
