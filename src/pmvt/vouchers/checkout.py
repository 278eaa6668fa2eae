"""The API the marketplace checkout calls to let a buyer pay part of an order with vouchers.

- `spendable_balance(user=, actor=)`: what the user may spend at this actor now;
- `vouchers_spend_for_order(user=, actor=, amount=, order_reference=, idempotency_key=)`:
  spends `amount` across the user's eligible vouchers, the soonest to expire first, inside the
  caller's transaction; raises ApplicationError when the balance is lower; idempotent per key;
- `vouchers_refund_order(order_reference=, by=)`: reverses every spend of that order (the
  order is cancelled); idempotent.
"""

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorStatus
from pmvt.core.exceptions import ApplicationError
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.ledger import (
    ZERO,
    last_balance,
    ledger_post,
    ledger_reverse,
    lock_accounts,
    with_balances,
)
from pmvt.vouchers.models import (
    AccountKind,
    CampaignStatus,
    LedgerAccount,
    LedgerTransaction,
    ParticipationStatus,
    TransactionKind,
)
from pmvt.vouchers.services.spending import merchant_account, parse_amount


def _eligible_accounts(*, user: User, actor: Actor):
    """The holder accounts of the user's vouchers that this actor may take today."""
    if not user.is_authenticated or actor.status != ActorStatus.VERIFIED:
        return LedgerAccount.objects.none()
    today = timezone.localdate()
    return (
        LedgerAccount.objects.filter(
            territory_id=actor.territory_id,
            kind=AccountKind.HOLDER,
            voucher__holder=user,
            campaign__spend_deadline__gte=today,
            campaign__participations__actor=actor,
            campaign__participations__status=ParticipationStatus.APPROVED,
        )
        .exclude(campaign__status=CampaignStatus.DRAFT)
        .select_related("campaign", "voucher")
        .order_by("campaign__spend_deadline", "pk")
    )


def spendable_balance(*, user: User, actor: Actor) -> Decimal:
    """What the user may spend at this actor now, over all their eligible vouchers."""
    accounts = with_balances(_eligible_accounts(user=user, actor=actor))
    return sum((a.balance or ZERO for a in accounts), ZERO)


def spendable_balances(*, user: User, actors: Sequence[Actor]) -> dict[int, Decimal]:
    """{actor id: what the user may spend there now}, for the actors where it is > 0.

    One query whatever the number of actors (the checkout page asks for every seller of the
    cart): one row per (holder account, participating actor) with the account's balance.
    """
    verified = [a for a in actors if a.status == ActorStatus.VERIFIED]
    if not user.is_authenticated or not verified:
        return {}
    rows = with_balances(
        LedgerAccount.objects.filter(
            territory_id=verified[0].territory_id,
            kind=AccountKind.HOLDER,
            voucher__holder=user,
            campaign__spend_deadline__gte=timezone.localdate(),
            campaign__participations__actor__in=[a.pk for a in verified],
            campaign__participations__status=ParticipationStatus.APPROVED,
        ).exclude(campaign__status=CampaignStatus.DRAFT)
    ).values_list("campaign__participations__actor", "balance")
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for actor_id, balance in rows:
        totals[actor_id] += balance or ZERO
    return {actor_id: total for actor_id, total in totals.items() if total > 0}


def _key(idempotency_key: str, campaign_id: int) -> str:
    return f"{idempotency_key}#c{campaign_id}"


def _already_spent(*, territory_id: int, idempotency_key: str) -> Decimal | None:
    posted = LedgerTransaction.objects.filter(
        territory_id=territory_id,
        kind=TransactionKind.SPEND,
        idempotency_key__startswith=f"{idempotency_key}#c",
    )
    if not posted.exists():
        return None
    total = posted.filter(entries__account_kind=AccountKind.HOLDER).aggregate(
        total=Sum("entries__amount")
    )["total"]
    return total or ZERO


@transaction.atomic
def vouchers_spend_for_order(
    *, user: User, actor: Actor, amount: Decimal, order_reference: str, idempotency_key: str
) -> Decimal:
    """Spend `amount` at the actor for an order; returns the amount spent (= `amount`)."""
    done = _already_spent(territory_id=actor.territory_id, idempotency_key=idempotency_key)
    if done is not None:
        return done
    amount = parse_amount(amount)
    accounts = list(_eligible_accounts(user=user, actor=actor))
    merchants = {
        a.campaign_id: merchant_account(campaign=a.campaign, actor=actor) for a in accounts
    }
    # One pass in key order over every account the spends touch: no lock cycle with a shop
    # spend at the same actor.
    lock_accounts([*accounts, *merchants.values()])
    # A concurrent retry with this key waited on the locks: it finds the first spend now.
    done = _already_spent(territory_id=actor.territory_id, idempotency_key=idempotency_key)
    if done is not None:
        return done
    balances = [(account, last_balance(account)) for account in accounts]
    available = sum((b for _a, b in balances), ZERO)
    if available < amount:
        raise ApplicationError(
            _(
                "Le solde de vos bons d'achat utilisables ici (%(available)s) est inférieur "
                "au montant demandé (%(amount)s)."
            )
            % {"available": euros_text(available), "amount": euros_text(amount)},
            code=VoucherErrorCode.INSUFFICIENT_BALANCE,
        )
    per_campaign: dict[int, list[tuple[LedgerAccount, Decimal]]] = defaultdict(list)
    left = amount
    for account, balance in balances:
        if left <= 0:
            break
        take = min(balance, left)
        if take > 0:
            per_campaign[account.campaign_id].append((account, take))
            left -= take
    for lines in per_campaign.values():
        campaign = lines[0][0].campaign
        total = sum((take for _a, take in lines), ZERO)
        ledger_post(
            territory=campaign.territory,
            campaign=campaign,
            kind=TransactionKind.SPEND,
            lines=[*lines, (merchants[campaign.pk], -total)],
            memo=_("Paiement de la commande %(reference)s") % {"reference": order_reference},
            by=user,
            idempotency_key=_key(idempotency_key, campaign.pk),
            actor_id=actor.pk,
            order_reference=order_reference,
        )
    return amount


@transaction.atomic
def vouchers_refund_order(*, order_reference: str, by: User | None) -> Decimal:
    """Give back to the vouchers every spend of the order; returns the total given back.

    Idempotent: a spend already reversed is not reversed again, and the total is the same on
    every call.
    """
    spends = list(
        LedgerTransaction.objects.with_scopes_disabled()
        .filter(kind=TransactionKind.SPEND, order_reference=order_reference)
        .select_related("territory", "campaign")
        .order_by("pk")
    )
    total = ZERO
    for spend in spends:
        ledger_reverse(
            posted=spend,
            by=by,
            memo=_("Annulation de la commande %(reference)s") % {"reference": order_reference},
        )
        total += spend.entries.get(account_kind=AccountKind.HOLDER).amount
    return total
