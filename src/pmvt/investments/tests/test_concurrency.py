"""Races on pledges, proven with real threads on PostgreSQL.

Each pledge locks its call's row first (SELECT … FOR UPDATE): concurrent pledges run one after
the other, a double submit of the same member changes one pledge instead of failing on the
unique constraint, and no pledge slips in after the holder closed the call. Totals are derived
from the pledges, so they equal the sum of what was recorded.
"""

import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection
from django_scopes import scopes_disabled

from pmvt.investments.models import CallStatus, Instrument, InvestmentCall, Pledge
from pmvt.investments.selectors import totals_of
from pmvt.investments.services.calls import call_close
from pmvt.investments.services.pledges import pledge_set
from pmvt.investments.tests.conftest import owner_of

MEMBERS = 12

pytestmark = pytest.mark.django_db(transaction=True)


def race(workers: list[Callable[[], object]]) -> list[object]:
    """Run the callables in threads that start together; return results or exceptions."""
    barrier = threading.Barrier(len(workers))
    results: list[object] = [None] * len(workers)

    def run(index: int, work: Callable[[], object]) -> None:
        try:
            with scopes_disabled():
                barrier.wait()
                results[index] = work()
        except Exception as error:  # The test inspects every outcome.
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return results


def pledge_of(call_id: int, user, amount: str) -> Callable[[], object]:
    def work() -> object:
        call = InvestmentCall.objects.select_related("territory", "actor").get(pk=call_id)
        return pledge_set(
            call=call,
            user=user,
            amount=Decimal(amount),
            instrument=Instrument.LOAN,
            consent_contact=True,
        )

    return work


def test_concurrent_pledges_are_all_counted_exactly(
    postgres_only, make_call, bakery, make_member, territory
):
    call = make_call(bakery, amount_sought=Decimal("100000.00"))
    members = [make_member(territory) for _ in range(MEMBERS)]

    results = race([pledge_of(call.pk, m, f"{10 + n}.01") for n, m in enumerate(members)])

    assert all(isinstance(r, Pledge) for r in results), results
    totals = totals_of(call)
    expected = sum(Decimal(f"{10 + n}.01") for n in range(MEMBERS))
    assert (totals.pledged, totals.pledgers) == (expected, MEMBERS)


def test_a_double_submit_leaves_one_pledge(postgres_only, make_call, bakery, member):
    call = make_call(bakery)

    results = race([pledge_of(call.pk, member, "100"), pledge_of(call.pk, member, "200")])

    assert all(isinstance(r, Pledge) for r in results), results
    assert Pledge.objects.filter(call=call, user=member).count() == 1
    assert Pledge.objects.get(call=call, user=member).amount in {Decimal("100"), Decimal("200")}


def test_no_pledge_slips_in_after_the_call_is_closed(
    postgres_only, make_call, bakery, make_member, territory
):
    call = make_call(bakery)
    members = [make_member(territory) for _ in range(6)]

    def close() -> object:
        fresh = InvestmentCall.objects.select_related("territory", "actor").get(pk=call.pk)
        return call_close(call=fresh, by=owner_of(bakery))

    results = race([close, *[pledge_of(call.pk, m, "50") for m in members]])

    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    closed_at = call.closed_at
    assert closed_at is not None
    recorded = [r for r in results[1:] if isinstance(r, Pledge)]
    # Every recorded pledge was written before the close took the lock.
    assert all(p.created_at <= closed_at for p in recorded)
    assert Pledge.objects.filter(call=call).count() == len(recorded)
