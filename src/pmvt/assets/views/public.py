"""Public pages: the list of assets, one asset with its calendar; booking and its answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.agenda.formatting import when_fr
from pmvt.agenda.recurrence import paris
from pmvt.assets.access import (
    access_booking_as_party,
    booking_refusal,
    can_manage_asset,
    offering_choices,
)
from pmvt.assets.forms import AnswerForm, AssetFilterForm, BookingForm, CancelForm
from pmvt.assets.models import Booking, BookingStatus
from pmvt.assets.selectors import (
    asset_list,
    booking_of_territory,
    month_calendar,
    my_bookings,
    parse_month,
    upcoming_accepted,
)
from pmvt.assets.services.bookings import (
    booking_accept,
    booking_cancel,
    booking_decline,
    booking_request,
)
from pmvt.assets.views.common import DOOR, querystring_base, report, trail, visible_asset
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

ASSETS_PER_PAGE = 20
BOOKINGS_PER_PAGE = 20


def asset_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = AssetFilterForm(request.GET or None, territory=territory)
    page_obj = Paginator(
        asset_list(territory=territory, filters=form.to_filters()), ASSETS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "assets/list.html",
        {
            "territory": territory,
            "current_door": DOOR,
            "form": form,
            "page_obj": page_obj,
            "querystring_base": querystring_base(request),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "can_offer": bool(offering_choices(user=request.user, territory=territory)),
            "breadcrumb_items": trail(territory),
        },
    )


def detail(request: HttpRequest, territory_slug: str, asset_slug: str) -> HttpResponse:
    territory = require_territory(request)
    asset = visible_asset(request, territory, asset_slug)
    today = paris(timezone.now()).date()
    month = parse_month(request.GET.get("mois"), today=today)
    return render(
        request,
        "assets/detail.html",
        {
            "territory": territory,
            "current_door": DOOR,
            "asset": asset,
            "photos": list(asset.photos.all()),
            "calendar": month_calendar(asset=asset, month=month),
            "accepted": upcoming_accepted(asset=asset),
            "refusal": booking_refusal(user=request.user, asset=asset),
            "can_manage": can_manage_asset(user=request.user, asset=asset),
            "breadcrumb_items": trail(territory, (asset.title, "")),
        },
    )


def book(request: HttpRequest, territory_slug: str, asset_slug: str) -> HttpResponse:
    territory = require_territory(request)
    asset = visible_asset(request, territory, asset_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    refusal = booking_refusal(user=request.user, asset=asset)
    if refusal:
        raise PermissionDeniedError(refusal)
    form = BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.period()
        try:
            booking = booking_request(
                asset=asset,
                requester=request.user,
                starts_at=starts_at,
                ends_at=ends_at,
                message=form.cleaned_data["message"],
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(
                request,
                _(
                    "Votre demande de réservation (%(when)s) est envoyée. Vous serez prévenu de "
                    "la réponse."
                )
                % {"when": when_fr(booking.starts_at, booking.ends_at)},
            )
            return redirect("assets:booking", territory_slug=territory.slug, booking_id=booking.pk)
    return render(
        request,
        "assets/book.html",
        {
            "territory": territory,
            "current_door": DOOR,
            "asset": asset,
            "form": form,
            "breadcrumb_items": trail(
                territory, (asset.title, asset.get_absolute_url()), (_("Réserver"), "")
            ),
        },
    )


def _booking(request: HttpRequest, territory: Territory, booking_id: int) -> Booking:
    booking = booking_of_territory(territory=territory, booking_id=booking_id)
    if booking is None:
        raise Http404
    access_booking_as_party(user=request.user, booking=booking)
    return booking


def _booking_context(
    request: HttpRequest,
    territory: Territory,
    booking: Booking,
    *,
    answer_form: AnswerForm | None = None,
    cancel_form: CancelForm | None = None,
) -> dict:
    can_manage = can_manage_asset(user=request.user, asset=booking.asset)
    is_open = booking.status in (BookingStatus.REQUESTED, BookingStatus.ACCEPTED)
    return {
        "territory": territory,
        "current_door": DOOR,
        "booking": booking,
        "asset": booking.asset,
        "is_requester": booking.requester_id == request.user.pk,
        "can_manage": can_manage,
        "can_answer": can_manage and booking.status == BookingStatus.REQUESTED,
        "can_cancel": is_open and booking.ends_at > timezone.now(),
        "answer_form": answer_form or AnswerForm(),
        "cancel_form": cancel_form or CancelForm(),
        "breadcrumb_items": trail(
            territory,
            (booking.asset.title, booking.asset.get_absolute_url()),
            (_("Réservation"), ""),
        ),
    }


@login_required
def booking_view(
    request: AuthenticatedRequest, territory_slug: str, booking_id: int
) -> HttpResponse:
    territory = require_territory(request)
    booking = _booking(request, territory, booking_id)
    return render(request, "assets/booking.html", _booking_context(request, territory, booking))


@require_POST
@login_required
def booking_answer(
    request: AuthenticatedRequest, territory_slug: str, booking_id: int
) -> HttpResponse:
    territory = require_territory(request)
    booking = _booking(request, territory, booking_id)
    form = AnswerForm(request.POST)
    decision = request.POST.get("decision")
    if form.is_valid() and decision in ("accept", "decline"):
        service = booking_accept if decision == "accept" else booking_decline
        try:
            service(booking=booking, by=request.user, answer=form.cleaned_data["answer"])
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            if decision == "accept":
                messages.success(
                    request, _("La réservation est acceptée : la personne est prévenue.")
                )
            else:
                messages.success(request, _("La demande est refusée : la personne est prévenue."))
            return redirect("assets:booking", territory_slug=territory.slug, booking_id=booking.pk)
    elif form.is_valid():
        form.add_error(None, _("Choisissez d'accepter ou de refuser la demande."))
    context = _booking_context(request, territory, booking, answer_form=form)
    return render(request, "assets/booking.html", context, status=400)


@require_POST
@login_required
def booking_cancel_view(
    request: AuthenticatedRequest, territory_slug: str, booking_id: int
) -> HttpResponse:
    territory = require_territory(request)
    booking = _booking(request, territory, booking_id)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            booking_cancel(booking=booking, by=request.user, reason=form.cleaned_data["reason"])
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(
                request, _("La réservation est annulée : l'autre partie est prévenue.")
            )
            return redirect("assets:booking", territory_slug=territory.slug, booking_id=booking.pk)
    context = _booking_context(request, territory, booking, cancel_form=form)
    return render(request, "assets/booking.html", context, status=400)


@login_required
def my_bookings_view(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    page_obj = Paginator(
        my_bookings(user=request.user, territory=territory), BOOKINGS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "assets/my_bookings.html",
        {
            "territory": territory,
            "current_door": DOOR,
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": trail(territory, (_("Mes réservations"), "")),
        },
    )
