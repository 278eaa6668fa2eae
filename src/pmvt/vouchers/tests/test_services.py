from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from pmvt.accounts.models import Role
from pmvt.actors.services.actors import actor_suspend
from pmvt.core.exceptions import ApplicationError
from pmvt.notifications.models import Notification
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.ledger import last_balance, ledger_post, ledger_reverse
from pmvt.vouchers.models import (
    AccountKind,
    Campaign,
    CampaignKind,
    CampaignStatus,
    ImmutableError,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    Statement,
    StatementStatus,
    TransactionKind,
    Voucher,
)
from pmvt.vouchers.services.campaigns import campaign_account, campaign_close, participation_request
from pmvt.vouchers.services.issuing import (
    PaymentMethod,
    claim_codes_generate,
    voucher_claim,
    voucher_grant_free,
    voucher_purchase_record,
)
from pmvt.vouchers.services.spending import (
    spend_refund,
    voucher_lookup,
    voucher_spend,
)
from pmvt.vouchers.services.statements import statement_mark_paid, statements_of_period
from pmvt.vouchers.tests.conftest import (
    assert_ledger_sound,
    balance,
    days,
    key,
    ledger_snapshot,
    owner_of,
)

pytestmark = pytest.mark.django_db
D = Decimal


def funding(campaign: Campaign) -> Decimal:
    return last_balance(campaign_account(campaign, AccountKind.FUNDING))


# --- campaigns and issuing ---------------------------------------------------------------------


def test_opening_a_campaign_credits_the_funding_account_with_the_budget(campaign):
    assert campaign.status == CampaignStatus.OPEN
    assert funding(campaign) == D("100.00")
    assert last_balance(campaign_account(campaign, AccountKind.COMMITMENT)) == D("100.00")
    assert_ledger_sound()


def test_purchase_draws_the_top_up_from_the_budget_and_credits_the_voucher(campaign, member, buy):
    voucher = buy(campaign, member, units=2)
    assert voucher.issued_value == D("60.00")
    assert voucher.paid_amount == D("40.00")
    assert balance(voucher) == D("60.00")
    assert funding(campaign) == D("80.00")
    assert last_balance(campaign_account(campaign, AccountKind.CASH)) == D("40.00")
    assert len(voucher.code) == 8
    assert Notification.objects.filter(user=member, kind="vouchers_received").count() == 1
    assert_ledger_sound()


def test_purchase_with_the_same_key_records_one_voucher(campaign, member, admin):
    same = key()
    first = voucher_purchase_record(
        campaign=campaign,
        holder=member,
        units=1,
        payment_method=PaymentMethod.COUNTER,
        by=admin,
        idempotency_key=same,
    )
    again = voucher_purchase_record(
        campaign=campaign,
        holder=member,
        units=1,
        payment_method=PaymentMethod.COUNTER,
        by=admin,
        idempotency_key=same,
    )
    assert first.pk == again.pk
    assert Voucher.objects.count() == 1


def test_refuses_purchase_over_the_per_person_cap(campaign, member, buy):
    buy(campaign, member, units=3)
    before = ledger_snapshot()
    with pytest.raises(ApplicationError) as error:
        buy(campaign, member, units=1)
    assert error.value.code == VoucherErrorCode.CAP_REACHED
    assert ledger_snapshot() == before
    assert Voucher.objects.count() == 1


def test_refuses_purchase_when_the_budget_is_exhausted(
    make_campaign, member, make_member, territory, buy
):
    campaign = make_campaign(budget=D("20.00"))
    buy(campaign, member, units=2)  # 2 × 10 € of top-up: the budget is spent.
    other = make_member(territory)
    before = ledger_snapshot()
    with pytest.raises(ApplicationError) as error:
        buy(campaign, other, units=1)
    assert error.value.code == VoucherErrorCode.BUDGET_EXHAUSTED
    assert ledger_snapshot() == before
    assert Voucher.objects.count() == 1


def test_refuses_purchase_in_a_closed_campaign(campaign, member, admin, buy):
    campaign_close(campaign=campaign, by=admin)
    with pytest.raises(ApplicationError) as error:
        buy(Campaign.objects.get(pk=campaign.pk), member)
    assert error.value.code == VoucherErrorCode.CAMPAIGN_NOT_OPEN
    assert Voucher.objects.count() == 0


def test_refuses_purchase_for_a_non_member(campaign, make_user, buy):
    with pytest.raises(ApplicationError):
        buy(campaign, make_user("ailleurs@exemple.test"))
    assert Voucher.objects.count() == 0


@pytest.mark.parametrize("units", [0, 6, -1])
def test_refuses_purchase_with_a_wrong_number_of_units(campaign, member, buy, units):
    with pytest.raises(ApplicationError):
        buy(campaign, member, units=units)
    assert Voucher.objects.count() == 0


def test_refuses_a_campaign_with_inconsistent_values(territory, admin):
    from pmvt.vouchers.services.campaigns import campaign_create

    base = {
        "territory": territory,
        "by": admin,
        "name": "X",
        "kind": CampaignKind.PURCHASE_BONUS,
        "price": D("20"),
        "face_value": D("30"),
        "budget": D("100"),
        "per_person_cap": D("90"),
        "issue_starts": days(0),
        "issue_ends": days(10),
        "spend_deadline": days(20),
    }
    for change in (
        {"price": D("40")},
        {"face_value": D("30.001")},
        {"budget": D("0")},
        {"per_person_cap": D("10")},
        {"spend_deadline": days(5)},
    ):
        with pytest.raises(ApplicationError):
            campaign_create(**{**base, **change})
    assert Campaign.objects.count() == 0


def test_free_vouchers_by_email_and_by_claim_code(
    make_campaign, member, make_member, territory, admin
):
    campaign = make_campaign(
        "Bons solidaires",
        kind=CampaignKind.FREE,
        price=D("0"),
        face_value=D("15.00"),
        budget=D("45.00"),
        per_person_cap=D("15.00"),
    )
    given = voucher_grant_free(campaign=campaign, holder=member, by=admin)
    assert balance(given) == D("15.00")
    codes = claim_codes_generate(campaign=campaign, count=2, by=admin)
    assert funding(campaign) == D("0.00")
    assert all(v.holder is None for v in codes)
    other = make_member(territory)
    claimed = voucher_claim(territory=territory, user=other, code=codes[0].claim_code.lower())
    assert claimed.holder == other
    with pytest.raises(ApplicationError) as error:
        voucher_claim(territory=territory, user=make_member(territory), code=codes[0].claim_code)
    assert error.value.code == VoucherErrorCode.WRONG_CODE
    # The member already has 15 €: the per-person cap refuses a second voucher.
    with pytest.raises(ApplicationError) as error:
        voucher_claim(territory=territory, user=member, code=codes[1].claim_code)
    assert error.value.code == VoucherErrorCode.CAP_REACHED
    assert Voucher.objects.get(pk=codes[1].pk).holder is None
    with pytest.raises(ApplicationError) as error:
        claim_codes_generate(campaign=campaign, count=1, by=admin)
    assert error.value.code == VoucherErrorCode.BUDGET_EXHAUSTED
    assert_ledger_sound()


# --- spending ----------------------------------------------------------------------------------


def test_spend_in_shop_moves_value_from_the_voucher_to_the_merchant(voucher, shop):
    posted = voucher_spend(
        voucher=voucher, actor=shop, amount=D("12.50"), by=owner_of(shop), idempotency_key=key()
    )
    assert posted.kind == TransactionKind.SPEND
    assert balance(voucher) == D("17.50")
    merchant = LedgerAccount.objects.get(actor=shop, campaign=voucher.campaign)
    assert last_balance(merchant) == D("12.50")
    assert_ledger_sound()


def test_same_spend_key_spends_once(voucher, shop):
    same = key()
    for _n in range(3):
        voucher_spend(
            voucher=voucher, actor=shop, amount=D("5"), by=owner_of(shop), idempotency_key=same
        )
    assert balance(voucher) == D("25.00")
    assert LedgerTransaction.objects.filter(kind=TransactionKind.SPEND).count() == 1


@pytest.mark.parametrize(
    "amount", [D("0"), D("-1"), D("30.01"), D("1.005"), "abc", "NaN", "Infinity"]
)
def test_refuses_bad_amounts_and_changes_nothing(voucher, shop, amount):
    before = ledger_snapshot()
    with pytest.raises(ApplicationError):
        voucher_spend(
            voucher=voucher, actor=shop, amount=amount, by=owner_of(shop), idempotency_key=key()
        )
    assert ledger_snapshot() == before
    assert balance(voucher) == D("30.00")


def test_refuses_spend_at_a_non_participating_actor(voucher, make_actor):
    other = make_actor("Épicerie du Cours")
    with pytest.raises(ApplicationError) as error:
        voucher_lookup(actor=other, code=voucher.code)
    assert error.value.code == VoucherErrorCode.NOT_PARTICIPATING
    before = ledger_snapshot()
    with pytest.raises(ApplicationError):
        voucher_spend(
            voucher=voucher, actor=other, amount=D("5"), by=owner_of(other), idempotency_key=key()
        )
    assert ledger_snapshot() == before


def test_refuses_spend_at_a_pending_participation(voucher, make_actor):
    other = make_actor("Épicerie du Cours")
    participation_request(campaign=voucher.campaign, actor=other, by=owner_of(other))
    with pytest.raises(ApplicationError) as error:
        voucher_lookup(actor=other, code=voucher.code)
    assert error.value.code == VoucherErrorCode.NOT_PARTICIPATING


def test_refuses_spend_at_a_suspended_actor(voucher, shop, operator):
    actor_suspend(actor=shop, by=operator, reason="Fermeture administrative.")
    shop.refresh_from_db()
    before = ledger_snapshot()
    with pytest.raises(ApplicationError) as error:
        voucher_spend(
            voucher=voucher, actor=shop, amount=D("5"), by=owner_of(shop), idempotency_key=key()
        )
    assert error.value.code == VoucherErrorCode.ACTOR_NOT_VERIFIED
    assert ledger_snapshot() == before


def test_refuses_spend_after_expiry_even_before_the_command_ran(voucher, shop):
    Campaign.objects.filter(pk=voucher.campaign_id).update(
        issue_starts=days(-30), issue_ends=days(-20), spend_deadline=days(-1)
    )
    voucher = Voucher.objects.select_related("campaign", "territory", "account").get(pk=voucher.pk)
    with pytest.raises(ApplicationError) as error:
        voucher_lookup(actor=shop, code=voucher.code)
    assert error.value.code == VoucherErrorCode.EXPIRED
    with pytest.raises(ApplicationError):
        voucher_spend(
            voucher=voucher, actor=shop, amount=D("5"), by=owner_of(shop), idempotency_key=key()
        )
    assert balance(voucher) == D("30.00")


@pytest.mark.parametrize("code", ["", "ZZZZZZZZ", "0000-0000"])
def test_lookup_refuses_a_wrong_code(shop, voucher, code):
    with pytest.raises(ApplicationError) as error:
        voucher_lookup(actor=shop, code=code)
    assert error.value.code == VoucherErrorCode.WRONG_CODE


def test_lookup_accepts_the_code_as_printed(shop, voucher):
    assert voucher_lookup(actor=shop, code=f" {voucher.display_code.lower()} ") == voucher


def test_lookup_refuses_a_code_of_another_territory(
    voucher, make_actor, other_territory, make_campaign, join, other_admin
):
    elsewhere = make_actor("Boulangerie de Thann", in_territory=other_territory)
    with pytest.raises(ApplicationError) as error:
        voucher_lookup(actor=elsewhere, code=voucher.code)
    assert error.value.code == VoucherErrorCode.WRONG_CODE


def test_refund_same_day_within_the_spend(voucher, shop):
    spend = voucher_spend(
        voucher=voucher, actor=shop, amount=D("10"), by=owner_of(shop), idempotency_key=key()
    )
    spend_refund(spend=spend, actor=shop, amount=D("4"), by=owner_of(shop), idempotency_key=key())
    assert balance(voucher) == D("24.00")
    before = ledger_snapshot()
    with pytest.raises(ApplicationError):
        spend_refund(
            spend=spend, actor=shop, amount=D("6.01"), by=owner_of(shop), idempotency_key=key()
        )
    assert ledger_snapshot() == before
    spend_refund(spend=spend, actor=shop, amount=D("6"), by=owner_of(shop), idempotency_key=key())
    assert balance(voucher) == D("30.00")
    assert_ledger_sound()


def test_refund_refused_the_next_day(voucher, shop):
    spend = voucher_spend(
        voucher=voucher, actor=shop, amount=D("10"), by=owner_of(shop), idempotency_key=key()
    )
    from unittest import mock

    real, next_day = timezone.localdate, days(1)

    def tomorrow(value=None):
        return next_day if value is None else real(value)

    with (
        mock.patch("django.utils.timezone.localdate", side_effect=tomorrow),
        pytest.raises(ApplicationError),
    ):
        spend_refund(
            spend=spend, actor=shop, amount=D("4"), by=owner_of(shop), idempotency_key=key()
        )
    assert balance(voucher) == D("20.00")


def test_refund_refused_by_another_actor(voucher, shop, make_actor, join):
    other = make_actor("Épicerie du Cours")
    join(voucher.campaign, other)
    spend = voucher_spend(
        voucher=voucher, actor=shop, amount=D("10"), by=owner_of(shop), idempotency_key=key()
    )
    with pytest.raises(ApplicationError):
        spend_refund(
            spend=spend, actor=other, amount=D("4"), by=owner_of(other), idempotency_key=key()
        )


def test_expire_command_moves_what_is_left_and_is_idempotent(voucher, shop):
    voucher_spend(
        voucher=voucher, actor=shop, amount=D("10"), by=owner_of(shop), idempotency_key=key()
    )
    Campaign.objects.filter(pk=voucher.campaign_id).update(
        issue_starts=days(-30), issue_ends=days(-20), spend_deadline=days(-1)
    )
    call_command("vouchers_expire")
    assert balance(voucher) == D("0.00")
    expired = campaign_account(voucher.campaign, AccountKind.EXPIRED)
    assert last_balance(expired) == D("20.00")
    before = ledger_snapshot()
    call_command("vouchers_expire")
    assert ledger_snapshot() == before
    assert_ledger_sound()


# --- statements --------------------------------------------------------------------------------


def test_statement_of_the_month_and_paying_it_once(voucher, shop, admin):
    voucher_spend(
        voucher=voucher, actor=shop, amount=D("10"), by=owner_of(shop), idempotency_key=key()
    )
    spend = voucher_spend(
        voucher=voucher, actor=shop, amount=D("5"), by=owner_of(shop), idempotency_key=key()
    )
    spend_refund(spend=spend, actor=shop, amount=D("2"), by=owner_of(shop), idempotency_key=key())
    period = timezone.localdate().replace(day=1)
    [row] = statements_of_period(territory=shop.territory, period=period)
    assert (row.actor, row.amount, row.count, row.is_paid) == (shop, D("13.00"), 3, False)
    # The month is not over: it cannot be paid yet.
    with pytest.raises(ApplicationError):
        statement_mark_paid(campaign=voucher.campaign, actor=shop, period=period, by=admin)
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=days(40)):
        statement = statement_mark_paid(
            campaign=voucher.campaign, actor=shop, period=period, by=admin
        )
        assert (statement.status, statement.amount) == (StatementStatus.PAID, D("13.00"))
        with pytest.raises(ApplicationError) as error:
            statement_mark_paid(campaign=voucher.campaign, actor=shop, period=period, by=admin)
        assert error.value.code == VoucherErrorCode.ALREADY_DONE
    merchant = LedgerAccount.objects.get(actor=shop, campaign=voucher.campaign)
    assert last_balance(merchant) == D("0.00")
    assert last_balance(campaign_account(voucher.campaign, AccountKind.PAID)) == D("13.00")
    assert Statement.objects.count() == 1
    [row] = statements_of_period(territory=shop.territory, period=period)
    assert row.is_paid
    assert_ledger_sound()


# --- the ledger itself -------------------------------------------------------------------------


def test_refuses_unbalanced_or_one_line_postings(voucher, shop, campaign):
    holder = voucher.account
    merchant = LedgerAccount.objects.get(actor=shop, campaign=campaign)
    before = ledger_snapshot()
    for lines in ([(holder, D("5")), (merchant, D("-4"))], [(holder, D("5"))]):
        with pytest.raises(ApplicationError) as error:
            ledger_post(
                territory=campaign.territory,
                campaign=campaign,
                kind=TransactionKind.SPEND,
                lines=lines,
                memo="",
                by=None,
            )
        assert error.value.code == VoucherErrorCode.UNBALANCED
    assert ledger_snapshot() == before


def test_entries_and_transactions_are_immutable(voucher):
    entry = LedgerEntry.objects.order_by("pk")[0]
    posted = LedgerTransaction.objects.order_by("pk")[0]
    entry.amount = D("1000")
    with pytest.raises(ImmutableError):
        entry.save()
    with pytest.raises(ImmutableError):
        entry.delete()
    with pytest.raises(ImmutableError):
        posted.save()
    with pytest.raises(ImmutableError):
        posted.delete()
    with pytest.raises(ImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=D("1000"))
    with pytest.raises(ImmutableError):
        LedgerEntry.objects.all().delete()
    with pytest.raises(ImmutableError):
        LedgerTransaction.objects.all().delete()
    assert LedgerEntry.objects.get(pk=entry.pk).amount != D("1000")


def test_the_database_refuses_a_negative_balance(voucher):
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            territory=voucher.territory,
            transaction=LedgerTransaction.objects.order_by("pk")[0],
            account=voucher.account,
            account_kind=AccountKind.HOLDER,
            amount=D("40"),
            balance_after=D("-10"),
        )


def test_reversal_posts_the_opposite_lines_once(voucher, shop):
    spend = voucher_spend(
        voucher=voucher, actor=shop, amount=D("10"), by=owner_of(shop), idempotency_key=key()
    )
    first = ledger_reverse(posted=spend, by=None)
    again = ledger_reverse(posted=spend, by=None)
    assert first.pk == again.pk
    assert balance(voucher) == D("30.00")
    with pytest.raises(ApplicationError):
        ledger_reverse(posted=first, by=None)
    assert_ledger_sound()


def test_a_voucher_purchase_needs_a_member_role(campaign, make_member, territory, buy):
    moderator = make_member(territory, Role.MODERATOR)
    assert buy(campaign, moderator).holder == moderator


# --- personal data -----------------------------------------------------------------------------


def test_export_and_erasure_keep_the_ledger_but_not_the_identity(voucher, shop, member):
    from pmvt.vouchers.personal_data import erase_vouchers_data, export_vouchers_data

    voucher_spend(
        voucher=voucher, actor=shop, amount=D("5"), by=owner_of(shop), idempotency_key=key()
    )
    [exported] = export_vouchers_data(member)["vouchers"]
    assert exported["code"] == voucher.display_code
    assert [line["amount"] for line in exported["history"]] == ["30.00", "-5.00"]
    before = ledger_snapshot()
    erase_vouchers_data(member)
    assert Voucher.objects.get(pk=voucher.pk).holder is None
    assert ledger_snapshot() == before
    assert export_vouchers_data(member) == {"vouchers": []}
