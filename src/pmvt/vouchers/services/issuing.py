"""Issuing vouchers: purchases recorded by an agent, free vouchers, claim codes.

Every issue locks the campaign's funding account first: issues of one campaign run one after
the other, so the budget (the funding balance) and the per-person cap are checked under the
same lock as the write.
"""

import secrets
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.access import membership_of
from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.notifications.services.inbox import notify
from pmvt.territories.models import Territory
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.ledger import Line, ledger_post, lock_accounts
from pmvt.vouchers.models import (
    AccountKind,
    Campaign,
    CampaignKind,
    LedgerAccount,
    LedgerTransaction,
    TransactionKind,
    Voucher,
)
from pmvt.vouchers.services.campaigns import campaign_account

# No 0/O, 1/I/L: codes are read aloud and typed on a phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CLAIM_CODE_LENGTH = 10
MAX_CLAIM_CODES = 500


class PaymentMethod:
    COUNTER = "counter"
    TRANSFER = "transfer"
    FREE = "free"


PAYMENT_LABELS = {
    PaymentMethod.COUNTER: "Au guichet partenaire",
    PaymentMethod.TRANSFER: "Par virement",
    PaymentMethod.FREE: "Bon gratuit",
}


def normalise_code(text: str) -> str:
    """What the person typed, without spaces, dashes, and in capitals."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def _new_code(territory: Territory, field: str, length: int) -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(length))
        if not Voucher.objects.filter(territory=territory, **{field: code}).exists():
            return code


def received_in_campaign(*, campaign: Campaign, user: User) -> Decimal:
    total = Voucher.objects.filter(campaign=campaign, holder=user).aggregate(
        total=Sum("issued_value")
    )["total"]
    return total or Decimal("0.00")


def _check_issuing(campaign: Campaign) -> None:
    if not campaign.is_issuing_on(timezone.localdate()):
        raise ApplicationError(
            _("La campagne n'émet pas de bons aujourd'hui : elle est fermée ou hors de ses dates."),
            code=VoucherErrorCode.CAMPAIGN_NOT_OPEN,
        )


def _check_cap(*, campaign: Campaign, user: User, value: Decimal) -> None:
    already = received_in_campaign(campaign=campaign, user=user)
    if already + value > campaign.per_person_cap:
        raise ApplicationError(
            _(
                "Le plafond par personne de cette campagne serait dépassé : "
                "%(already)s déjà reçus, %(cap)s au plus."
            )
            % {"already": euros_text(already), "cap": euros_text(campaign.per_person_cap)},
            code=VoucherErrorCode.CAP_REACHED,
        )


def _check_member(*, territory: Territory, user: User) -> None:
    if membership_of(user=user, territory=territory) is None:
        raise ApplicationError(_("Cette personne n'est pas membre du territoire."))


def _issue(
    *,
    campaign: Campaign,
    holder: User | None,
    units: int,
    paid: Decimal,
    payment_method: str,
    by: User | None,
    idempotency_key: str | None,
    claim_code: str = "",
) -> Voucher:
    """Create the voucher and its account, and post the issue (the caller holds the lock)."""
    territory = campaign.territory
    face = campaign.face_value * units
    voucher = Voucher.objects.create(
        territory=territory,
        campaign=campaign,
        holder=holder,
        code=_new_code(territory, "code", CODE_LENGTH),
        claim_code=claim_code,
        issued_value=face,
        units=units,
        paid_amount=paid,
        payment_method=payment_method,
        issued_by=by,
    )
    account = LedgerAccount.objects.create(
        territory=territory, campaign=campaign, kind=AccountKind.HOLDER, voucher=voucher
    )
    lines: list[Line] = []
    if paid:
        lines.append((campaign_account(campaign, AccountKind.CASH), paid))
    if face - paid:
        lines.append((campaign_account(campaign, AccountKind.FUNDING), face - paid))
    lines.append((account, -face))
    ledger_post(
        territory=territory,
        campaign=campaign,
        kind=TransactionKind.ISSUE,
        lines=lines,
        memo=_("Émission du bon %(code)s") % {"code": voucher.display_code},
        by=by,
        idempotency_key=idempotency_key,
    )
    return voucher


def _lock_funding(campaign: Campaign) -> Campaign:
    """Lock the funding account, then read the campaign again (its status may have changed)."""
    lock_accounts([campaign_account(campaign, AccountKind.FUNDING)])
    return Campaign.objects.select_related("territory").get(pk=campaign.pk)


def _voucher_of_key(territory: Territory, key: str | None) -> Voucher | None:
    if not key:
        return None
    posted = LedgerTransaction.objects.filter(territory=territory, idempotency_key=key).first()
    if posted is None:
        return None
    entry = posted.entries.filter(account_kind=AccountKind.HOLDER).select_related(
        "account__voucher"
    )
    first = entry.first()
    return first.account.voucher if first else None


def _notify_holder(voucher: Voucher) -> None:
    if voucher.holder is None:
        return
    notify(
        user=voucher.holder,
        territory=voucher.territory,
        kind="vouchers_received",
        title=_("Vous avez reçu un bon d'achat de %(value)s (« %(campaign)s »).")
        % {"value": euros_text(voucher.issued_value), "campaign": voucher.campaign.name},
        url=voucher.get_absolute_url(),
    )


@transaction.atomic
def voucher_purchase_record(
    *,
    campaign: Campaign,
    holder: User,
    units: int,
    payment_method: str,
    by: User,
    idempotency_key: str,
) -> Voucher:
    """An agent records a purchase paid at a partner counter or by transfer."""
    if payment_method not in (PaymentMethod.COUNTER, PaymentMethod.TRANSFER):
        raise ApplicationError(_("Choisissez le mode de paiement."))
    if campaign.kind != CampaignKind.PURCHASE_BONUS:
        raise ApplicationError(_("Les bons de cette campagne ne s'achètent pas."))
    if not 1 <= units <= campaign.max_units:
        raise ApplicationError(
            _("Un achat compte de 1 à %(max)s bons.") % {"max": campaign.max_units},
            code=VoucherErrorCode.INVALID_AMOUNT,
        )
    _check_member(territory=campaign.territory, user=holder)
    known = _voucher_of_key(campaign.territory, idempotency_key)
    if known is not None:
        return known
    campaign = _lock_funding(campaign)
    known = _voucher_of_key(campaign.territory, idempotency_key)
    if known is not None:
        return known
    _check_issuing(campaign)
    _check_cap(campaign=campaign, user=holder, value=campaign.face_value * units)
    voucher = _issue(
        campaign=campaign,
        holder=holder,
        units=units,
        paid=campaign.price * units,
        payment_method=payment_method,
        by=by,
        idempotency_key=idempotency_key,
    )
    _notify_holder(voucher)
    return voucher


@transaction.atomic
def voucher_grant_free(*, campaign: Campaign, holder: User, by: User) -> Voucher:
    """Give one free voucher to an eligible member."""
    if campaign.kind != CampaignKind.FREE:
        raise ApplicationError(_("Cette campagne ne donne pas de bons gratuits."))
    _check_member(territory=campaign.territory, user=holder)
    campaign = _lock_funding(campaign)
    _check_issuing(campaign)
    _check_cap(campaign=campaign, user=holder, value=campaign.face_value)
    voucher = _issue(
        campaign=campaign,
        holder=holder,
        units=1,
        paid=Decimal("0.00"),
        payment_method=PaymentMethod.FREE,
        by=by,
        idempotency_key=None,
    )
    _notify_holder(voucher)
    return voucher


@transaction.atomic
def claim_codes_generate(*, campaign: Campaign, count: int, by: User) -> list[Voucher]:
    """Issue `count` free vouchers without holder, each with a claim code for social services.

    The budget is drawn now: a code handed out is a promise the collectivité must keep.
    """
    if campaign.kind != CampaignKind.FREE:
        raise ApplicationError(_("Les codes à réclamer sont pour les campagnes de bons gratuits."))
    if not 1 <= count <= MAX_CLAIM_CODES:
        raise ApplicationError(
            _("Générez de 1 à %(max)s codes à la fois.") % {"max": MAX_CLAIM_CODES}
        )
    campaign = _lock_funding(campaign)
    _check_issuing(campaign)
    return [
        _issue(
            campaign=campaign,
            holder=None,
            units=1,
            paid=Decimal("0.00"),
            payment_method=PaymentMethod.FREE,
            by=by,
            idempotency_key=None,
            claim_code=_new_code(campaign.territory, "claim_code", CLAIM_CODE_LENGTH),
        )
        for _n in range(count)
    ]


def claim_code_error() -> ApplicationError:
    return ApplicationError(
        _("Ce code n'existe pas ou a déjà servi. Vérifiez-le, lettre par lettre."),
        code=VoucherErrorCode.WRONG_CODE,
    )


@transaction.atomic
def voucher_claim(*, territory: Territory, user: User, code: str) -> Voucher:
    """A member enters a claim code received from social services: the voucher becomes theirs."""
    _check_member(territory=territory, user=user)
    normalised = normalise_code(code)
    if not normalised:
        raise claim_code_error()
    voucher = (
        Voucher.objects.select_for_update()
        .filter(territory=territory, claim_code=normalised, holder__isnull=True)
        .first()
    )
    if voucher is None or voucher.claimed_at is not None:
        raise claim_code_error()
    campaign = _lock_funding(voucher.campaign)
    if not campaign.is_spendable_on(timezone.localdate()):
        raise ApplicationError(
            _("Ce code a expiré : la campagne est terminée."), code=VoucherErrorCode.EXPIRED
        )
    _check_cap(campaign=campaign, user=user, value=voucher.issued_value)
    voucher.holder = user
    voucher.claimed_at = timezone.now()
    voucher.save(update_fields=["holder", "claimed_at"])
    _notify_holder(voucher)
    return voucher
