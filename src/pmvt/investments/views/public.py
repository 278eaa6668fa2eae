"""Public pages: the list of calls, one call with its progress, the pledge form, my pledges."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import membership_of
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs, market_trail
from pmvt.core.requests import AuthenticatedRequest
from pmvt.investments.access import can_edit_call, can_view_call, can_view_pledges
from pmvt.investments.forms import CallFilterForm, PledgeForm
from pmvt.investments.models import InvestmentCall
from pmvt.investments.selectors import (
    call_document,
    call_documents,
    call_list,
    call_news,
    call_of_territory,
    member_pledges,
    pledge_of,
    totals_of,
)
from pmvt.investments.services.pledges import pledge_set, pledge_withdraw
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

CALLS_PER_PAGE = 20


def list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Investir localement"),
        reverse("investments:list", kwargs={"territory_slug": territory.slug}),
    )


def _querystring_base(request: HttpRequest) -> str:
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return f"{querystring.urlencode()}&" if querystring else ""


def call_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = CallFilterForm(request.GET or None, territory=territory)
    calls = call_list(territory=territory, filters=form.to_filters(), today=timezone.localdate())
    page_obj = Paginator(calls, CALLS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "investments/list.html",
        {
            "territory": territory,
            "current_door": "market",
            "form": form,
            "page_obj": page_obj,
            "items": [(call, totals_of(call)) for call in page_obj.object_list],
            "querystring_base": _querystring_base(request),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), (_("Investir localement"), "")
            ),
        },
    )


def _visible_call(request: HttpRequest, territory: Territory, call_slug: str) -> InvestmentCall:
    call = call_of_territory(territory=territory, slug=call_slug)
    if call is None or not can_view_call(user=request.user, call=call):
        raise Http404
    return call


def detail(request: HttpRequest, territory_slug: str, call_slug: str) -> HttpResponse:
    territory = require_territory(request)
    call = _visible_call(request, territory, call_slug)
    return render(
        request,
        "investments/detail.html",
        {
            "territory": territory,
            "current_door": "market",
            "call": call,
            "totals": totals_of(call),
            "documents": call_documents(call=call),
            "news": call_news(call=call),
            "my_pledge": pledge_of(call=call, user=request.user)
            if request.user.is_authenticated
            else None,
            "is_member": membership_of(user=request.user, territory=territory) is not None,
            "can_edit": can_edit_call(user=request.user, call=call),
            "can_view_pledges": can_view_pledges(user=request.user, call=call),
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), list_trail(territory), (call.title, "")
            ),
        },
    )


def pledge(request: HttpRequest, territory_slug: str, call_slug: str) -> HttpResponse:
    """Record or change the member's pledge; the legal notice stands above the form."""
    territory = require_territory(request)
    call = _visible_call(request, territory, call_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if membership_of(user=request.user, territory=territory) is None:
        raise PermissionDeniedError(
            _("Rejoignez le territoire pour faire une promesse d'investissement.")
        )
    if not call.is_open:
        messages.error(
            request,
            _(
                "Les promesses ne sont pas ouvertes sur ce projet : il est clôturé ou pas encore ouvert."
            ),
        )
        return redirect(call.get_absolute_url())
    existing = pledge_of(call=call, user=request.user)
    initial = (
        {
            "amount": existing.amount,
            "instrument": existing.instrument,
            "message": existing.message,
            "consent_contact": existing.consent_contact,
        }
        if existing
        else None
    )
    form = PledgeForm(request.POST or None, call=call, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pledge_set(
                call=call,
                user=request.user,
                amount=form.cleaned_data["amount"],
                instrument=form.cleaned_data["instrument"],
                message=form.cleaned_data["message"],
                consent_contact=form.cleaned_data["consent_contact"],
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Votre promesse est modifiée.")
                if existing
                else _(
                    "Votre promesse est enregistrée. Le porteur du projet pourra vous contacter ; "
                    "elle ne vous engage pas."
                ),
            )
            return redirect(call.get_absolute_url())
    return render(
        request,
        "investments/pledge_form.html",
        {
            "territory": territory,
            "current_door": "market",
            "call": call,
            "form": form,
            "existing": existing,
            "totals": totals_of(call),
            "breadcrumb_items": breadcrumbs(
                territory,
                market_trail(territory),
                list_trail(territory),
                (call.title, call.get_absolute_url()),
                (_("Ma promesse"), ""),
            ),
        },
    )


@require_POST
def pledge_withdraw_view(
    request: AuthenticatedRequest, territory_slug: str, call_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    call = _visible_call(request, territory, call_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(call.get_absolute_url())
    try:
        pledge_withdraw(call=call, user=request.user)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Votre promesse est retirée."))
    return redirect(call.get_absolute_url())


def document(
    request: HttpRequest, territory_slug: str, call_slug: str, document_id: int
) -> FileResponse:
    territory = require_territory(request)
    call = _visible_call(request, territory, call_slug)
    found = call_document(call=call, document_id=document_id)
    if found is None:
        raise Http404
    return FileResponse(
        found.file.open("rb"),
        as_attachment=False,
        filename=f"{found.title}.pdf",
        content_type="application/pdf",
    )


def my_pledges(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(
        request,
        "investments/my_pledges.html",
        {
            "territory": territory,
            "current_door": "market",
            "pledges": list(member_pledges(territory=territory, user=request.user)),
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), list_trail(territory), (_("Mes promesses"), "")
            ),
        },
    )
