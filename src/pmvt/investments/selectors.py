"""Reads of the investments area: public list, one call, totals, pledges, the approval queue.

Totals come from one aggregate over the pledges (annotated on lists): a list page costs the
same number of queries whatever its length.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.catalog.kinds import KindHit, KindResults
from pmvt.catalog.text import search_tokens
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.investments.models import (
    CallDocument,
    CallKind,
    CallNews,
    CallStatus,
    Instrument,
    InvestmentCall,
    Pledge,
)
from pmvt.territories.models import Territory

MONEY: DecimalField = DecimalField(max_digits=14, decimal_places=2)

PERIOD_OPEN = "open"
PERIOD_CLOSED = "closed"


@dataclass(frozen=True)
class CallFilters:
    kind: str = ""
    commune_id: int | None = None
    instrument: str = ""
    period: str = ""  # "", PERIOD_OPEN, PERIOD_CLOSED


@dataclass(frozen=True)
class Totals:
    pledged: Decimal
    pledgers: int
    sought: Decimal
    percent: Decimal = field(init=False)
    bar: int = field(init=False)  # 0..100 for <progress>

    def __post_init__(self) -> None:
        percent = (self.pledged * 100 / self.sought).quantize(Decimal("1")) if self.sought else 0
        object.__setattr__(self, "percent", Decimal(percent))
        object.__setattr__(self, "bar", int(min(Decimal(100), Decimal(percent))))


def with_totals(calls: QuerySet[InvestmentCall]) -> QuerySet[InvestmentCall]:
    return calls.annotate(
        pledged_total=Coalesce(Sum("pledges__amount"), Value(Decimal("0.00")), output_field=MONEY),
        pledger_count=Count("pledges"),
    )


def totals_of(call: InvestmentCall) -> Totals:
    """The progress of a call; from its annotations when present, else one aggregate query."""
    if hasattr(call, "pledged_total"):
        pledged, count = call.pledged_total, call.pledger_count  # type: ignore[attr-defined]
    else:
        found = Pledge.objects.filter(call=call).aggregate(
            pledged=Coalesce(Sum("amount"), Value(Decimal("0.00")), output_field=MONEY),
            count=Count("pk"),
        )
        pledged, count = found["pledged"], found["count"]
    return Totals(pledged=Decimal(pledged), pledgers=count, sought=call.amount_sought)


def _public(territory: Territory) -> QuerySet[InvestmentCall]:
    return InvestmentCall.objects.filter(
        territory=territory, status__in=[CallStatus.PUBLISHED, CallStatus.CLOSED]
    ).select_related("territory", "actor", "commune")


def _open_q(today: date) -> Q:
    return Q(status=CallStatus.PUBLISHED, opens_on__lte=today, closes_on__gte=today)


def call_list(
    *, territory: Territory, filters: CallFilters, today: date
) -> QuerySet[InvestmentCall]:
    """Public calls, open ones first (closing soonest first), then upcoming, then the past."""
    calls = _public(territory)
    if filters.kind:
        calls = calls.filter(kind=filters.kind)
    if filters.commune_id:
        calls = calls.filter(commune_id=filters.commune_id)
    if filters.instrument == Instrument.DONATION:
        calls = calls.filter(accepts_donation=True)
    elif filters.instrument == Instrument.LOAN:
        calls = calls.filter(accepts_loan=True)
    elif filters.instrument == Instrument.SHARES:
        calls = calls.filter(accepts_shares=True)
    if filters.period == PERIOD_OPEN:
        calls = calls.filter(_open_q(today))
    elif filters.period == PERIOD_CLOSED:
        calls = calls.filter(Q(status=CallStatus.CLOSED) | Q(closes_on__lt=today))
    return with_totals(calls).order_by(
        "-closes_on" if filters.period == PERIOD_CLOSED else "closes_on", "pk"
    )


def open_calls_count(*, territory: Territory, today: date) -> int:
    return _public(territory).filter(_open_q(today)).count()


def open_calls_line(territory: Territory) -> str:
    """The live line of the door section: "3 projets ouverts" ("" when none)."""
    count = open_calls_count(territory=territory, today=timezone.localdate())
    if not count:
        return ""
    return ngettext(
        "%(count)d projet ouvert aux promesses",
        "%(count)d projets ouverts aux promesses",
        count,
    ) % {"count": count}


def call_of_territory(*, territory: Territory, slug: str) -> InvestmentCall | None:
    return (
        InvestmentCall.objects.filter(territory=territory, slug=slug)
        .select_related("territory", "actor", "commune")
        .first()
    )


def call_documents(*, call: InvestmentCall) -> list[CallDocument]:
    return list(CallDocument.objects.filter(call=call).select_related("call__territory"))


def call_document(*, call: InvestmentCall, document_id: int) -> CallDocument | None:
    return CallDocument.objects.filter(call=call, pk=document_id).first()


def call_news(*, call: InvestmentCall) -> list[CallNews]:
    return list(CallNews.objects.filter(call=call))


def pledge_of(*, call: InvestmentCall, user: User) -> Pledge | None:
    if not user.is_authenticated:
        return None
    return Pledge.objects.filter(call=call, user=user).first()


def call_pledges(*, call: InvestmentCall) -> QuerySet[Pledge]:
    """The individual pledges of a call, for its holder: oldest first, with the pledger."""
    return Pledge.objects.filter(call=call).select_related("user").order_by("created_at", "pk")


def member_pledges(*, territory: Territory, user: User) -> QuerySet[Pledge]:
    return (
        Pledge.objects.filter(territory=territory, user=user)
        .select_related("call__territory", "call__actor")
        .order_by("-created_at", "-pk")
    )


def actor_calls(*, actor: Actor) -> QuerySet[InvestmentCall]:
    return with_totals(
        InvestmentCall.objects.filter(territory_id=actor.territory_id, actor=actor)
        .select_related("territory", "actor", "commune")
        .order_by("-created_at", "-pk")
    )


def admin_calls(*, territory: Territory) -> QuerySet[InvestmentCall]:
    """Every call of the territory for its admins: those awaiting review first."""
    return with_totals(
        InvestmentCall.objects.filter(territory=territory)
        .exclude(status=CallStatus.DRAFT, actor__isnull=False)
        .select_related("territory", "actor", "commune")
        .order_by("-submitted_at", "-created_at", "-pk")
    )


def review_queue(*, territory: Territory) -> QuerySet[InvestmentCall]:
    return (
        InvestmentCall.objects.filter(territory=territory, status=CallStatus.SUBMITTED)
        .select_related("territory", "actor", "commune")
        .order_by("submitted_at", "pk")
    )


def search_calls(territory: Territory, query: str, limit: int, offset: int) -> KindResults:
    """The marketplace search of the calls open to pledges (catalog.kinds.SearchFunction)."""
    today = timezone.localdate()
    calls = _public(territory).filter(_open_q(today))
    for token in dict.fromkeys(search_tokens(query)):
        calls = calls.filter(search_text__contains=f" {token}")
    count = calls.count()
    hits = []
    for call in with_totals(calls).order_by("closes_on", "pk")[offset : offset + limit]:
        totals = totals_of(call)
        meta = [str(CallKind(call.kind).label), call.holder_name]
        if call.commune:
            meta.append(call.commune.name)
        meta.append(
            _("%(pledged)s promis sur %(sought)s")
            % {"pledged": euros_text(totals.pledged), "sought": euros_text(totals.sought)}
        )
        hits.append(
            KindHit(
                title=call.title,
                url=call.get_absolute_url(),
                summary=call.summary,
                meta=meta,
                when=call.closes_on,
                badge=_("Promesses non engageantes"),
            )
        )
    return KindResults(count=count, hits=hits)
