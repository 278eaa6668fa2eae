"""Campaigns (draft → open → closed) and the actors who take part in them."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorStatus
from pmvt.core.exceptions import ApplicationError
from pmvt.notifications.services.inbox import notify
from pmvt.territories.models import Territory
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.ledger import is_cents, ledger_post
from pmvt.vouchers.models import (
    AccountKind,
    Campaign,
    CampaignKind,
    CampaignStatus,
    LedgerAccount,
    Participation,
    ParticipationStatus,
    TransactionKind,
)

CAMPAIGN_ACCOUNTS = (
    AccountKind.COMMITMENT,
    AccountKind.FUNDING,
    AccountKind.CASH,
    AccountKind.PAID,
    AccountKind.EXPIRED,
)


def _money(value: Decimal, *, label: str, allow_zero: bool = False) -> Decimal:
    if not isinstance(value, Decimal) or not is_cents(value):
        raise ApplicationError(
            _("%(label)s : indiquez un montant en euros, avec deux décimales au plus.")
            % {"label": label},
            code=VoucherErrorCode.INVALID_AMOUNT,
        )
    if value < 0 or (value == 0 and not allow_zero):
        raise ApplicationError(
            _("%(label)s : le montant doit être positif.") % {"label": label},
            code=VoucherErrorCode.INVALID_AMOUNT,
        )
    return value


def _unique_slug(territory: Territory, name: str) -> str:
    base = slugify(name)[:100] or "campagne"
    slug, n = base, 2
    while Campaign.objects.filter(territory=territory, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def campaign_create(
    *,
    territory: Territory,
    by: User,
    name: str,
    kind: str,
    face_value: Decimal,
    price: Decimal,
    budget: Decimal,
    per_person_cap: Decimal,
    issue_starts: date,
    issue_ends: date,
    spend_deadline: date,
    max_units: int = 5,
    description: str = "",
    where_to_buy: str = "",
) -> Campaign:
    """A draft campaign; nothing is posted to the ledger before it opens."""
    if kind not in CampaignKind.values:
        raise ApplicationError(_("Choisissez le type de campagne."))
    _money(face_value, label=_("Valeur d'un bon"))
    _money(price, label=_("Prix payé"), allow_zero=True)
    _money(budget, label=_("Budget"))
    _money(per_person_cap, label=_("Plafond par personne"))
    if kind == CampaignKind.FREE:
        price = Decimal("0.00")
    elif price <= 0:
        raise ApplicationError(_("Un achat abondé a un prix payé par l'acheteur."))
    if price > face_value:
        raise ApplicationError(_("Le prix payé ne peut pas dépasser la valeur du bon."))
    if per_person_cap < face_value:
        raise ApplicationError(
            _("Le plafond par personne doit permettre au moins un bon de cette valeur.")
        )
    if not issue_starts <= issue_ends <= spend_deadline:
        raise ApplicationError(
            _(
                "Les dates doivent se suivre : début des émissions, fin des émissions, "
                "puis date limite d'utilisation."
            )
        )
    if not 1 <= max_units <= 50:
        raise ApplicationError(_("Le nombre de bons par achat va de 1 à 50."))
    return Campaign.objects.create(
        territory=territory,
        name=name.strip(),
        slug=_unique_slug(territory, name),
        description=description,
        kind=kind,
        price=price,
        face_value=face_value,
        max_units=max_units,
        budget=budget,
        per_person_cap=per_person_cap,
        issue_starts=issue_starts,
        issue_ends=issue_ends,
        spend_deadline=spend_deadline,
        where_to_buy=where_to_buy,
        created_by=by,
    )


def campaign_account(campaign: Campaign, kind: str) -> LedgerAccount:
    return LedgerAccount.objects.get(
        campaign=campaign, kind=kind, voucher__isnull=True, actor__isnull=True
    )


@transaction.atomic
def campaign_open(*, campaign: Campaign, by: User) -> Campaign:
    """Open the campaign: create its accounts and credit the funding account with the budget."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status != CampaignStatus.DRAFT:
        raise ApplicationError(
            _("Seule une campagne en brouillon peut être ouverte."),
            code=VoucherErrorCode.INVALID_STATE,
        )
    accounts = {
        kind: LedgerAccount.objects.create(territory=locked.territory, campaign=locked, kind=kind)
        for kind in CAMPAIGN_ACCOUNTS
    }
    ledger_post(
        territory=locked.territory,
        campaign=locked,
        kind=TransactionKind.BUDGET,
        lines=[
            (accounts[AccountKind.COMMITMENT], locked.budget),
            (accounts[AccountKind.FUNDING], -locked.budget),
        ],
        memo=_("Budget de la campagne"),
        by=by,
        idempotency_key=f"budget:{locked.pk}",
    )
    locked.status = CampaignStatus.OPEN
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def campaign_close(*, campaign: Campaign, by: User) -> Campaign:
    """Stop issuing; vouchers already issued stay spendable until the spending deadline."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status != CampaignStatus.OPEN:
        raise ApplicationError(
            _("Seule une campagne ouverte peut être clôturée."),
            code=VoucherErrorCode.INVALID_STATE,
        )
    locked.status = CampaignStatus.CLOSED
    locked.save(update_fields=["status"])
    return locked


# --- participations ---------------------------------------------------------------------------


@transaction.atomic
def participation_request(*, campaign: Campaign, actor: Actor, by: User) -> Participation:
    """An actor asks to accept the campaign's vouchers; the territory's admins decide."""
    if actor.territory_id != campaign.territory_id:
        raise ApplicationError(_("Cette campagne est celle d'un autre territoire."))
    if actor.status != ActorStatus.VERIFIED:
        raise ApplicationError(
            _("Votre activité doit être vérifiée par le territoire pour accepter les bons."),
            code=VoucherErrorCode.ACTOR_NOT_VERIFIED,
        )
    if campaign.status == CampaignStatus.DRAFT or timezone.localdate() > campaign.spend_deadline:
        raise ApplicationError(
            _("Cette campagne n'accepte pas de nouvelles participations."),
            code=VoucherErrorCode.CAMPAIGN_NOT_OPEN,
        )
    existing = Participation.objects.filter(campaign=campaign, actor=actor).first()
    if existing is not None:
        if existing.status == ParticipationStatus.REFUSED:
            existing.status = ParticipationStatus.PENDING
            existing.requested_by = by
            existing.save(update_fields=["status", "requested_by"])
        return existing
    try:
        with transaction.atomic():
            return Participation.objects.create(
                territory=campaign.territory, campaign=campaign, actor=actor, requested_by=by
            )
    except IntegrityError:
        return Participation.objects.get(campaign=campaign, actor=actor)


def _notify_team(participation: Participation, title: str) -> None:
    from pmvt.actors.models import ActorStaff

    url = reverse(
        "vouchers:pro_home",
        kwargs={
            "territory_slug": participation.territory.slug,
            "actor_slug": participation.actor.slug,
        },
    )
    for staff in ActorStaff.objects.filter(actor=participation.actor).select_related("user"):
        notify(
            user=staff.user,
            territory=participation.territory,
            kind="vouchers_participation",
            title=title,
            url=url,
        )


@transaction.atomic
def participation_approve(*, participation: Participation, by: User) -> Participation:
    locked = Participation.objects.select_for_update().get(pk=participation.pk)
    if locked.status == ParticipationStatus.APPROVED:
        return locked
    locked.status = ParticipationStatus.APPROVED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    # The merchant account exists from approval on, so that concurrent first spends find it.
    LedgerAccount.objects.get_or_create(
        territory=locked.territory,
        campaign=locked.campaign,
        actor=locked.actor,
        defaults={"kind": AccountKind.MERCHANT},
    )
    _notify_team(
        locked,
        _("Votre participation à « %(campaign)s » est acceptée : vous pouvez encaisser ses bons.")
        % {"campaign": locked.campaign.name},
    )
    return locked


@transaction.atomic
def participation_refuse(*, participation: Participation, by: User) -> Participation:
    """Refuse (or withdraw) a participation: the actor stops accepting the campaign's vouchers."""
    locked = Participation.objects.select_for_update().get(pk=participation.pk)
    if locked.status == ParticipationStatus.REFUSED:
        return locked
    locked.status = ParticipationStatus.REFUSED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    _notify_team(
        locked,
        _("Votre participation à « %(campaign)s » n'est pas acceptée.")
        % {"campaign": locked.campaign.name},
    )
    return locked
