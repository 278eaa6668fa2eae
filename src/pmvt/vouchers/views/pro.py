"""The seller's pro space: take part in campaigns, cash vouchers in by code, statements."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.actors.models import Actor
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory
from pmvt.vouchers.access import (
    access_participation_as_editor,
    access_vouchers_as_staff,
    can_request_participation,
)
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.forms import LookupForm, RefundForm, SpendForm, new_key
from pmvt.vouchers.ledger import last_balance
from pmvt.vouchers.models import LedgerTransaction, Voucher
from pmvt.vouchers.ratelimit import check_not_limited, record_wrong_code
from pmvt.vouchers.selectors import (
    campaign_of_territory,
    cash_ins_today,
    participations_of_actor,
    public_campaigns,
)
from pmvt.vouchers.services.campaigns import participation_request
from pmvt.vouchers.services.spending import spend_refund, voucher_lookup, voucher_spend
from pmvt.vouchers.services.statements import month_start, statements_of_actor
from pmvt.vouchers.views.common import first_name


def _url(name: str, actor: Actor) -> str:
    return reverse(name, kwargs={"territory_slug": actor.territory.slug, "actor_slug": actor.slug})


def _crumbs(actor: Actor, *items: tuple[str, str]) -> list[tuple[str, str]]:
    territory = actor.territory
    return breadcrumbs(
        territory,
        (_("Espace pro"), reverse("actors:pro_index", kwargs={"territory_slug": territory.slug})),
        (actor.display_name, _url("actors:pro_home", actor)),
        (_("Bons d'achat"), _url("vouchers:pro_home", actor)),
        *items,
    )


def _actor(request: HttpRequest, actor_slug: str) -> tuple[Territory, Actor]:
    territory = require_territory(request)
    actor = (
        Actor.objects.filter(territory=territory, slug=actor_slug)
        .select_related("territory")
        .first()
    )
    if actor is None:
        raise Http404
    access_vouchers_as_staff(user=request.user, actor=actor)
    return territory, actor


def _page(
    request: HttpRequest, template: str, actor: Actor, section: str, **context
) -> HttpResponse:
    status = context.pop("status", 200)
    return render(
        request,
        template,
        {"territory": actor.territory, "actor": actor, "section": section, **context},
        status=status,
    )


def pro_home(request: HttpRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _actor(request, actor_slug)
    participations = participations_of_actor(actor)
    campaigns = [
        (campaign, participations.get(campaign.pk))
        for campaign in public_campaigns(territory=territory)
    ]
    return _page(
        request,
        "vouchers/pro/home.html",
        actor,
        "home",
        campaigns=campaigns,
        can_request=can_request_participation(user=request.user, actor=actor),
        breadcrumb_items=[*_crumbs(actor)[:-1], (_("Bons d'achat"), "")],
    )


@require_POST
def pro_participate(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, campaign_slug: str
) -> HttpResponse:
    territory, actor = _actor(request, actor_slug)
    access_participation_as_editor(user=request.user, actor=actor)
    campaign = campaign_of_territory(territory=territory, slug=campaign_slug)
    if campaign is None:
        raise Http404
    try:
        participation_request(campaign=campaign, actor=actor, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Votre demande est envoyée : le territoire vous répondra ici et par notification."),
        )
    return redirect(_url("vouchers:pro_home", actor))


def pro_cash_in(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    """Three steps, no JavaScript: type the code, see the balance and type the amount, confirm."""
    _territory, actor = _actor(request, actor_slug)
    scope = f"lookup:{actor.pk}"
    lookup_form = LookupForm(request.POST if request.POST.get("step") == "lookup" else None)
    spend_form: SpendForm | None = None
    found: Voucher | None = None
    step = request.POST.get("step") if request.method == "POST" else ""
    if step in ("lookup", "spend"):
        code = request.POST.get("code", "")
        try:
            check_not_limited(scope, request)
            found = voucher_lookup(actor=actor, code=code)
        except ApplicationError as error:
            if error.code == VoucherErrorCode.WRONG_CODE:
                record_wrong_code(scope, request)
            lookup_form = LookupForm(request.POST)
            lookup_form.is_valid()
            lookup_form.add_error(None, str(error.message))
            found = None
    if found is not None and step == "lookup":
        spend_form = SpendForm(initial={"code": found.code, "idempotency_key": new_key()})
    if found is not None and step == "spend":
        spend_form = SpendForm(request.POST)
        if spend_form.is_valid():
            try:
                voucher_spend(
                    voucher=found,
                    actor=actor,
                    amount=spend_form.cleaned_data["amount"],
                    by=request.user,
                    idempotency_key=spend_form.cleaned_data["idempotency_key"],
                )
            except ApplicationError as error:
                spend_form.add_error("amount", str(error.message))
            else:
                messages.success(
                    request,
                    _("Paiement de %(amount)s encaissé. Solde restant sur le bon : %(left)s.")
                    % {
                        "amount": euros_text(spend_form.cleaned_data["amount"].replace(",", ".")),
                        "left": euros_text(last_balance(found.account)),
                    },
                )
                return redirect(_url("vouchers:pro_cash_in", actor))
    return _page(
        request,
        "vouchers/pro/cash_in.html",
        actor,
        "cash_in",
        lookup_form=lookup_form if found is None else None,
        spend_form=spend_form,
        voucher=found,
        balance=last_balance(found.account) if found is not None else None,
        holder_name=first_name(found.holder) if found is not None else "",
        cash_ins=cash_ins_today(actor),
        refund_key=new_key(),
        status=400 if (lookup_form.errors or (spend_form and spend_form.errors)) else 200,
        breadcrumb_items=_crumbs(actor, (_("Encaisser un bon"), "")),
    )


@require_POST
def pro_refund(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, transaction_id: int
) -> HttpResponse:
    _territory, actor = _actor(request, actor_slug)
    spend = LedgerTransaction.objects.filter(
        territory_id=actor.territory_id, actor=actor, pk=transaction_id
    ).first()
    if spend is None:
        raise Http404
    form = RefundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le montant à rendre."))
    else:
        try:
            spend_refund(
                spend=spend,
                actor=actor,
                amount=form.cleaned_data["amount"],
                by=request.user,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Le montant est rendu sur le bon."))
    return redirect(_url("vouchers:pro_cash_in", actor))


def pro_statements(request: HttpRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    _territory, actor = _actor(request, actor_slug)
    current = month_start(timezone.localdate())
    since = date(current.year - 1, current.month, 1)
    rows = statements_of_actor(actor=actor, since=since)
    return _page(
        request,
        "vouchers/pro/statements.html",
        actor,
        "statements",
        rows=rows,
        current_month=current,
        breadcrumb_items=_crumbs(actor, (_("Relevés de remboursement"), "")),
    )
