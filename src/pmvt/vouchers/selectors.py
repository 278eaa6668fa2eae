"""Reads of the vouchers area; balances always come from the ledger's entries."""

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.actors.models import Actor, ActorStatus
from pmvt.territories.models import Territory
from pmvt.vouchers.ledger import ZERO, last_balance
from pmvt.vouchers.models import (
    AccountKind,
    Campaign,
    CampaignStatus,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    Participation,
    ParticipationStatus,
    TransactionKind,
    Voucher,
)


def _latest_balance(account_path: str) -> Subquery:
    latest = LedgerEntry.objects.filter(**{"account": OuterRef(account_path)}).order_by("-pk")
    return Subquery(latest.values("balance_after")[:1])


def campaign_of_territory(*, territory: Territory, slug: str) -> Campaign | None:
    return (
        Campaign.objects.filter(territory=territory, slug=slug).select_related("territory").first()
    )


def public_campaigns(*, territory: Territory) -> QuerySet[Campaign]:
    """Campaigns people can still use: open, or closed but spendable."""
    return (
        Campaign.objects.filter(territory=territory, spend_deadline__gte=timezone.localdate())
        .exclude(status=CampaignStatus.DRAFT)
        .select_related("territory")
        .order_by("spend_deadline", "name")
    )


def admin_campaigns(*, territory: Territory) -> QuerySet[Campaign]:
    funding = LedgerAccount.objects.filter(
        campaign=OuterRef("pk"), kind=AccountKind.FUNDING
    ).values("pk")[:1]
    latest = LedgerEntry.objects.filter(account_id=OuterRef("funding_id")).order_by("-pk")
    return (
        Campaign.objects.filter(territory=territory)
        .select_related("territory")
        .annotate(funding_id=Subquery(funding))
        .annotate(funding_left=Subquery(latest.values("balance_after")[:1]))
        .order_by("-issue_starts", "name", "pk")
    )


@dataclass
class BudgetUse:
    budget: Decimal
    used: Decimal

    @property
    def percent(self) -> int:
        return int(self.used * 100 / self.budget) if self.budget else 0


def budget_use(campaign: Campaign) -> BudgetUse:
    if campaign.status == CampaignStatus.DRAFT:
        return BudgetUse(budget=campaign.budget, used=ZERO)
    funding = LedgerAccount.objects.get(campaign=campaign, kind=AccountKind.FUNDING)
    return BudgetUse(budget=campaign.budget, used=campaign.budget - last_balance(funding))


def participating_actors(campaign: Campaign) -> list[Actor]:
    """Approved and verified actors taking the campaign's vouchers."""
    return list(
        Actor.objects.filter(
            territory_id=campaign.territory_id,
            status=ActorStatus.VERIFIED,
            pk__in=Participation.objects.filter(
                campaign=campaign, status=ParticipationStatus.APPROVED
            ).values("actor_id"),
        )
        .select_related("territory", "commune")
        .order_by("trade_name", "legal_name")
    )


def participations_of_campaign(campaign: Campaign) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(campaign=campaign)
        .select_related("actor", "actor__commune")
        .order_by("status", "actor__trade_name", "actor__legal_name")
    )


def participations_of_actor(actor: Actor) -> dict[int, Participation]:
    return {p.campaign_id: p for p in Participation.objects.filter(actor=actor)}


def vouchers_of_holder(*, territory: Territory, user) -> QuerySet[Voucher]:
    return (
        Voucher.objects.filter(territory=territory, holder=user)
        .select_related("campaign", "territory")
        .annotate(balance=_latest_balance("account"))
        .order_by("campaign__spend_deadline", "-created_at", "-pk")
    )


def voucher_by_code(*, territory: Territory, code: str) -> Voucher | None:
    return (
        Voucher.objects.filter(territory=territory, code=code)
        .select_related("campaign", "territory", "holder")
        .annotate(balance=_latest_balance("account"))
        .first()
    )


def voucher_history(voucher: Voucher) -> QuerySet[LedgerEntry]:
    return (
        LedgerEntry.objects.filter(account__voucher=voucher)
        .select_related("transaction", "transaction__actor")
        .order_by("-pk")
    )


def vouchers_of_campaign(campaign: Campaign) -> QuerySet[Voucher]:
    return (
        Voucher.objects.filter(campaign=campaign)
        .select_related("holder")
        .annotate(balance=_latest_balance("account"))
        .order_by("-created_at", "-pk")
    )


def unclaimed_codes(campaign: Campaign) -> QuerySet[Voucher]:
    return (
        Voucher.objects.filter(campaign=campaign, holder__isnull=True, claimed_at__isnull=True)
        .exclude(claim_code="")
        .order_by("pk")
    )


@dataclass
class CashIn:
    transaction: LedgerTransaction
    amount: Decimal
    refunded: Decimal
    voucher_code: str

    @property
    def refundable(self) -> Decimal:
        return self.amount - self.refunded


def cash_ins_today(actor: Actor) -> list[CashIn]:
    """The in-shop spends at this actor today, with what was refunded: refunds are same-day."""
    start = datetime.combine(timezone.localdate(), time.min, tzinfo=timezone.get_current_timezone())
    spends = (
        LedgerTransaction.objects.filter(
            territory_id=actor.territory_id,
            actor=actor,
            kind=TransactionKind.SPEND,
            order_reference="",
            created_at__gte=start,
        )
        .filter(reversals__isnull=True)
        .annotate(
            amount=Sum("entries__amount", filter=Q(entries__account_kind=AccountKind.HOLDER)),
        )
        .order_by("-created_at", "-pk")
    )
    spends_list = list(spends)
    refunds = dict(
        LedgerEntry.objects.filter(
            transaction__refund_of__in=[s.pk for s in spends_list],
            account_kind=AccountKind.MERCHANT,
        )
        .values_list("transaction__refund_of_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    codes = dict(
        LedgerEntry.objects.filter(
            transaction__in=[s.pk for s in spends_list], account_kind=AccountKind.HOLDER
        ).values_list("transaction_id", "account__voucher__code")
    )
    return [
        CashIn(
            transaction=s,
            amount=s.amount or ZERO,
            refunded=refunds.get(s.pk) or ZERO,
            voucher_code=codes.get(s.pk, ""),
        )
        for s in spends_list
    ]


def open_vouchers_line(territory: Territory) -> str:
    """The live line of the market door: the campaign people can buy into now."""
    today = timezone.localdate()
    names = list(
        Campaign.objects.filter(
            territory=territory,
            status=CampaignStatus.OPEN,
            issue_starts__lte=today,
            issue_ends__gte=today,
        )
        .order_by("issue_ends", "name")
        .values_list("name", flat=True)[:2]
    )
    if not names:
        return ""
    return _("Campagne en cours : %(name)s") % {"name": names[0]}
