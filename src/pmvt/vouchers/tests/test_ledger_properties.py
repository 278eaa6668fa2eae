"""Property test: whatever happens, the ledger stays balanced, positive, within budget.

Hypothesis draws a random sequence of operations — issue, spend, refund, reimburse, reverse,
expire, and invalid attempts — and runs it through the services. Each example runs inside a
savepoint rolled back at its end, so every example starts from the same campaign and people
(created once by the fixtures) and the examples stay fast.
"""

import uuid
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmvt.core.exceptions import ApplicationError
from pmvt.vouchers.ledger import last_balance, ledger_post, ledger_reverse
from pmvt.vouchers.models import (
    DEBIT_NORMAL,
    AccountKind,
    Campaign,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
    Voucher,
)
from pmvt.vouchers.services.campaigns import campaign_account
from pmvt.vouchers.services.issuing import PaymentMethod, voucher_purchase_record
from pmvt.vouchers.services.spending import (
    merchant_account,
    spend_refund,
    voucher_spend,
    vouchers_expire,
)
from pmvt.vouchers.tests.conftest import days, owner_of

pytestmark = pytest.mark.django_db

CENTS = st.integers(min_value=-500, max_value=4000)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("issue"), st.integers(0, 2), st.integers(0, 4)),
        st.tuples(st.just("spend"), st.integers(0, 5), CENTS, st.booleans()),
        st.tuples(
            st.just("bad_spend"), st.integers(0, 5), st.sampled_from(["1.005", "-2", "0", "x"])
        ),
        st.tuples(st.just("refund"), st.integers(0, 5), CENTS),
        st.tuples(st.just("reimburse"), CENTS),
        st.tuples(st.just("reverse"), st.integers(0, 5)),
        st.tuples(st.just("expire")),
    ),
    max_size=14,
)


class _Rollback(Exception):
    pass


def _snapshot() -> tuple[int, int]:
    return LedgerTransaction.objects.count(), LedgerEntry.objects.count()


def _check_invariants(campaign: Campaign) -> None:
    # Every transaction balances and has at least two lines.
    for posted in LedgerTransaction.objects.annotate(total=Sum("entries__amount")):
        assert posted.total == 0, posted
    # The whole ledger sums to zero.
    assert (LedgerEntry.objects.aggregate(t=Sum("amount"))["t"] or 0) == 0
    # No balance is ever negative, and each running balance matches the sum of its entries.
    assert not LedgerEntry.objects.filter(balance_after__lt=0).exists()
    for account in LedgerAccount.objects.all():
        total = account.entries.aggregate(t=Sum("amount"))["t"] or Decimal("0")
        expected = total if account.kind in DEBIT_NORMAL else -total
        assert last_balance(account) == expected
    # The budget is never exceeded: top-ups drawn = budget − funding left, within the budget.
    funding = last_balance(campaign_account(campaign, AccountKind.FUNDING))
    assert Decimal("0") <= funding <= campaign.budget
    issued = Voucher.objects.aggregate(v=Sum("issued_value"), p=Sum("paid_amount"))
    drawn = (issued["v"] or 0) - (issued["p"] or 0)
    # Expired value stays in `expired`: it does not refill the funding account.
    assert drawn == campaign.budget - funding
    # The per-person cap holds.
    for row in Voucher.objects.order_by().values("holder").annotate(total=Sum("issued_value")):
        assert row["total"] <= campaign.per_person_cap


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_any_sequence_of_operations_keeps_the_ledger_sound(
    operations, make_campaign, make_member, territory, make_actor, join, admin
):
    _run(operations, make_campaign, make_member, territory, make_actor, join, admin)


_world: dict = {}


def _setup(make_campaign, make_member, territory, make_actor, join) -> dict:
    # Hypothesis calls the test many times with the same fixtures: build the world once.
    if _world.get("territory") is not territory:
        campaign = make_campaign(budget=Decimal("50.00"), per_person_cap=Decimal("60.00"))
        shop = make_actor("Boulangerie des Ocres")
        join(campaign, shop)
        outsider = make_actor("Épicerie du Cours")
        members = [make_member(territory) for _n in range(3)]
        _world.clear()
        _world.update(
            territory=territory, campaign=campaign, shop=shop, outsider=outsider, members=members
        )
    return _world


def _run(operations, make_campaign, make_member, territory, make_actor, join, admin) -> None:
    world = _setup(make_campaign, make_member, territory, make_actor, join)
    campaign: Campaign = world["campaign"]
    shop, outsider = world["shop"], world["outsider"]
    try:
        with transaction.atomic():
            vouchers: list[Voucher] = []
            spends: list[LedgerTransaction] = []
            for operation in operations:
                before = _snapshot()
                name = operation[0]
                try:
                    if name == "issue":
                        _n, who, units = operation
                        voucher = voucher_purchase_record(
                            campaign=Campaign.objects.select_related("territory").get(
                                pk=campaign.pk
                            ),
                            holder=world["members"][who],
                            units=units,
                            payment_method=PaymentMethod.COUNTER,
                            by=admin,
                            idempotency_key=uuid.uuid4().hex,
                        )
                        vouchers.append(
                            Voucher.objects.select_related("campaign", "territory", "account").get(
                                pk=voucher.pk
                            )
                        )
                    elif name == "spend" and vouchers:
                        _n, index, cents, at_shop = operation
                        voucher = vouchers[index % len(vouchers)]
                        voucher.campaign.refresh_from_db()
                        spends.append(
                            voucher_spend(
                                voucher=voucher,
                                actor=shop if at_shop else outsider,
                                amount=Decimal(cents) / 100,
                                by=owner_of(shop),
                                idempotency_key=uuid.uuid4().hex,
                            )
                        )
                    elif name == "bad_spend" and vouchers:
                        _n, index, text = operation
                        with pytest.raises(ApplicationError):
                            voucher_spend(
                                voucher=vouchers[index % len(vouchers)],
                                actor=shop,
                                amount=text,
                                by=owner_of(shop),
                                idempotency_key=uuid.uuid4().hex,
                            )
                    elif name == "refund" and spends:
                        _n, index, cents = operation
                        spend_refund(
                            spend=spends[index % len(spends)],
                            actor=shop,
                            amount=Decimal(cents) / 100,
                            by=owner_of(shop),
                            idempotency_key=uuid.uuid4().hex,
                        )
                    elif name == "reimburse":
                        _n, cents = operation
                        ledger_post(
                            territory=campaign.territory,
                            campaign=campaign,
                            kind=TransactionKind.REIMBURSE,
                            lines=[
                                (
                                    merchant_account(campaign=campaign, actor=shop),
                                    Decimal(cents) / 100,
                                ),
                                (
                                    campaign_account(campaign, AccountKind.PAID),
                                    -Decimal(cents) / 100,
                                ),
                            ],
                            memo="",
                            by=admin,
                            actor_id=shop.pk,
                        )
                    elif name == "reverse" and spends:
                        _n, index = operation
                        ledger_reverse(posted=spends[index % len(spends)], by=admin)
                    elif name == "expire":
                        Campaign.objects.filter(pk=campaign.pk).update(
                            issue_starts=days(-10), issue_ends=days(-2), spend_deadline=days(-1)
                        )
                        vouchers_expire(territory=campaign.territory)
                        # After expiry nothing is left on any voucher.
                        for voucher in vouchers:
                            assert last_balance(voucher.account) == 0
                except ApplicationError:
                    # A refused operation changes nothing.
                    assert _snapshot() == before
            _check_invariants(Campaign.objects.get(pk=campaign.pk))
            raise _Rollback
    except _Rollback:
        pass
