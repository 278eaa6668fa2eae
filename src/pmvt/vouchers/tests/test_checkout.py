"""The API the marketplace checkout calls (pmvt.vouchers.checkout)."""

from decimal import Decimal

import pytest

from pmvt.actors.services.actors import actor_suspend
from pmvt.core.exceptions import ApplicationError
from pmvt.vouchers.checkout import (
    spendable_balance,
    vouchers_refund_order,
    vouchers_spend_for_order,
)
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.models import Campaign, LedgerTransaction, TransactionKind
from pmvt.vouchers.tests.conftest import assert_ledger_sound, balance, days, ledger_snapshot

pytestmark = pytest.mark.django_db
D = Decimal


def test_spendable_balance_counts_vouchers_the_actor_takes(
    campaign, shop, member, buy, make_actor, make_campaign, join
):
    first = buy(campaign, member)
    other = make_campaign("Printemps", issue_ends=days(10), spend_deadline=days(20))
    buy(other, member)
    assert spendable_balance(user=member, actor=shop) == D("30.00")  # Not in "Printemps".
    join(other, shop)
    assert spendable_balance(user=member, actor=shop) == D("60.00")
    assert spendable_balance(user=member, actor=make_actor("Épicerie")) == D("0")
    assert balance(first) == D("30.00")


def test_spend_for_order_takes_the_soonest_to_expire_first(
    campaign, shop, member, buy, make_campaign, join
):
    later = buy(campaign, member)  # Deadline in 60 days.
    sooner_campaign = make_campaign("Printemps", issue_ends=days(10), spend_deadline=days(20))
    join(sooner_campaign, shop)
    sooner = buy(sooner_campaign, member)
    spent = vouchers_spend_for_order(
        user=member, actor=shop, amount=D("40.00"), order_reference="A-1", idempotency_key="k1"
    )
    assert spent == D("40.00")
    assert (balance(sooner), balance(later)) == (D("0.00"), D("20.00"))
    # Retried with the same key: nothing more is spent.
    assert vouchers_spend_for_order(
        user=member, actor=shop, amount=D("40.00"), order_reference="A-1", idempotency_key="k1"
    ) == D("40.00")
    assert balance(later) == D("20.00")
    assert LedgerTransaction.objects.filter(kind=TransactionKind.SPEND).count() == 2
    assert_ledger_sound()


def test_spend_for_order_refuses_more_than_the_balance(campaign, shop, member, buy):
    buy(campaign, member)
    before = ledger_snapshot()
    with pytest.raises(ApplicationError) as error:
        vouchers_spend_for_order(
            user=member, actor=shop, amount=D("30.01"), order_reference="A-2", idempotency_key="k2"
        )
    assert error.value.code == VoucherErrorCode.INSUFFICIENT_BALANCE
    assert ledger_snapshot() == before


def test_spend_for_order_refused_at_a_suspended_actor_or_after_expiry(
    campaign, shop, member, buy, operator
):
    buy(campaign, member)
    Campaign.objects.filter(pk=campaign.pk).update(
        issue_starts=days(-30), issue_ends=days(-20), spend_deadline=days(-1)
    )
    assert spendable_balance(user=member, actor=shop) == D("0")
    with pytest.raises(ApplicationError):
        vouchers_spend_for_order(
            user=member, actor=shop, amount=D("5"), order_reference="A-3", idempotency_key="k3"
        )
    Campaign.objects.filter(pk=campaign.pk).update(spend_deadline=days(10), issue_ends=days(5))
    actor_suspend(actor=shop, by=operator, reason="Contrôle.")
    shop.refresh_from_db()
    assert spendable_balance(user=member, actor=shop) == D("0")


def test_refund_order_gives_everything_back_once(campaign, shop, member, buy):
    voucher = buy(campaign, member)
    vouchers_spend_for_order(
        user=member, actor=shop, amount=D("25"), order_reference="A-4", idempotency_key="k4"
    )
    assert vouchers_refund_order(order_reference="A-4", by=member) == D("25.00")
    assert vouchers_refund_order(order_reference="A-4", by=member) == D("25.00")
    assert balance(voucher) == D("30.00")
    assert LedgerTransaction.objects.filter(kind=TransactionKind.REVERSAL).count() == 1
    assert vouchers_refund_order(order_reference="inconnue", by=member) == D("0")
    assert_ledger_sound()
