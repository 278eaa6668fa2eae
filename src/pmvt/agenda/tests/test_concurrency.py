"""The last seat raced for by real threads on PostgreSQL (skipped on SQLite, which serialises
writers)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from pmvt.agenda.models import Occurrence, Registration
from pmvt.agenda.services.registrations import registration_create
from pmvt.core.exceptions import ApplicationError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


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
        thread.join(timeout=30)
    return results


@pytest.fixture
def postgresql(db) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def test_people_racing_for_the_last_seat_get_one_seat(
    postgresql, make_event, make_member, territory
):
    event = make_event(registration_enabled=True, capacity=1)
    occurrence = Occurrence.objects.get(event=event)
    people = [make_member(territory, email=f"course{n}@apt.test") for n in range(4)]
    results = run_together(
        *[lambda p=p: registration_create(occurrence=occurrence, user=p) for p in people]
    )
    assert sum(isinstance(r, Registration) for r in results) == 1
    assert all(isinstance(r, (Registration, ApplicationError)) for r in results)
    occurrence.refresh_from_db()
    assert occurrence.confirmed_count == 1
    assert Registration.objects.filter(occurrence=occurrence, status="confirmed").count() == 1
