"""Spending vouchers in shop, refunding an in-shop spend, and expiring vouchers.

A spend is a transaction holder → merchant (see pmvt.vouchers.models for the signs). The
holder account is locked by ledger_post(); the balance is read under that lock, so two
devices spending the same balance at once get one success and one clear refusal.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorStatus
from pmvt.core.exceptions import ApplicationError
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.territories.models import Territory
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.ledger import is_cents, last_balance, ledger_post, lock_accounts
from pmvt.vouchers.models import (
    AccountKind,
    Campaign,
    CampaignStatus,
    LedgerAccount,
    LedgerTransaction,
    Participation,
    ParticipationStatus,
    TransactionKind,
    Voucher,
)
from pmvt.vouchers.services.campaigns import campaign_account
from pmvt.vouchers.services.issuing import normalise_code


def parse_amount(value: object) -> Decimal:
    """A positive amount in euros and cents, or a French error."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        raise ApplicationError(
            _("Indiquez un montant en euros, par exemple 12,50."),
            code=VoucherErrorCode.INVALID_AMOUNT,
        )
    if amount <= 0:
        raise ApplicationError(
            _("Le montant doit être supérieur à zéro."), code=VoucherErrorCode.INVALID_AMOUNT
        )
    if not is_cents(amount):
        raise ApplicationError(
            _("Le montant a au plus deux décimales (les centimes)."),
            code=VoucherErrorCode.INVALID_AMOUNT,
        )
    return amount.quantize(Decimal("0.01"))


def check_actor_accepts(*, actor: Actor, campaign: Campaign) -> None:
    """Refuse a spend at a suspended, unverified or non-participating actor."""
    if actor.territory_id != campaign.territory_id:
        raise ApplicationError(
            _("Ce bon appartient à un autre territoire."), code=VoucherErrorCode.WRONG_CODE
        )
    if actor.status != ActorStatus.VERIFIED:
        raise ApplicationError(
            _("Cette activité n'accepte pas les bons : elle n'est pas vérifiée ou est suspendue."),
            code=VoucherErrorCode.ACTOR_NOT_VERIFIED,
        )
    approved = Participation.objects.filter(
        campaign=campaign, actor=actor, status=ParticipationStatus.APPROVED
    ).exists()
    if not approved:
        raise ApplicationError(
            _("Ce bon vient d'une campagne à laquelle cette activité ne participe pas."),
            code=VoucherErrorCode.NOT_PARTICIPATING,
        )


def check_spendable(*, voucher: Voucher) -> None:
    campaign = voucher.campaign
    if voucher.holder_id is None:
        raise ApplicationError(
            _("Ce bon n'a pas encore été réclamé par son bénéficiaire."),
            code=VoucherErrorCode.WRONG_CODE,
        )
    if campaign.status == CampaignStatus.DRAFT:
        raise ApplicationError(
            _("Cette campagne n'est pas ouverte."), code=VoucherErrorCode.CAMPAIGN_NOT_OPEN
        )
    if timezone.localdate() > campaign.spend_deadline:
        raise ApplicationError(
            _("Ce bon a expiré le %(day)s : il ne peut plus être utilisé.")
            % {"day": campaign.spend_deadline.strftime("%d/%m/%Y")},
            code=VoucherErrorCode.EXPIRED,
        )


def wrong_code_error() -> ApplicationError:
    return ApplicationError(
        _("Aucun bon ne correspond à ce code. Vérifiez-le, lettre par lettre."),
        code=VoucherErrorCode.WRONG_CODE,
    )


def voucher_lookup(*, actor: Actor, code: str) -> Voucher:
    """The voucher a customer shows at the counter, if this actor may take it now."""
    normalised = normalise_code(code)
    voucher = (
        Voucher.objects.filter(territory_id=actor.territory_id, code=normalised)
        .select_related("campaign", "holder", "territory", "account")
        .first()
        if normalised
        else None
    )
    if voucher is None:
        raise wrong_code_error()
    check_spendable(voucher=voucher)
    check_actor_accepts(actor=actor, campaign=voucher.campaign)
    return voucher


def merchant_account(*, campaign: Campaign, actor: Actor) -> LedgerAccount:
    return LedgerAccount.objects.get(campaign=campaign, actor=actor, kind=AccountKind.MERCHANT)


@transaction.atomic
def voucher_spend(
    *, voucher: Voucher, actor: Actor, amount: Decimal, by: User, idempotency_key: str
) -> LedgerTransaction:
    """Pay `amount` at the actor with the voucher (in shop)."""
    known = LedgerTransaction.objects.filter(
        territory_id=voucher.territory_id, idempotency_key=idempotency_key
    ).first()
    if known is not None:
        return known
    amount = parse_amount(amount)
    check_spendable(voucher=voucher)
    check_actor_accepts(actor=actor, campaign=voucher.campaign)
    holder = voucher.account
    merchant = merchant_account(campaign=voucher.campaign, actor=actor)
    return ledger_post(
        territory=voucher.territory,
        campaign=voucher.campaign,
        kind=TransactionKind.SPEND,
        lines=[(holder, amount), (merchant, -amount)],
        memo=_("Paiement chez %(actor)s") % {"actor": actor.display_name},
        by=by,
        idempotency_key=idempotency_key,
        actor_id=actor.pk,
    )


def refunded_amount(spend: LedgerTransaction) -> Decimal:
    total = (
        LedgerTransaction.objects.filter(refund_of=spend)
        .filter(entries__account_kind=AccountKind.MERCHANT)
        .aggregate(total=Sum("entries__amount"))["total"]
    )
    return total or Decimal("0.00")


@transaction.atomic
def spend_refund(
    *, spend: LedgerTransaction, actor: Actor, amount: Decimal, by: User, idempotency_key: str
) -> LedgerTransaction:
    """Give back part or all of an in-shop spend, the same day, to the same voucher."""
    known = LedgerTransaction.objects.filter(
        territory_id=spend.territory_id, idempotency_key=idempotency_key
    ).first()
    if known is not None:
        return known
    amount = parse_amount(amount)
    # Lock the spend: two refunds of it run one after the other and see each other.
    spend = LedgerTransaction.objects.select_for_update().get(pk=spend.pk)
    if spend.kind != TransactionKind.SPEND or spend.actor_id != actor.pk or spend.order_reference:
        raise ApplicationError(
            _("Seul un paiement en boutique de votre activité se rembourse ici.")
        )
    if timezone.localdate(spend.created_at) != timezone.localdate():
        raise ApplicationError(
            _("Un paiement se rembourse le jour même ; au-delà, écrivez au territoire."),
            code=VoucherErrorCode.INVALID_STATE,
        )
    if spend.reversals.exists():
        raise ApplicationError(
            _("Ce paiement a déjà été annulé."), code=VoucherErrorCode.ALREADY_DONE
        )
    entries = {e.account_kind: e for e in spend.entries.select_related("account")}
    spent = entries[AccountKind.HOLDER].amount
    left = spent - refunded_amount(spend)
    if amount > left:
        raise ApplicationError(
            _("Le remboursement dépasse ce qui reste du paiement (%(left)s).")
            % {"left": euros_text(left)},
            code=VoucherErrorCode.INVALID_AMOUNT,
        )
    return ledger_post(
        territory=spend.territory,
        campaign=spend.campaign,
        kind=TransactionKind.REFUND,
        lines=[
            (entries[AccountKind.MERCHANT].account, amount),
            (entries[AccountKind.HOLDER].account, -amount),
        ],
        memo=_("Remboursement d'un paiement"),
        by=by,
        idempotency_key=idempotency_key,
        refund_of=spend,
        actor_id=actor.pk,
    )


def vouchers_expire(*, territory: Territory | None = None, by: User | None = None) -> int:
    """Move what is left on each voucher past its deadline to `expired`; returns how many.

    Idempotent: a voucher with nothing left is skipped, so running it twice changes nothing.
    """
    today = timezone.localdate()
    campaigns = Campaign.objects.filter(spend_deadline__lt=today).exclude(
        status=CampaignStatus.DRAFT
    )
    if territory is not None:
        campaigns = campaigns.filter(territory=territory)
    count = 0
    for campaign in campaigns.select_related("territory"):
        holder_ids = list(
            LedgerAccount.objects.filter(campaign=campaign, kind=AccountKind.HOLDER)
            .values_list("pk", flat=True)
            .order_by("pk")
        )
        for holder_id in holder_ids:
            with transaction.atomic():
                account = LedgerAccount.objects.get(pk=holder_id)
                expired = campaign_account(campaign, AccountKind.EXPIRED)
                lock_accounts([account, expired])
                left = last_balance(account)
                if left <= 0:
                    continue
                ledger_post(
                    territory=campaign.territory,
                    campaign=campaign,
                    kind=TransactionKind.EXPIRE,
                    lines=[(account, left), (expired, -left)],
                    memo=_("Expiration du bon"),
                    by=by,
                )
                count += 1
    return count
