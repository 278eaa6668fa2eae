"""Overlapping requests racing to be accepted: exactly one wins, with real threads on
PostgreSQL; the exclusion constraint refuses an overlap even when the service is bypassed.
The SQLite path (one writer at a time) is checked sequentially."""

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django_scopes import scopes_disabled

from pmvt.assets.errors import AssetStateError, BookingOverlapError
from pmvt.assets.models import Booking, BookingStatus
from pmvt.assets.services.bookings import booking_accept, booking_request
from pmvt.assets.tests.conftest import in_days
from pmvt.core.exceptions import ApplicationError

RACERS = 12
ROUNDS = 3


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


def _requests(asset, people, *, base: int) -> list[Booking]:
    """One request per person, all overlapping (each shifted by an hour)."""
    return [
        booking_request(
            asset=asset,
            requester=person,
            starts_at=in_days(base) + timedelta(hours=n),
            ends_at=in_days(base + 2),
        )
        for n, person in enumerate(people)
    ]


@pytest.mark.django_db(transaction=True)
def test_racing_acceptances_leave_exactly_one_per_overlapping_set(
    postgres_only, territory, make_asset, make_member, owner
):
    asset = make_asset(territory, owner)
    people = [make_member(territory, email=f"course{n}@apt.test") for n in range(RACERS)]
    for round_number in range(ROUNDS):
        bookings = _requests(asset, people, base=3 + 5 * round_number)

        results = run_together(*[lambda b=b: booking_accept(booking=b, by=owner) for b in bookings])

        winners = [r for r in results if isinstance(r, Booking)]
        losers = [r for r in results if isinstance(r, ApplicationError)]
        assert (len(winners), len(losers)) == (1, RACERS - 1), results
        assert all(isinstance(r, AssetStateError | BookingOverlapError) for r in losers)
        ids = [b.pk for b in bookings]
        statuses = list(Booking.objects.filter(pk__in=ids).values_list("status", flat=True))
        assert statuses.count(BookingStatus.ACCEPTED) == 1
        assert statuses.count(BookingStatus.DECLINED) == RACERS - 1
    assert Booking.objects.filter(asset=asset, status=BookingStatus.ACCEPTED).count() == ROUNDS


@pytest.mark.django_db(transaction=True)
def test_database_refuses_overlapping_accepted_bookings(
    postgres_only, territory, make_asset, owner, requester, stranger
):
    asset = make_asset(territory, owner)
    first = booking_request(
        asset=asset, requester=requester, starts_at=in_days(3), ends_at=in_days(5)
    )
    second = booking_request(
        asset=asset, requester=stranger, starts_at=in_days(4), ends_at=in_days(6)
    )
    booking_accept(booking=first, by=owner)
    # Bypass the service, as a buggy caller would: the exclusion constraint says no.
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=second.pk).update(status=BookingStatus.ACCEPTED)
    assert Booking.objects.filter(status=BookingStatus.ACCEPTED).count() == 1
    # Back to back is allowed by the constraint too ([) ranges).
    third = booking_request(
        asset=asset, requester=stranger, starts_at=in_days(5), ends_at=in_days(7)
    )
    booking_accept(booking=third, by=owner)
    assert Booking.objects.filter(status=BookingStatus.ACCEPTED).count() == 2


@pytest.mark.django_db
def test_sqlite_path_second_acceptance_is_refused(territory, make_asset, owner, make_member):
    asset = make_asset(territory, owner)
    people = [make_member(territory, email=f"suite{n}@apt.test") for n in range(RACERS)]
    bookings = _requests(asset, people, base=3)
    booking_accept(booking=bookings[0], by=owner)
    for booking in bookings[1:]:
        with pytest.raises(AssetStateError):
            booking_accept(booking=booking, by=owner)
    # A request made to look pending again (the auto-decline bypassed) still meets the check.
    Booking.objects.filter(pk=bookings[1].pk).update(status=BookingStatus.REQUESTED)
    with pytest.raises(BookingOverlapError) as error:
        booking_accept(booking=bookings[1], by=owner)
    assert str(error.value.message) == "Le bien est déjà réservé sur cette période."
    statuses = list(Booking.objects.values_list("status", flat=True))
    assert statuses.count(BookingStatus.ACCEPTED) == 1
