"""Monthly reimbursement statements: what the territory owes each actor, and paying it."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Territory
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.ledger import ZERO, ledger_post
from pmvt.vouchers.models import (
    AccountKind,
    Campaign,
    LedgerEntry,
    Statement,
    StatementStatus,
    TransactionKind,
)
from pmvt.vouchers.services.campaigns import campaign_account
from pmvt.vouchers.services.spending import merchant_account


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(period: date) -> date:
    return date(period.year + (period.month == 12), period.month % 12 + 1, 1)


def period_bounds(period: date) -> tuple[datetime, datetime]:
    """The month as aware datetimes in the territory's time zone (Europe/Paris)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(period, time.min, tzinfo=zone)
    end = datetime.combine(next_month(period), time.min, tzinfo=zone)
    return start, end


def _period_entries(*, territory: Territory, period: date):
    """Merchant entries of spends, refunds and their reversals in the month."""
    start, end = period_bounds(period)
    return LedgerEntry.objects.filter(
        territory=territory,
        account_kind=AccountKind.MERCHANT,
        transaction__created_at__gte=start,
        transaction__created_at__lt=end,
    ).exclude(transaction__kind=TransactionKind.REIMBURSE)


@dataclass
class StatementRow:
    campaign: Campaign
    actor: Actor
    period: date
    amount: Decimal
    count: int
    statement: Statement | None

    @property
    def is_paid(self) -> bool:
        return self.statement is not None and self.statement.status == StatementStatus.PAID


def statements_of_period(
    *, territory: Territory, period: date, actor: Actor | None = None
) -> list[StatementRow]:
    """One row per campaign and actor with spends in the month: amount due, paid or not."""
    entries = _period_entries(territory=territory, period=period)
    if actor is not None:
        entries = entries.filter(account__actor=actor)
    totals = list(
        entries.values("account__campaign_id", "account__actor_id")
        .annotate(total=Sum("amount"), count=Count("transaction_id", distinct=True))
        .order_by()
    )
    campaigns = Campaign.objects.filter(
        pk__in={t["account__campaign_id"] for t in totals}
    ).select_related("territory")
    actors = Actor.objects.filter(pk__in={t["account__actor_id"] for t in totals})
    by_campaign = {c.pk: c for c in campaigns}
    by_actor = {a.pk: a for a in actors}
    statements = {
        (s.campaign_id, s.actor_id): s
        for s in Statement.objects.filter(territory=territory, period=period)
    }
    rows = [
        StatementRow(
            campaign=by_campaign[t["account__campaign_id"]],
            actor=by_actor[t["account__actor_id"]],
            period=period,
            amount=-(t["total"] or ZERO),  # Merchant accounts are credit-normal.
            count=t["count"],
            statement=statements.get((t["account__campaign_id"], t["account__actor_id"])),
        )
        for t in totals
    ]
    rows.sort(key=lambda r: (r.campaign.name, r.actor.display_name, r.actor.pk))
    return rows


def statement_amount(*, campaign: Campaign, actor: Actor, period: date) -> Decimal:
    total = (
        _period_entries(territory=campaign.territory, period=period)
        .filter(account__campaign=campaign, account__actor=actor)
        .aggregate(total=Sum("amount"))["total"]
    )
    return -(total or ZERO)


@transaction.atomic
def statement_mark_paid(*, campaign: Campaign, actor: Actor, period: date, by: User) -> Statement:
    """Record the transfer to the actor: merchant → paid. A statement is paid once only."""
    period = month_start(period)
    if period >= month_start(timezone.localdate()):
        raise ApplicationError(
            _("Un mois se rembourse une fois terminé."), code=VoucherErrorCode.INVALID_STATE
        )
    try:
        with transaction.atomic():
            statement, _created = Statement.objects.get_or_create(
                territory=campaign.territory, campaign=campaign, actor=actor, period=period
            )
    except IntegrityError:
        statement = Statement.objects.get(campaign=campaign, actor=actor, period=period)
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.status == StatementStatus.PAID:
        raise ApplicationError(_("Ce relevé est déjà payé."), code=VoucherErrorCode.ALREADY_DONE)
    amount = statement_amount(campaign=campaign, actor=actor, period=period)
    if amount <= 0:
        raise ApplicationError(
            _("Rien à rembourser pour ce mois."), code=VoucherErrorCode.INVALID_AMOUNT
        )
    posted = ledger_post(
        territory=campaign.territory,
        campaign=campaign,
        kind=TransactionKind.REIMBURSE,
        lines=[
            (merchant_account(campaign=campaign, actor=actor), amount),
            (campaign_account(campaign, AccountKind.PAID), -amount),
        ],
        memo=_("Remboursement du mois %(period)s") % {"period": period.strftime("%m/%Y")},
        by=by,
        idempotency_key=f"reimburse:{statement.pk}",
        actor_id=actor.pk,
    )
    statement.status = StatementStatus.PAID
    statement.amount = amount
    statement.transaction = posted
    statement.paid_at = timezone.now()
    statement.paid_by = by
    statement.save(update_fields=["status", "amount", "transaction", "paid_at", "paid_by"])
    return statement


def statements_of_actor(*, actor: Actor, since: date) -> list[StatementRow]:
    """The actor's statements from the month `since` on, the latest month first."""
    from django.db.models.functions import TruncMonth

    zone = ZoneInfo(settings.TIME_ZONE)
    start, _end = period_bounds(month_start(since))
    totals = list(
        LedgerEntry.objects.filter(
            territory_id=actor.territory_id,
            account_kind=AccountKind.MERCHANT,
            account__actor=actor,
            transaction__created_at__gte=start,
        )
        .exclude(transaction__kind=TransactionKind.REIMBURSE)
        .annotate(month=TruncMonth("transaction__created_at", tzinfo=zone))
        .values("month", "account__campaign_id")
        .annotate(total=Sum("amount"), count=Count("transaction_id", distinct=True))
        .order_by()
    )
    campaigns = {
        c.pk: c for c in Campaign.objects.filter(pk__in={t["account__campaign_id"] for t in totals})
    }
    statements = {
        (s.campaign_id, s.period): s
        for s in Statement.objects.filter(actor=actor, period__gte=month_start(since))
    }
    rows = []
    for t in totals:
        month = t["month"]
        period = (month.astimezone(zone).date() if hasattr(month, "astimezone") else month).replace(
            day=1
        )
        rows.append(
            StatementRow(
                campaign=campaigns[t["account__campaign_id"]],
                actor=actor,
                period=period,
                amount=-(t["total"] or ZERO),
                count=t["count"],
                statement=statements.get((t["account__campaign_id"], period)),
            )
        )
    rows.sort(key=lambda r: (-r.period.toordinal(), r.campaign.name))
    return rows
