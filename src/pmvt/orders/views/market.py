"""Buyer pages: cart, checkout, my orders, receipts, a seller's terms of sale."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import membership_of
from pmvt.accounts.models import User
from pmvt.actors.access import actors_of_user
from pmvt.actors.models import Actor, ActorStatus
from pmvt.core.context_processors import site_urls
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.queries import only_row
from pmvt.core.requests import AuthenticatedRequest
from pmvt.orders.access import access_checkout, access_order_as_buyer
from pmvt.orders.forms import CartAddForm, CartQuantityForm, CheckoutForm
from pmvt.orders.models import Order, OrderStatus
from pmvt.orders.receipts import receipt_context, receipt_pdf
from pmvt.orders.selectors import (
    SellerOptions,
    buyer_order_list,
    cart_summary,
    checkout_for_key,
    checkout_orders,
    order_events,
    order_lines,
    seller_options,
    transfer_details,
)
from pmvt.orders.services.carts import (
    cart_add_order_again,
    cart_for_user,
    cart_remove,
    cart_set_quantity,
    sellable_variants,
    variant_display,
)
from pmvt.orders.services.checkout import checkout_place, new_idempotency_key
from pmvt.orders.services.transitions import order_cancel_by_buyer
from pmvt.orders.views.common import actor_or_404, add_to_visitor_cart, request_cart, safe_next
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory
from pmvt.vouchers.checkout import spendable_balances

ORDERS_PER_PAGE = 20


def _market_crumbs(territory: Territory, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    market_url = site_urls(territory.slug)["market"]
    return breadcrumbs(territory, (_("Place des marchés"), market_url), *trail)


def _cart_url(territory: Territory) -> str:
    # Computed once per process and territory, like the header's links.
    return site_urls(territory.slug)["cart"]


def cart(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    summary = cart_summary(cart=request_cart(request, territory, create=False))
    return render(
        request,
        "orders/cart.html",
        {
            "territory": territory,
            "current_door": "market",
            "current_page": "cart",
            "summary": summary,
            "breadcrumb_items": _market_crumbs(territory, (_("Mon panier"), "")),
        },
    )


@require_POST
def cart_add_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    back = safe_next(request, _cart_url(territory))
    form = CartAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une quantité entre 1 et 99."))
        return redirect(back)
    variant = only_row(
        sellable_variants().filter(territory=territory, pk=form.cleaned_data["variant_id"])
    )
    if variant is None:
        messages.error(request, _("Ce produit n'existe pas ou plus."))
        return redirect(back)
    try:
        add_to_visitor_cart(request, territory, variant, form.cleaned_data["quantity"])
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("%(quantity)s × « %(item)s » ajouté au panier.")
            % {"quantity": form.cleaned_data["quantity"], "item": variant_display(variant)},
        )
    return redirect(back)


@require_POST
def cart_update(request: HttpRequest, territory_slug: str, line_id: int) -> HttpResponse:
    territory = require_territory(request)
    visitor_cart = request_cart(request, territory, create=False)
    form = CartQuantityForm(request.POST)
    if visitor_cart is None:
        return redirect(_cart_url(territory))
    if not form.is_valid():
        messages.error(request, _("Choisissez une quantité entre 1 et 99."))
        return redirect(_cart_url(territory))
    try:
        cart_set_quantity(
            cart=visitor_cart, line_id=line_id, quantity=form.cleaned_data["quantity"]
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("La quantité a été mise à jour."))
    return redirect(_cart_url(territory))


@require_POST
def cart_remove_view(request: HttpRequest, territory_slug: str, line_id: int) -> HttpResponse:
    territory = require_territory(request)
    visitor_cart = request_cart(request, territory, create=False)
    if visitor_cart is not None:
        cart_remove(cart=visitor_cart, line_id=line_id)
        messages.success(request, _("L'article a été retiré du panier."))
    return redirect(_cart_url(territory))


def checkout(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access_checkout(user=request.user)
    buyer = request.user
    key = request.POST.get("idempotency_key", "") if request.method == "POST" else ""
    done = checkout_for_key(buyer=buyer, key=key) if key else None
    if done is not None:
        # A repeated submission (double click, retry): show what the first one placed.
        return redirect("orders:checkout_done", territory_slug=territory.slug, checkout_id=done.pk)
    visitor_cart = request_cart(request, territory, create=False)
    summary = cart_summary(cart=visitor_cart)
    if visitor_cart is None or summary.is_empty:
        messages.info(
            request, _("Votre panier est vide : ajoutez des produits avant de commander.")
        )
        return redirect(_cart_url(territory))
    options = seller_options(sellers=[g.seller for g in summary.groups], territory=territory)
    posted = request.method == "POST"
    # A submission that buys neither as a professional nor with vouchers needs neither the
    # buyer's actors nor their balances: they are read when used, or when the page shows.
    extras = not posted or _uses_extras(request.POST)
    form = _checkout_form(request, buyer, territory, options, extras=extras)
    refused = ""
    if posted and form.is_valid():
        try:
            orders = checkout_place(
                cart=visitor_cart,
                buyer=buyer,
                idempotency_key=form.cleaned_data["idempotency_key"],
                choices=form.chosen_fulfilment(),
                payment_method=form.cleaned_data["payment_method"],
                note=form.cleaned_data["note"],
                buyer_actor=form.chosen_buyer_actor(),
                customer_phone=form.cleaned_data["customer_phone"],
                vouchers=form.chosen_vouchers(),
            )
        except ApplicationError as error:
            refused = str(error.message)
        else:
            if not orders:
                messages.error(request, _("Cette commande est déjà en cours d'enregistrement."))
                return redirect(_cart_url(territory))
            return redirect(
                "orders:checkout_done",
                territory_slug=territory.slug,
                checkout_id=orders[0].checkout_id,
            )
    if posted and not extras:
        # Shown again: with the fields this submission did not need.
        form = _checkout_form(request, buyer, territory, options, extras=True)
        form.is_valid()
    if refused:
        form.add_error(None, refused)
    return render(
        request,
        "orders/checkout.html",
        {
            "territory": territory,
            "current_door": "market",
            "summary": summary,
            "form": form,
            "seller_fields": [(option, form[name]) for option, name in form.seller_fields],
            "voucher_fields": [form[name] for _option, name in form.voucher_fields],
            "breadcrumb_items": _market_crumbs(
                territory, (_("Mon panier"), _cart_url(territory)), (_("Commande"), "")
            ),
        },
    )


def _uses_extras(data: QueryDict) -> bool:
    """Does this submission buy as a professional or pay with vouchers?"""
    if data.get("buyer_actor"):
        return True
    return any(key.startswith("vouchers_") and data.get(key, "").strip() for key in data)


def _checkout_form(
    request: HttpRequest,
    buyer: User,
    territory: Territory,
    options: dict[int, SellerOptions],
    *,
    extras: bool,
) -> CheckoutForm:
    """The checkout form; `extras`: with the buyer's actors and voucher balances."""
    buyer_actors: list[Actor] = []
    balances: dict[int, Decimal] = {}
    if extras:
        buyer_actors = [
            a
            for a in actors_of_user(user=buyer, territory=territory)
            if a.status == ActorStatus.VERIFIED
        ]
        balances = spendable_balances(user=buyer, actors=[o.seller for o in options.values()])
    # Initial values only show on an unbound form: a submission (bound form) needs neither.
    posted = bool(request.POST)
    membership = None if posted else membership_of(user=buyer, territory=territory)
    return CheckoutForm(
        request.POST or None,
        territory=territory,
        options=options,
        buyer_actors=buyer_actors,
        voucher_balances=balances,
        initial={
            "idempotency_key": "" if posted else new_idempotency_key(),
            "customer_phone": buyer.phone,
            "delivery_commune": membership.commune if membership else None,
        },
    )


def checkout_done(
    request: AuthenticatedRequest, territory_slug: str, checkout_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_checkout(user=request.user)
    orders = checkout_orders(checkout_id=checkout_id, buyer=request.user)
    if not orders:
        raise Http404
    return render(
        request,
        "orders/checkout_done.html",
        {
            "territory": territory,
            "current_door": "market",
            "orders": [(order, transfer_details(order)) for order in orders],
            "breadcrumb_items": _market_crumbs(territory, (_("Commande enregistrée"), "")),
        },
    )


def buyer_orders(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_checkout(user=request.user)
    page_obj = Paginator(
        buyer_order_list(user=request.user, territory=territory), ORDERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "orders/buyer_orders.html",
        {
            "territory": territory,
            "current_door": "market",
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": _market_crumbs(territory, (_("Mes commandes"), "")),
        },
    )


def _orders_url(territory: Territory) -> str:
    return reverse("orders:buyer_orders", kwargs={"territory_slug": territory.slug})


def buyer_order(request: AuthenticatedRequest, territory_slug: str, number: str) -> HttpResponse:
    territory = require_territory(request)
    order = access_order_as_buyer(user=request.user, territory=territory, number=number)
    return render(
        request,
        "orders/buyer_order.html",
        {
            "territory": territory,
            "current_door": "market",
            "order": order,
            "lines": order_lines(order),
            "events": order_events(order),
            "transfer": transfer_details(order),
            "can_cancel": order.status == OrderStatus.PLACED,
            "breadcrumb_items": _market_crumbs(
                territory,
                (_("Mes commandes"), _orders_url(territory)),
                (order.number, ""),
            ),
        },
    )


@require_POST
def buyer_order_cancel(
    request: AuthenticatedRequest, territory_slug: str, number: str
) -> HttpResponse:
    territory = require_territory(request)
    order = access_order_as_buyer(user=request.user, territory=territory, number=number)
    try:
        order_cancel_by_buyer(order=order, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Votre commande %(number)s est annulée.") % {"number": number})
    return redirect(order.get_absolute_url())


@require_POST
def buyer_order_again(
    request: AuthenticatedRequest, territory_slug: str, number: str
) -> HttpResponse:
    territory = require_territory(request)
    order = access_order_as_buyer(user=request.user, territory=territory, number=number)
    result = cart_add_order_again(
        cart=cart_for_user(territory=territory, user=request.user), order=order
    )
    if result.added:
        messages.success(
            request,
            _("Ajouté au panier : %(items)s.") % {"items": ", ".join(result.added)},
        )
    if result.unavailable:
        messages.warning(
            request,
            _("Plus disponible en quantité suffisante : %(items)s.")
            % {"items": ", ".join(result.unavailable)},
        )
    return redirect(_cart_url(territory))


def _receipt_order(request: AuthenticatedRequest, number: str) -> Order:
    territory = require_territory(request)
    return access_order_as_buyer(user=request.user, territory=territory, number=number)


def receipt(request: AuthenticatedRequest, territory_slug: str, number: str) -> HttpResponse:
    order = _receipt_order(request, number)
    territory = order.territory
    return render(
        request,
        "orders/receipt.html",
        {
            "territory": territory,
            "current_door": "market",
            **receipt_context(order),
            "breadcrumb_items": _market_crumbs(
                territory,
                (_("Mes commandes"), _orders_url(territory)),
                (order.number, order.get_absolute_url()),
                (_("Reçu"), ""),
            ),
        },
    )


def receipt_pdf_view(
    request: AuthenticatedRequest, territory_slug: str, number: str
) -> HttpResponse:
    order = _receipt_order(request, number)
    response = HttpResponse(
        receipt_pdf(order, site_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="recu-{order.number}.pdf"'
    return response


def seller_terms(request: HttpRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory = require_territory(request)
    actor = actor_or_404(territory, actor_slug, public=True)
    return render(
        request,
        "orders/seller_terms.html",
        {
            "territory": territory,
            "current_door": "market",
            "actor": actor,
            "breadcrumb_items": _market_crumbs(
                territory,
                (actor.display_name, actor.get_absolute_url()),
                (_("Conditions de vente"), ""),
            ),
        },
    )
