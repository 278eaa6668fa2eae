"""Twenty people racing for the last seats of a session, with real threads on PostgreSQL
(skipped on SQLite, which serialises writers)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from pmvt.activities.models import Registration, Session
from pmvt.activities.services.registrations import registration_cancel, registration_create
from pmvt.activities.tests.conftest import first_session
from pmvt.core.exceptions import ApplicationError
from pmvt.core.seats import SeatStatus

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
    postgres_only, make_activity, make_member, territory
):
    session = first_session(make_activity(capacity=3))
    people = [make_member(territory, email=f"course{n}@apt.test") for n in range(RACERS)]

    results = run_together(
        *[
            lambda p=p: registration_create(session=session, user=p, send_email=False)
            for p in people
        ]
    )

    assert all(isinstance(r, Registration) for r in results), results
    session.refresh_from_db()
    confirmed = Registration.objects.filter(session=session, status=SeatStatus.CONFIRMED)
    waiting = Registration.objects.filter(session=session, status=SeatStatus.WAITING)
    assert (confirmed.count(), waiting.count()) == (3, RACERS - 3)
    assert (session.confirmed_count, session.waiting_count) == (3, RACERS - 3)
    # The waiting list is in the order the seats were taken under the lock.
    ordered = list(waiting.order_by("created_at", "pk").values_list("pk", flat=True))
    assert ordered == sorted(ordered)


def test_the_same_person_clicking_twice_gets_one_place(postgres_only, make_activity, member):
    session = first_session(make_activity(capacity=5))

    results = run_together(
        *[lambda: registration_create(session=session, user=member, send_email=False)] * 2
    )

    assert sum(isinstance(r, Registration) for r in results) == 1
    assert sum(isinstance(r, ApplicationError) for r in results) == 1
    assert Registration.objects.filter(session=session, user=member).count() == 1


def test_cancellations_racing_with_sign_ups_keep_the_counts_right(
    postgres_only, make_activity, make_member, territory
):
    session = first_session(make_activity(capacity=2))
    holders = [make_member(territory, email=f"titulaire{n}@apt.test") for n in range(2)]
    seats = [registration_create(session=session, user=p, send_email=False) for p in holders]
    newcomers = [make_member(territory, email=f"nouveau{n}@apt.test") for n in range(10)]

    run_together(
        *[
            lambda p=p, r=r: registration_cancel(session=session, user=p, registration_id=r.pk)
            for p, r in zip(holders, seats, strict=True)
        ],
        *[
            lambda p=p: registration_create(session=session, user=p, send_email=False)
            for p in newcomers
        ],
    )

    session = Session.objects.get(pk=session.pk)
    confirmed = Registration.objects.filter(session=session, status=SeatStatus.CONFIRMED).count()
    waiting = Registration.objects.filter(session=session, status=SeatStatus.WAITING).count()
    assert confirmed == 2
    assert waiting == 8
    assert (session.confirmed_count, session.waiting_count) == (confirmed, waiting)
