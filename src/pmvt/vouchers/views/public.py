"""Public and holder pages: campaigns, "Mes bons d'achat", a voucher, claiming a code."""

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.core.exceptions import ApplicationError
from pmvt.core.requests import AuthenticatedRequest
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.territories.middleware import require_territory
from pmvt.vouchers.access import access_voucher_as_holder
from pmvt.vouchers.errors import VoucherErrorCode
from pmvt.vouchers.forms import ClaimForm
from pmvt.vouchers.ratelimit import check_not_limited, record_wrong_code
from pmvt.vouchers.selectors import (
    budget_use,
    campaign_of_territory,
    participating_actors,
    public_campaigns,
    voucher_by_code,
    voucher_history,
    vouchers_of_holder,
)
from pmvt.vouchers.services.issuing import voucher_claim
from pmvt.vouchers.views.common import market_crumbs


def home(request: HttpRequest, territory_slug: str) -> HttpResponse:
    """The campaigns running now and, for a logged-in member, their vouchers."""
    territory = require_territory(request)
    vouchers = (
        list(vouchers_of_holder(territory=territory, user=request.user))
        if request.user.is_authenticated
        else []
    )
    return render(
        request,
        "vouchers/home.html",
        {
            "territory": territory,
            "current_door": "market",
            "campaigns": list(public_campaigns(territory=territory)),
            "vouchers": vouchers,
            "claim_form": ClaimForm(),
            "breadcrumb_items": [*market_crumbs(territory)[:-1], (_("Bons d'achat"), "")],
        },
    )


def campaign(request: HttpRequest, territory_slug: str, campaign_slug: str) -> HttpResponse:
    territory = require_territory(request)
    found = campaign_of_territory(territory=territory, slug=campaign_slug)
    if found is None or found.status == "draft":
        raise Http404
    return render(
        request,
        "vouchers/campaign.html",
        {
            "territory": territory,
            "current_door": "market",
            "campaign": found,
            "budget": budget_use(found),
            "actors": participating_actors(found),
            "breadcrumb_items": market_crumbs(territory, (found.name, "")),
        },
    )


def _holder_voucher(request: HttpRequest, code: str):
    territory = require_territory(request)
    return territory, access_voucher_as_holder(
        user=request.user, voucher=voucher_by_code(territory=territory, code=code)
    )


@login_required
def voucher(request: AuthenticatedRequest, territory_slug: str, code: str) -> HttpResponse:
    territory, found = _holder_voucher(request, code)
    return render(
        request,
        "vouchers/voucher.html",
        {
            "territory": territory,
            "current_door": "market",
            "voucher": found,
            "history": list(voucher_history(found)[:100]),
            "actors": participating_actors(found.campaign),
            "breadcrumb_items": market_crumbs(
                territory, (_("Bon %(code)s") % {"code": found.display_code}, "")
            ),
        },
    )


@login_required
def voucher_qr(request: AuthenticatedRequest, territory_slug: str, code: str) -> HttpResponse:
    """The QR code holds the spend code only: the seller's page looks it up like a typed code."""
    _territory, found = _holder_voucher(request, code)
    image = qrcode.make(found.code, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    response = HttpResponse(image.to_string(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@login_required
def claim(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    home_url = reverse("vouchers:home", kwargs={"territory_slug": territory.slug})
    form = ClaimForm(request.POST)
    scope = f"claim:{request.user.pk}"
    try:
        check_not_limited(scope, request)
        if not form.is_valid():
            raise ApplicationError(_("Saisissez le code reçu."))
        found = voucher_claim(
            territory=territory, user=request.user, code=form.cleaned_data["code"]
        )
    except ApplicationError as error:
        if error.code == VoucherErrorCode.WRONG_CODE:
            record_wrong_code(scope, request)
        messages.error(request, str(error.message))
        return redirect(home_url)
    messages.success(
        request,
        _("Le bon de %(value)s est à vous. Montrez son code chez les commerçants participants.")
        % {"value": euros_text(found.issued_value)},
    )
    return redirect(found.get_absolute_url())
