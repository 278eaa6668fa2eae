"""Twenty people racing for the last places of a date, with real threads on PostgreSQL
(skipped on SQLite, which serialises writers)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from pmvt.core.exceptions import ApplicationError
from pmvt.core.seats import SeatStatus
from pmvt.volunteering.models import Session, Signup
from pmvt.volunteering.services.signups import signup_cancel, signup_create
from pmvt.volunteering.tests.conftest import first_session

pytestmark = pytest.mark.django_db(transaction=True)
RACERS = 20


def run_together(*calls: Callable[[], Any]) -> list[Any]:
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
        thread.join(timeout=60)
    return results


def test_twenty_people_racing_for_three_places_never_overbook(
    postgres_only, make_mission, make_member, territory
):
    session = first_session(make_mission(capacity=3))
    people = [make_member(territory, email=f"course{n}@apt.test") for n in range(RACERS)]

    results = run_together(
        *[lambda p=p: signup_create(session=session, user=p, send_email=False) for p in people]
    )

    assert all(isinstance(r, Signup) for r in results), results
    session.refresh_from_db()
    confirmed = Signup.objects.filter(session=session, status=SeatStatus.CONFIRMED)
    waiting = Signup.objects.filter(session=session, status=SeatStatus.WAITING)
    assert (confirmed.count(), waiting.count()) == (3, RACERS - 3)
    assert (session.confirmed_count, session.waiting_count) == (3, RACERS - 3)
    # The waiting list is in the order the seats were taken under the lock.
    ordered = list(waiting.order_by("created_at", "pk").values_list("pk", flat=True))
    assert ordered == sorted(ordered)


def test_the_same_person_clicking_twice_gets_one_place(postgres_only, make_mission, member):
    session = first_session(make_mission(capacity=5))

    results = run_together(
        *[lambda: signup_create(session=session, user=member, send_email=False)] * 2
    )

    assert sum(isinstance(r, Signup) for r in results) == 1
    assert sum(isinstance(r, ApplicationError) for r in results) == 1
    assert Signup.objects.filter(session=session, user=member).count() == 1


def test_cancellations_racing_with_sign_ups_keep_the_counts_right(
    postgres_only, make_mission, make_member, territory
):
    session = first_session(make_mission(capacity=2))
    holders = [make_member(territory, email=f"titulaire{n}@apt.test") for n in range(2)]
    for person in holders:
        signup_create(session=session, user=person, send_email=False)
    newcomers = [make_member(territory, email=f"nouveau{n}@apt.test") for n in range(10)]

    run_together(
        *[lambda p=p: signup_cancel(session=session, user=p) for p in holders],
        *[lambda p=p: signup_create(session=session, user=p, send_email=False) for p in newcomers],
    )

    session = Session.objects.get(pk=session.pk)
    confirmed = Signup.objects.filter(session=session, status=SeatStatus.CONFIRMED).count()
    waiting = Signup.objects.filter(session=session, status=SeatStatus.WAITING).count()
    assert confirmed == 2
    assert waiting == 8
    assert (session.confirmed_count, session.waiting_count) == (confirmed, waiting)
