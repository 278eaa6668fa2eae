"""The territory's back office (the agent): campaigns, purchases, participations, statements."""

import csv
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest, id_param
from pmvt.core.spreadsheet import safe_cell
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory
from pmvt.vouchers.access import access_vouchers_as_admin
from pmvt.vouchers.forms import CampaignForm, ClaimCodesForm, GrantForm, PurchaseForm, new_key
from pmvt.vouchers.models import Campaign, CampaignKind, Participation, Voucher
from pmvt.vouchers.selectors import (
    admin_campaigns,
    budget_use,
    campaign_of_territory,
    participations_of_campaign,
    unclaimed_codes,
    vouchers_of_campaign,
)
from pmvt.vouchers.services.campaigns import (
    campaign_close,
    campaign_create,
    campaign_open,
    participation_approve,
    participation_refuse,
)
from pmvt.vouchers.services.issuing import (
    claim_codes_generate,
    voucher_grant_free,
    voucher_purchase_record,
)
from pmvt.vouchers.services.statements import (
    month_start,
    statement_mark_paid,
    statements_of_period,
)

PER_PAGE = 25


def _gestion(territory: Territory) -> tuple[str, str]:
    return (
        _("Gestion"),
        reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug}),
    )


def _list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Bons d'achat"),
        reverse("vouchers:admin_list", kwargs={"territory_slug": territory.slug}),
    )


def _crumbs(territory: Territory, *items: tuple[str, str]) -> list[tuple[str, str]]:
    return breadcrumbs(territory, _gestion(territory), _list_trail(territory), *items)


def _admin(request: HttpRequest) -> Territory:
    territory = require_territory(request)
    access_vouchers_as_admin(user=request.user, territory=territory)
    return territory


def _campaign(territory: Territory, slug: str) -> Campaign:
    found = campaign_of_territory(territory=territory, slug=slug)
    if found is None:
        raise Http404
    return found


def _page(request: HttpRequest, template: str, territory: Territory, **context) -> HttpResponse:
    status = context.pop("status", 200)
    return render(
        request,
        template,
        {"territory": territory, "current_door": "market", **context},
        status=status,
    )


def admin_list(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = _admin(request)
    page_obj = Paginator(admin_campaigns(territory=territory), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return _page(
        request,
        "vouchers/admin/list.html",
        territory,
        page_obj=page_obj,
        querystring_base="",
        breadcrumb_items=breadcrumbs(territory, _gestion(territory), (_("Bons d'achat"), "")),
    )


def admin_create(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = _admin(request)
    form = CampaignForm(request.POST or None, initial={"kind": CampaignKind.PURCHASE_BONUS})
    if request.method == "POST" and form.is_valid():
        try:
            created = campaign_create(territory=territory, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("La campagne est enregistrée en brouillon. Ouvrez-la pour engager son budget."),
            )
            return redirect(created.get_admin_url())
    return _page(
        request,
        "vouchers/admin/campaign_form.html",
        territory,
        form=form,
        status=400 if form.errors else 200,
        breadcrumb_items=_crumbs(territory, (_("Nouvelle campagne"), "")),
    )


def admin_campaign(request: HttpRequest, territory_slug: str, campaign_slug: str) -> HttpResponse:
    territory = _admin(request)
    found = _campaign(territory, campaign_slug)
    page_obj = Paginator(vouchers_of_campaign(found), PER_PAGE).get_page(request.GET.get("page"))
    return _page(
        request,
        "vouchers/admin/campaign.html",
        territory,
        campaign=found,
        budget=budget_use(found),
        participations=list(participations_of_campaign(found)),
        page_obj=page_obj,
        querystring_base="",
        unclaimed=unclaimed_codes(found).count(),
        breadcrumb_items=_crumbs(territory, (found.name, "")),
    )


@require_POST
def admin_transition(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str, action: str
) -> HttpResponse:
    territory = _admin(request)
    found = _campaign(territory, campaign_slug)
    try:
        if action == "ouvrir":
            campaign_open(campaign=found, by=request.user)
            messages.success(request, _("La campagne est ouverte : son budget est engagé."))
        elif action == "cloturer":
            campaign_close(campaign=found, by=request.user)
            messages.success(
                request,
                _(
                    "La campagne est clôturée : les bons émis restent utilisables jusqu'à leur date limite."
                ),
            )
        else:
            raise Http404
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect(found.get_admin_url())


@require_POST
def admin_participation(
    request: AuthenticatedRequest,
    territory_slug: str,
    campaign_slug: str,
    participation_id: int,
    action: str,
) -> HttpResponse:
    territory = _admin(request)
    found = _campaign(territory, campaign_slug)
    participation = (
        Participation.objects.filter(campaign=found, pk=participation_id)
        .select_related("actor", "campaign", "territory")
        .first()
    )
    if participation is None:
        raise Http404
    if action == "accepter":
        participation_approve(participation=participation, by=request.user)
        messages.success(
            request,
            _("%(actor)s accepte désormais les bons de la campagne.")
            % {"actor": participation.actor.display_name},
        )
    elif action == "refuser":
        participation_refuse(participation=participation, by=request.user)
        messages.success(
            request,
            _("%(actor)s n'accepte pas les bons de la campagne.")
            % {"actor": participation.actor.display_name},
        )
    else:
        raise Http404
    return redirect(found.get_admin_url())


def _member_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def admin_purchase(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str
) -> HttpResponse:
    """Record a purchase paid at a partner counter or by transfer."""
    territory = _admin(request)
    found = _campaign(territory, campaign_slug)
    if found.kind != CampaignKind.PURCHASE_BONUS:
        raise Http404
    form = PurchaseForm(request.POST or None, initial={"idempotency_key": new_key(), "units": 1})
    if request.method == "POST" and form.is_valid():
        holder = _member_by_email(form.cleaned_data["email"])
        if holder is None:
            form.add_error("email", _("Aucun compte n'a ce courriel."))
        else:
            try:
                issued = voucher_purchase_record(
                    campaign=found,
                    holder=holder,
                    units=form.cleaned_data["units"],
                    payment_method=form.cleaned_data["payment_method"],
                    by=request.user,
                    idempotency_key=form.cleaned_data["idempotency_key"],
                )
            except ApplicationError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("L'achat est enregistré. Voici le reçu à remettre."))
                return redirect(
                    "vouchers:admin_receipt",
                    territory_slug=territory.slug,
                    campaign_slug=found.slug,
                    code=issued.code,
                )
    return _page(
        request,
        "vouchers/admin/purchase.html",
        territory,
        campaign=found,
        form=form,
        status=400 if form.errors else 200,
        breadcrumb_items=_crumbs(
            territory, (found.name, found.get_admin_url()), (_("Enregistrer un achat"), "")
        ),
    )


def admin_receipt(
    request: HttpRequest, territory_slug: str, campaign_slug: str, code: str
) -> HttpResponse:
    territory = _admin(request)
    found = _campaign(territory, campaign_slug)
    issued = (
        Voucher.objects.filter(campaign=found, code=code)
        .select_related("holder", "issued_by")
        .first()
    )
    if issued is None:
        raise Http404
    return _page(
        request,
        "vouchers/admin/receipt.html",
        territory,
        campaign=found,
        voucher=issued,
        breadcrumb_items=_crumbs(territory, (found.name, found.get_admin_url()), (_("Reçu"), "")),
    )


def admin_free(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str
) -> HttpResponse:
    """Free vouchers: give them to members by email, or generate claim codes."""
    territory = _admin(request)
    found = _campaign(territory, campaign_slug)
    if found.kind != CampaignKind.FREE:
        raise Http404
    grant_form = GrantForm(request.POST if request.POST.get("form") == "grant" else None)
    codes_form = ClaimCodesForm(request.POST if request.POST.get("form") == "codes" else None)
    if request.method == "POST" and grant_form.is_bound and grant_form.is_valid():
        given, refused = 0, []
        for email in grant_form.cleaned_data["emails"]:
            holder = _member_by_email(email)
            if holder is None:
                refused.append(_("%(email)s : aucun compte.") % {"email": email})
                continue
            try:
                voucher_grant_free(campaign=found, holder=holder, by=request.user)
                given += 1
            except ApplicationError as error:
                refused.append(f"{email} : {error.message}")
        if given:
            messages.success(request, _("%(count)s bon(s) donné(s).") % {"count": given})
        for line in refused:
            messages.error(request, line)
        return redirect(request.path)
    if request.method == "POST" and codes_form.is_bound and codes_form.is_valid():
        try:
            made = claim_codes_generate(
                campaign=found, count=codes_form.cleaned_data["count"], by=request.user
            )
        except ApplicationError as error:
            codes_form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("%(count)s code(s) générés : téléchargez la liste pour les services sociaux.")
                % {"count": len(made)},
            )
            return redirect(request.path)
    return _page(
        request,
        "vouchers/admin/free.html",
        territory,
        campaign=found,
        grant_form=grant_form,
        codes_form=codes_form,
        unclaimed=unclaimed_codes(found).count(),
        status=400 if grant_form.errors or codes_form.errors else 200,
        breadcrumb_items=_crumbs(
            territory, (found.name, found.get_admin_url()), (_("Bons gratuits"), "")
        ),
    )


def _csv_response(filename: str) -> tuple[HttpResponse, Any]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 with a byte order mark.
    return response, csv.writer(response, delimiter=";")


def admin_codes_csv(request: HttpRequest, territory_slug: str, campaign_slug: str) -> HttpResponse:
    territory = _admin(request)
    found = _campaign(territory, campaign_slug)
    response, writer = _csv_response(f"codes-{found.slug}.csv")
    writer.writerow(
        [_("Code à réclamer"), _("Valeur"), _("Date limite d'utilisation"), _("Adresse")]
    )
    claim_url = request.build_absolute_uri(
        reverse("vouchers:home", kwargs={"territory_slug": territory.slug})
    )
    for item in unclaimed_codes(found):
        writer.writerow(
            [
                safe_cell(item.claim_code),
                safe_cell(euros_text(item.issued_value)),
                safe_cell(found.spend_deadline.strftime("%d/%m/%Y")),
                safe_cell(claim_url),
            ]
        )
    return response


def _period(request: HttpRequest) -> date:
    text = request.GET.get("mois") or request.POST.get("mois") or ""
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        return month_start(timezone.localdate())


def _months(current: date) -> list[date]:
    """The last 12 months, for the period selector."""
    months, day = [], month_start(timezone.localdate())
    for _n in range(12):
        months.append(day)
        day = date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)
    if current not in months:
        months.append(current)
    return months


def admin_statements(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = _admin(request)
    period = _period(request)
    rows = statements_of_period(territory=territory, period=period)
    return _page(
        request,
        "vouchers/admin/statements.html",
        territory,
        period=period,
        months=_months(period),
        rows=rows,
        can_pay=period < month_start(timezone.localdate()),
        breadcrumb_items=_crumbs(territory, (_("Remboursements"), "")),
    )


def admin_statements_csv(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = _admin(request)
    period = _period(request)
    response, writer = _csv_response(f"remboursements-{period:%Y-%m}.csv")
    writer.writerow(
        [
            _("Raison sociale"),
            _("SIRET"),
            _("IBAN"),
            _("Campagne"),
            _("Mois"),
            _("Montant"),
            _("Statut"),
        ]
    )
    for row in statements_of_period(territory=territory, period=period):
        writer.writerow(
            [
                safe_cell(row.actor.legal_name),
                safe_cell(row.actor.siret),
                "",  # Actors have no IBAN on the platform: the treasurer keeps them.
                safe_cell(row.campaign.name),
                period.strftime("%m/%Y"),
                safe_cell(f"{row.amount:.2f}".replace(".", ",")),
                safe_cell(_("Payé") if row.is_paid else _("À payer")),
            ]
        )
    return response


@require_POST
def admin_statement_pay(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = _admin(request)
    period = _period(request)
    campaign_id, actor_id = (
        id_param(request.POST.get("campaign")),
        id_param(request.POST.get("actor")),
    )
    if campaign_id is None or actor_id is None:
        raise Http404
    found = Campaign.objects.filter(territory=territory, pk=campaign_id).first()
    actor = Actor.objects.filter(territory=territory, pk=actor_id).first()
    if found is None or actor is None:
        raise Http404
    try:
        statement = statement_mark_paid(campaign=found, actor=actor, period=period, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Le remboursement de %(amount)s à %(actor)s est enregistré comme payé.")
            % {"amount": euros_text(statement.amount), "actor": actor.display_name},
        )
    return redirect(
        reverse("vouchers:admin_statements", kwargs={"territory_slug": territory.slug})
        + f"?mois={period:%Y-%m}"
    )
