"""Territory back office: pickup points and collective delivery rounds."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.orders.access import access_logistics_as_admin
from pmvt.orders.forms import DeliveryRoundForm, PickupPointForm
from pmvt.orders.models import DeliveryRound, PickupPoint
from pmvt.orders.services.fulfilment import (
    delivery_round_create,
    delivery_round_update,
    pickup_point_create,
    pickup_point_update,
)
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory


def _index_url(territory: Territory) -> str:
    return reverse("orders:logistics", kwargs={"territory_slug": territory.slug})


def _crumbs(territory: Territory, *items: tuple[str, str]) -> list:
    return breadcrumbs(
        territory,
        (_("Gestion"), reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug})),
        *items,
    )


def logistics(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_logistics_as_admin(user=request.user, territory=territory)
    points = (
        PickupPoint.objects.filter(territory=territory)
        .select_related("commune")
        .prefetch_related("sellers")
        .order_by("-is_active", "name")
    )
    rounds = (
        DeliveryRound.objects.filter(territory=territory)
        .prefetch_related("communes", "sellers")
        .order_by("-is_active", "weekday", "departure_time")
    )
    return render(
        request,
        "orders/logistics/index.html",
        {
            "territory": territory,
            "points": points,
            "rounds": rounds,
            "breadcrumb_items": _crumbs(territory, (_("Logistique"), "")),
        },
    )


def _form_page(request, territory, form, *, title: str, submit_label: str) -> HttpResponse:
    return render(
        request,
        "orders/logistics/form.html",
        {
            "territory": territory,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "breadcrumb_items": _crumbs(
                territory, (_("Logistique"), _index_url(territory)), (title, "")
            ),
        },
    )


def pickup_point_create_view(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_logistics_as_admin(user=request.user, territory=territory)
    form = PickupPointForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            pickup_point_create(territory=territory, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Le point de retrait est créé."))
            return redirect(_index_url(territory))
    return _form_page(
        request,
        territory,
        form,
        title=_("Nouveau point de retrait"),
        submit_label=_("Créer le point de retrait"),
    )


def pickup_point_edit(
    request: AuthenticatedRequest, territory_slug: str, point_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_logistics_as_admin(user=request.user, territory=territory)
    point = PickupPoint.objects.filter(territory=territory, pk=point_id).first()
    if point is None:
        raise Http404
    initial = {
        "name": point.name,
        "kind": point.kind,
        "commune": point.commune,
        "address": point.address,
        "opening_info": point.opening_info,
        "host_actor": point.host_actor,
        "market": point.market,
        "sellers": list(point.sellers.all()),
        "is_active": point.is_active,
    }
    form = PickupPointForm(request.POST or None, territory=territory, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            pickup_point_update(point=point, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Le point de retrait est enregistré."))
            return redirect(_index_url(territory))
    return _form_page(
        request,
        territory,
        form,
        title=point.name,
        submit_label=_("Enregistrer le point de retrait"),
    )


def delivery_round_create_view(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_logistics_as_admin(user=request.user, territory=territory)
    form = DeliveryRoundForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            delivery_round_create(territory=territory, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("La tournée est créée."))
            return redirect(_index_url(territory))
    return _form_page(
        request,
        territory,
        form,
        title=_("Nouvelle tournée de livraison"),
        submit_label=_("Créer la tournée"),
    )


def delivery_round_edit(
    request: AuthenticatedRequest, territory_slug: str, round_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_logistics_as_admin(user=request.user, territory=territory)
    delivery_round = DeliveryRound.objects.filter(territory=territory, pk=round_id).first()
    if delivery_round is None:
        raise Http404
    initial = {
        "name": delivery_round.name,
        "operator_name": delivery_round.operator_name,
        "weekday": delivery_round.weekday,
        "departure_time": delivery_round.departure_time,
        "fee": delivery_round.fee,
        "is_active": delivery_round.is_active,
        "communes": list(delivery_round.communes.all()),
        "sellers": list(delivery_round.sellers.all()),
    }
    form = DeliveryRoundForm(
        request.POST or None, territory=territory, initial=initial, editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            delivery_round_update(
                delivery_round=delivery_round, by=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("La tournée est enregistrée."))
            return redirect(_index_url(territory))
    return _form_page(
        request,
        territory,
        form,
        title=delivery_round.name,
        submit_label=_("Enregistrer la tournée"),
    )
