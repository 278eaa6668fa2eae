"""The seller back office for orders: list, detail and transitions, preparation list,
dashboard, assisted orders, slots, delivery and payment settings."""

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.actors.models import Actor
from pmvt.catalog.models import OfferVariant
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest, id_param
from pmvt.orders.access import (
    access_order_as_seller,
    access_seller_orders,
    access_seller_settings,
)
from pmvt.orders.charts import bar_chart
from pmvt.orders.forms import (
    AssistedOrderForm,
    CancelForm,
    DeliverySettingsForm,
    PaymentSettingsForm,
    SlotForm,
)
from pmvt.orders.models import (
    DeliveryRound,
    Order,
    OrderStatus,
    PaymentStatus,
    PickupPoint,
    PickupSlot,
)
from pmvt.orders.selectors import (
    order_events,
    order_lines,
    preparation_list,
    sales_dashboard,
    seller_options,
    seller_order_list,
    seller_status_counts,
    upcoming_slots,
)
from pmvt.orders.services.checkout import new_idempotency_key, order_place_assisted
from pmvt.orders.services.fulfilment import (
    delivery_round_set_participation,
    delivery_settings_of,
    delivery_settings_update,
    payment_settings_of,
    payment_settings_update,
    pickup_point_set_participation,
    pickup_slot_delete,
    pickup_slots_create,
)
from pmvt.orders.services.transitions import (
    COLLECTED_METHODS,
    order_accept,
    order_cancel_by_seller,
    order_mark_collected,
    order_mark_delivered,
    order_mark_paid,
    order_mark_ready,
)
from pmvt.orders.texts import assisted_sms_text
from pmvt.orders.views.common import actor_or_404, optional_url, trail
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

ORDERS_PER_PAGE = 25


def _url(name: str, actor: Actor, **kwargs: object) -> str:
    return reverse(
        name, kwargs={"territory_slug": actor.territory.slug, "actor_slug": actor.slug, **kwargs}
    )


def _crumbs(territory: Territory, actor: Actor, *items: tuple[str, str]) -> list:
    return breadcrumbs(
        territory,
        *trail(
            (_("Espace pro"), optional_url("actors:pro_index", territory_slug=territory.slug)),
            (
                actor.display_name,
                optional_url(
                    "actors:pro_home", territory_slug=territory.slug, actor_slug=actor.slug
                ),
            ),
            *items,
        ),
    )


def _orders_crumb(actor: Actor) -> tuple[str, str]:
    return (_("Commandes"), _url("orders:pro_orders", actor))


def _seller(request: HttpRequest, actor_slug: str) -> tuple[Territory, Actor]:
    territory = require_territory(request)
    return territory, actor_or_404(territory, actor_slug)


def _page(
    request: HttpRequest, template: str, actor: Actor, section: str, **context
) -> HttpResponse:
    return render(
        request,
        template,
        {"territory": actor.territory, "actor": actor, "section": section, **context},
    )


# --- Orders --------------------------------------------------------------------------------


def pro_orders(request: AuthenticatedRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _seller(request, actor_slug)
    access_seller_orders(user=request.user, actor=actor)
    status = request.GET.get("statut", "")
    if status not in OrderStatus.values:
        status = ""
    page_obj = Paginator(seller_order_list(actor=actor, status=status), ORDERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    counts = seller_status_counts(actor=actor)
    return _page(
        request,
        "orders/pro/orders.html",
        actor,
        "orders",
        status=status,
        statuses=[(value, label, counts.get(value, 0)) for value, label in OrderStatus.choices],
        total_count=sum(counts.values()),
        page_obj=page_obj,
        querystring_base=f"statut={status}&" if status else "",
        breadcrumb_items=_crumbs(territory, actor, (_("Commandes"), "")),
    )


def _actions(order: Order) -> list[tuple[str, str, str]]:
    """(action slug, button label, button style) the order allows now."""
    actions = []
    if order.status == OrderStatus.PLACED:
        actions.append(("accepter", _("Accepter la commande"), ""))
    if order.status == OrderStatus.ACCEPTED:
        actions.append(("prete", _("Marquer prête"), ""))
    if order.status == OrderStatus.READY:
        if order.fulfilment in COLLECTED_METHODS:
            actions.append(("retiree", _("Marquer retirée par le client"), ""))
        else:
            actions.append(("livree", _("Marquer livrée"), ""))
    if order.status != OrderStatus.CANCELLED and order.payment_status == PaymentStatus.PENDING:
        actions.append(("payee", _("Paiement reçu"), "button--secondary"))
    return actions


def pro_order(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, number: str
) -> HttpResponse:
    territory, actor = _seller(request, actor_slug)
    order = access_order_as_seller(user=request.user, actor=actor, number=number)
    can_cancel = order.status in {OrderStatus.PLACED, OrderStatus.ACCEPTED, OrderStatus.READY}
    return _page(
        request,
        "orders/pro/order.html",
        actor,
        "orders",
        order=order,
        lines=order_lines(order),
        events=order_events(order),
        actions=_actions(order),
        cancel_form=CancelForm() if can_cancel else None,
        sms_text=assisted_sms_text(order) if order.is_assisted else "",
        breadcrumb_items=_crumbs(territory, actor, _orders_crumb(actor), (order.number, "")),
    )


TRANSITIONS: dict[str, Callable[..., Order]] = {
    "accepter": order_accept,
    "prete": order_mark_ready,
    "retiree": order_mark_collected,
    "livree": order_mark_delivered,
    "payee": order_mark_paid,
}
DONE_MESSAGES = {
    "accepter": _("La commande %(number)s est acceptée ; le client est prévenu."),
    "prete": _("La commande %(number)s est prête ; le client est prévenu."),
    "retiree": _("La commande %(number)s est retirée."),
    "livree": _("La commande %(number)s est livrée."),
    "payee": _("Le paiement de la commande %(number)s est enregistré."),
}


@require_POST
def pro_order_action(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, number: str, action: str
) -> HttpResponse:
    _territory, actor = _seller(request, actor_slug)
    order = access_order_as_seller(user=request.user, actor=actor, number=number)
    detail = _url("orders:pro_order", actor, number=order.number)
    try:
        if action == "annuler":
            form = CancelForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            order_cancel_by_seller(order=order, by=request.user, reason=reason)
            messages.success(
                request,
                _("La commande %(number)s est annulée ; le client est prévenu.")
                % {"number": order.number},
            )
            return redirect(detail)
        transition = TRANSITIONS.get(action)
        if transition is None:
            raise Http404
        transition(order=order, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, str(DONE_MESSAGES[action]) % {"number": order.number})
    return redirect(detail)


def pro_preparation(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory, actor = _seller(request, actor_slug)
    access_seller_orders(user=request.user, actor=actor)
    slot = delivery_round = point = None
    day = None
    if (slot_id := id_param(request.GET.get("creneau"))) is not None:
        slot = PickupSlot.objects.filter(actor=actor, pk=slot_id).first()
    if (round_id := id_param(request.GET.get("tournee"))) is not None:
        delivery_round = DeliveryRound.objects.filter(territory=territory, pk=round_id).first()
    if (point_id := id_param(request.GET.get("point"))) is not None:
        point = PickupPoint.objects.filter(territory=territory, pk=point_id).first()
    if value := request.GET.get("date", ""):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            messages.error(request, _("Choisissez une date valide."))
    selected = any(x is not None for x in (slot, delivery_round, point, day))
    preparation = (
        preparation_list(
            actor=actor, slot=slot, delivery_round=delivery_round, pickup_point=point, day=day
        )
        if selected
        else None
    )
    return _page(
        request,
        "orders/pro/preparation.html",
        actor,
        "preparation",
        preparation=preparation,
        slot=slot,
        delivery_round=delivery_round,
        point=point,
        day=day,
        slots=list(upcoming_slots(actor=actor)[:50]),
        rounds=list(DeliveryRound.objects.filter(sellers=actor, is_active=True)),
        points=list(actor.pickup_points.filter(is_active=True)),
        breadcrumb_items=_crumbs(
            territory, actor, _orders_crumb(actor), (_("Liste de préparation"), "")
        ),
    )


def pro_dashboard(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory, actor = _seller(request, actor_slug)
    access_seller_orders(user=request.user, actor=actor)
    dashboard = sales_dashboard(actor=actor)
    return _page(
        request,
        "orders/pro/dashboard.html",
        actor,
        "dashboard",
        dashboard=dashboard,
        chart=bar_chart(dashboard.weeks),
        breadcrumb_items=_crumbs(
            territory, actor, _orders_crumb(actor), (_("Tableau de bord des ventes"), "")
        ),
    )


def pro_assisted(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory, actor = _seller(request, actor_slug)
    access_seller_orders(user=request.user, actor=actor)
    variants = list(
        OfferVariant.objects.filter(offer__actor=actor, is_active=True, offer__is_active=True)
        .select_related("offer__actor")
        .order_by("offer__name", "position", "pk")
    )
    options = seller_options(sellers=[actor], territory=territory)[actor.pk]
    form = AssistedOrderForm(
        request.POST or None,
        territory=territory,
        options=options,
        variants=variants,
        initial={"idempotency_key": new_idempotency_key()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = order_place_assisted(
                seller=actor,
                by=request.user,
                idempotency_key=data["idempotency_key"],
                customer_name=data["customer_name"],
                customer_phone=data["customer_phone"],
                customer_email=data["customer_email"],
                items=form.items(),
                choice=form.choice(),
                payment_method=data["payment_method"],
                note=data["note"],
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("La commande %(number)s est enregistrée pour %(customer)s.")
                % {"number": order.number, "customer": order.customer_name},
            )
            return redirect(_url("orders:pro_order", actor, number=order.number))
    return _page(
        request,
        "orders/pro/assisted.html",
        actor,
        "assisted",
        form=form,
        has_variants=bool(variants),
        has_options=not options.is_empty,
        breadcrumb_items=_crumbs(
            territory, actor, _orders_crumb(actor), (_("Commande par téléphone"), "")
        ),
    )


# --- Settings ------------------------------------------------------------------------------


def pro_slots(request: AuthenticatedRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _seller(request, actor_slug)
    access_seller_settings(user=request.user, actor=actor)
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            slots = pickup_slots_create(actor=actor, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("%(count)s créneau(x) de retrait ouvert(s).") % {"count": len(slots)},
            )
            return redirect(_url("orders:pro_slots", actor))
    return _page(
        request,
        "orders/pro/slots.html",
        actor,
        "slots",
        form=form,
        slots=list(upcoming_slots(actor=actor)),
        breadcrumb_items=_crumbs(
            territory, actor, _orders_crumb(actor), (_("Créneaux de retrait"), "")
        ),
    )


@require_POST
def pro_slot_delete(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, slot_id: int
) -> HttpResponse:
    _territory, actor = _seller(request, actor_slug)
    access_seller_settings(user=request.user, actor=actor)
    slot = PickupSlot.objects.filter(actor=actor, pk=slot_id).first()
    if slot is None:
        raise Http404
    try:
        pickup_slot_delete(slot=slot, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Le créneau a été supprimé."))
    return redirect(_url("orders:pro_slots", actor))


def pro_delivery(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory, actor = _seller(request, actor_slug)
    access_seller_settings(user=request.user, actor=actor)
    current = delivery_settings_of(actor)
    initial = (
        {
            "enabled": current.enabled,
            "communes": list(current.communes.all()),
            "weekdays": current.weekdays,
            "fee": current.fee,
            "minimum_order": current.minimum_order,
            "free_threshold": current.free_threshold,
        }
        if current
        else {"fee": "0.00", "minimum_order": "0.00"}
    )
    form = DeliverySettingsForm(request.POST or None, territory=territory, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            delivery_settings_update(actor=actor, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Vos conditions de livraison sont enregistrées."))
            return redirect(_url("orders:pro_delivery", actor))
    points = list(
        PickupPoint.objects.filter(territory=territory, is_active=True).select_related("commune")
    )
    rounds = list(DeliveryRound.objects.filter(territory=territory, is_active=True))
    my_points = set(actor.pickup_points.values_list("pk", flat=True))
    my_rounds = set(DeliveryRound.objects.filter(sellers=actor).values_list("pk", flat=True))
    return _page(
        request,
        "orders/pro/delivery.html",
        actor,
        "delivery",
        form=form,
        points=[(p, p.pk in my_points) for p in points],
        rounds=[(r, r.pk in my_rounds) for r in rounds],
        breadcrumb_items=_crumbs(
            territory, actor, _orders_crumb(actor), (_("Livraison et points de retrait"), "")
        ),
    )


@require_POST
def pro_participation(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory, actor = _seller(request, actor_slug)
    access_seller_settings(user=request.user, actor=actor)
    kind, ref = request.POST.get("kind", ""), id_param(request.POST.get("id"))
    participates = request.POST.get("participates") == "1"
    try:
        if kind == "point" and ref is not None:
            point = PickupPoint.objects.filter(territory=territory, pk=ref).first()
            if point is None:
                raise Http404
            pickup_point_set_participation(
                point=point, actor=actor, by=request.user, participates=participates
            )
        elif kind == "round" and ref is not None:
            delivery_round = DeliveryRound.objects.filter(territory=territory, pk=ref).first()
            if delivery_round is None:
                raise Http404
            delivery_round_set_participation(
                delivery_round=delivery_round,
                actor=actor,
                by=request.user,
                participates=participates,
            )
        else:
            raise Http404
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Votre participation est enregistrée."))
    return redirect(_url("orders:pro_delivery", actor))


def pro_payment(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory, actor = _seller(request, actor_slug)
    access_seller_settings(user=request.user, actor=actor)
    current = payment_settings_of(actor)
    initial = (
        {
            "bank_transfer_enabled": current.bank_transfer_enabled,
            "account_holder": current.account_holder,
            "iban": current.iban,
            "bic": current.bic,
        }
        if current
        else {"account_holder": actor.legal_name}
    )
    form = PaymentSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            payment_settings_update(actor=actor, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Vos moyens de paiement sont enregistrés."))
            return redirect(_url("orders:pro_payment", actor))
    return _page(
        request,
        "orders/pro/payment.html",
        actor,
        "payment",
        form=form,
        breadcrumb_items=_crumbs(territory, actor, _orders_crumb(actor), (_("Paiement"), "")),
    )
