"""The only write path of the voucher ledger: balanced, locked, append-only postings.

`ledger_post()` checks that the lines balance, locks every account it touches (SELECT … FOR
UPDATE, in primary-key order so that two postings never wait on each other in a cycle),
computes each account's new balance from its last entry, refuses a negative balance with a
French message, and writes the transaction and its entries. The database repeats the last
check (`ledgerentry_balance_not_negative`). Corrections are `ledger_reverse()`: the opposite
lines in a new transaction; nothing is ever updated or deleted.
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Territory
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.models import (
    CENT,
    AccountKind,
    Campaign,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)

ZERO = Decimal("0.00")

Line = tuple[LedgerAccount, Decimal]

_OVERDRAWN = {
    AccountKind.HOLDER: (
        _("Le solde du bon est insuffisant pour ce montant."),
        VoucherErrorCode.INSUFFICIENT_BALANCE,
    ),
    AccountKind.FUNDING: (
        _("Le budget de la campagne est épuisé : ce bon ne peut pas être émis."),
        VoucherErrorCode.BUDGET_EXHAUSTED,
    ),
    AccountKind.MERCHANT: (
        _("Ce montant dépasse ce que le territoire doit à l'acteur."),
        VoucherErrorCode.OVERPAID,
    ),
}


def is_cents(amount: Decimal) -> bool:
    """True for a finite amount with at most two decimals."""
    return amount.is_finite() and amount == amount.quantize(CENT)


def _existing(territory: Territory, key: str | None) -> LedgerTransaction | None:
    if not key:
        return None
    return LedgerTransaction.objects.filter(territory=territory, idempotency_key=key).first()


def lock_accounts(accounts: Iterable[LedgerAccount]) -> None:
    """Lock the accounts' rows, in key order, until the end of the transaction."""
    ids = sorted({a.pk for a in accounts})
    list(LedgerAccount.objects.filter(pk__in=ids).order_by("pk").select_for_update())


def last_balance(account: LedgerAccount) -> Decimal:
    """The account's balance (on its normal side): its last entry's balance_after, or 0."""
    value = (
        LedgerEntry.objects.filter(account=account)
        .order_by("-pk")
        .values_list("balance_after", flat=True)
        .first()
    )
    return value if value is not None else ZERO


def with_balances(accounts):
    """Annotate a LedgerAccount queryset with `balance` in one query."""
    latest = LedgerEntry.objects.filter(account=OuterRef("pk")).order_by("-pk")
    return accounts.annotate(balance=Subquery(latest.values("balance_after")[:1]))


@transaction.atomic
def ledger_post(
    *,
    territory: Territory,
    campaign: Campaign,
    kind: str,
    lines: Sequence[Line],
    memo: str,
    by: User | None,
    idempotency_key: str | None = None,
    reverses: LedgerTransaction | None = None,
    refund_of: LedgerTransaction | None = None,
    actor_id: int | None = None,
    order_reference: str = "",
) -> LedgerTransaction:
    """Write a balanced transaction; with a known idempotency key, return the first one."""
    existing = _existing(territory, idempotency_key)
    if existing is not None:
        return existing
    if kind not in TransactionKind.values:
        raise ValueError(f"Unknown transaction kind {kind!r}.")
    if len(lines) < 2:
        raise ApplicationError(
            _("Une écriture comptable a au moins deux lignes."), code=VoucherErrorCode.UNBALANCED
        )
    seen: set[int] = set()
    for account, amount in lines:
        if account.pk in seen:
            raise ValueError("An account appears twice in one transaction.")
        seen.add(account.pk)
        if account.territory_id != territory.pk or account.campaign_id != campaign.pk:
            raise ValueError("An account of another campaign or territory.")
        if not isinstance(amount, Decimal) or not is_cents(amount) or amount == 0:
            raise ApplicationError(
                _("Chaque ligne porte un montant non nul, en euros et centimes."),
                code=VoucherErrorCode.INVALID_AMOUNT,
            )
    if sum((amount for _account, amount in lines), ZERO) != 0:
        raise ApplicationError(
            _("L'écriture n'est pas équilibrée : débits et crédits diffèrent."),
            code=VoucherErrorCode.UNBALANCED,
        )

    lock_accounts(account for account, _amount in lines)
    # A concurrent retry with the same key waited on the locks above: it sees the first one now.
    existing = _existing(territory, idempotency_key)
    if existing is not None:
        return existing

    entries = []
    for account, amount in lines:
        after = last_balance(account) + account.sign * amount
        if after < 0:
            message, code = _OVERDRAWN.get(
                AccountKind(account.kind),
                (_("Cette opération rendrait un compte négatif."), VoucherErrorCode.INVALID_AMOUNT),
            )
            raise ApplicationError(message, code=code)
        entries.append((account, amount, after))

    try:
        with transaction.atomic():
            posted = LedgerTransaction.objects.create(
                territory=territory,
                campaign=campaign,
                kind=kind,
                created_by=by,
                memo=memo[:300],
                actor_id=actor_id,
                order_reference=order_reference,
                reverses=reverses,
                refund_of=refund_of,
                idempotency_key=idempotency_key or "",
            )
    except IntegrityError:
        # The same key posted on other accounts by a concurrent call: keep the first one.
        existing = _existing(territory, idempotency_key)
        if existing is None:
            raise
        return existing
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            territory=territory,
            transaction=posted,
            account=account,
            account_kind=account.kind,
            amount=amount,
            balance_after=after,
        )
        for account, amount, after in entries
    )
    return posted


@transaction.atomic
def ledger_reverse(
    *,
    posted: LedgerTransaction,
    by: User | None,
    memo: str = "",
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Cancel a transaction with its opposite lines; a transaction is reversed once only."""
    if posted.kind == TransactionKind.REVERSAL:
        raise ApplicationError(
            _("Une annulation ne s'annule pas : passez une nouvelle écriture."),
            code=VoucherErrorCode.INVALID_STATE,
        )
    # Lock the original so that two reversals (or a refund) of it run one after the other.
    LedgerTransaction.objects.select_for_update().filter(pk=posted.pk).first()
    already = LedgerTransaction.objects.filter(reverses=posted).first()
    if already is not None:
        return already
    if LedgerTransaction.objects.filter(refund_of=posted).exists():
        # Reversing the whole spend would give back twice what was already refunded.
        raise ApplicationError(
            _("Ce paiement a déjà été remboursé en partie : il ne peut plus être annulé."),
            code=VoucherErrorCode.INVALID_STATE,
        )
    lines = [(entry.account, -entry.amount) for entry in posted.entries.select_related("account")]
    return ledger_post(
        territory=posted.territory,
        campaign=posted.campaign,
        kind=TransactionKind.REVERSAL,
        lines=lines,
        memo=memo or f"Annulation de l'écriture {posted.pk}",
        by=by,
        idempotency_key=idempotency_key,
        reverses=posted,
        actor_id=posted.actor_id,
        order_reference=posted.order_reference,
    )
