"""Races proven with real threads on PostgreSQL: each thread has its own connection.

A spend locks the voucher's account (SELECT … FOR UPDATE) and reads its balance under the
lock; an issue locks the campaign's funding account first. So two devices spending the same
balance, or twenty agents issuing from the last of a budget, end with exactly the possible
operations done and the others refused with a clear message.
"""

import threading
import uuid
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection
from django_scopes import scopes_disabled

from pmvt.core.exceptions import ApplicationError
from pmvt.vouchers.checkout import vouchers_spend_for_order
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.ledger import last_balance
from pmvt.vouchers.models import (
    AccountKind,
    Campaign,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
    Voucher,
)
from pmvt.vouchers.services.campaigns import campaign_account
from pmvt.vouchers.services.issuing import PaymentMethod, voucher_purchase_record
from pmvt.vouchers.services.spending import voucher_spend
from pmvt.vouchers.tests.conftest import assert_ledger_sound, owner_of

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 20
D = Decimal


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


def _spend(voucher_id: int, actor, amount: str, key: str | None = None) -> Callable[[], object]:
    def work() -> object:
        voucher = Voucher.objects.select_related("campaign", "territory", "account").get(
            pk=voucher_id
        )
        return voucher_spend(
            voucher=voucher,
            actor=actor,
            amount=D(amount),
            by=owner_of(actor),
            idempotency_key=key or uuid.uuid4().hex,
        )

    return work


def _outcomes(results: list[object]) -> tuple[list[object], list[ApplicationError]]:
    done = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(done) + len(refused) == len(results), [
        r for r in results if isinstance(r, Exception) and not isinstance(r, ApplicationError)
    ]
    return done, refused


def test_two_devices_spending_the_same_balance_one_succeeds(postgres_only, voucher, shop):
    results = race([_spend(voucher.pk, shop, "20.00"), _spend(voucher.pk, shop, "20.00")])
    done, refused = _outcomes(results)
    assert len(done) == 1
    assert [e.code for e in refused] == [VoucherErrorCode.INSUFFICIENT_BALANCE]
    assert last_balance(voucher.account) == D("10.00")
    assert_ledger_sound()


def test_twenty_spends_of_one_balance_spend_exactly_what_it_holds(postgres_only, voucher, shop):
    results = race([_spend(voucher.pk, shop, "4.00") for _n in range(THREADS)])
    done, refused = _outcomes(results)
    assert len(done) == 7  # 7 × 4 € = 28 € of the 30 €.
    assert {e.code for e in refused} == {VoucherErrorCode.INSUFFICIENT_BALANCE}
    assert last_balance(voucher.account) == D("2.00")
    assert not LedgerEntry.objects.filter(balance_after__lt=0).exists()
    assert_ledger_sound()


def test_a_double_submitted_spend_is_one_spend(postgres_only, voucher, shop):
    same = uuid.uuid4().hex
    results = race([_spend(voucher.pk, shop, "5.00", key=same) for _n in range(THREADS)])
    done, refused = _outcomes(results)
    assert refused == []
    assert len({t.pk for t in done}) == 1  # type: ignore[attr-defined]
    assert LedgerTransaction.objects.filter(kind=TransactionKind.SPEND).count() == 1
    assert last_balance(voucher.account) == D("25.00")


def _purchase(campaign_id: int, holder, admin, key: str | None = None) -> Callable[[], object]:
    def work() -> object:
        campaign = Campaign.objects.select_related("territory").get(pk=campaign_id)
        return voucher_purchase_record(
            campaign=campaign,
            holder=holder,
            units=1,
            payment_method=PaymentMethod.COUNTER,
            by=admin,
            idempotency_key=key or uuid.uuid4().hex,
        )

    return work


def test_concurrent_issues_never_exceed_the_budget(
    postgres_only, make_campaign, make_member, territory, admin
):
    campaign = make_campaign(budget=D("50.00"))  # 5 top-ups of 10 €.
    members = [make_member(territory) for _n in range(THREADS)]
    results = race([_purchase(campaign.pk, m, admin) for m in members])
    done, refused = _outcomes(results)
    assert len(done) == 5
    assert {e.code for e in refused} == {VoucherErrorCode.BUDGET_EXHAUSTED}
    assert last_balance(campaign_account(campaign, AccountKind.FUNDING)) == D("0.00")
    assert Voucher.objects.count() == 5
    assert_ledger_sound()


def test_concurrent_issues_never_exceed_the_per_person_cap(
    postgres_only, make_campaign, member, admin
):
    campaign = make_campaign(budget=D("1000.00"), per_person_cap=D("90.00"))  # 3 vouchers.
    results = race([_purchase(campaign.pk, member, admin) for _n in range(THREADS)])
    done, refused = _outcomes(results)
    assert len(done) == 3
    assert {e.code for e in refused} == {VoucherErrorCode.CAP_REACHED}
    assert Voucher.objects.filter(holder=member).count() == 3


def test_a_double_submitted_purchase_is_one_voucher(postgres_only, campaign, member, admin):
    same = uuid.uuid4().hex
    results = race([_purchase(campaign.pk, member, admin, key=same) for _n in range(5)])
    _done, refused = _outcomes(results)
    assert refused == []
    assert Voucher.objects.count() == 1


def test_checkout_and_shop_spends_of_one_balance_never_overspend(
    postgres_only, voucher, shop, member
):
    def checkout(n: int) -> Callable[[], object]:
        def work() -> object:
            return vouchers_spend_for_order(
                user=member,
                actor=shop,
                amount=D("4.00"),
                order_reference=f"CMD-{n}",
                idempotency_key=uuid.uuid4().hex,
            )

        return work

    workers: list[Callable[[], object]] = []
    for n in range(THREADS // 2):
        workers += [checkout(n), _spend(voucher.pk, shop, "4.00")]
    done, refused = _outcomes(race(workers))
    assert len(done) == 7
    assert {e.code for e in refused} == {VoucherErrorCode.INSUFFICIENT_BALANCE}
    assert last_balance(voucher.account) == D("2.00")
    assert_ledger_sound()
