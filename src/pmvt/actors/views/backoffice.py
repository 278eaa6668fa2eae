"""The territory's back office for actors and markets: verification queue, markets, stalls."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import access_territory_as_admin
from pmvt.actors.access import access_actor_as_territory_admin, access_markets_as_territory_admin
from pmvt.actors.forms import MarketForm, QueueFilterForm, StallForm, SuspendForm
from pmvt.actors.models import Actor, ActorStatus, Market
from pmvt.actors.selectors import (
    actor_of_territory,
    actor_queue,
    actor_status_counts,
    actor_team,
    market_list,
    market_of_territory,
    market_stalls,
    verified_actors,
)
from pmvt.actors.services.actors import actor_reinstate, actor_suspend, actor_verify
from pmvt.actors.services.markets import (
    market_create,
    market_delete,
    market_stall_remove,
    market_stall_set,
    market_update,
)
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

QUEUE_PER_PAGE = 25


def _gestion(territory: Territory) -> tuple[str, str]:
    return (
        _("Gestion"),
        reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug}),
    )


def _queue_url(territory: Territory) -> str:
    return reverse("actors:admin_queue", kwargs={"territory_slug": territory.slug})


def _markets_url(territory: Territory) -> str:
    return reverse("actors:admin_markets", kwargs={"territory_slug": territory.slug})


def _actor(territory: Territory, actor_slug: str) -> Actor:
    actor = actor_of_territory(territory=territory, slug=actor_slug)
    if actor is None:
        raise Http404
    return actor


def _market(territory: Territory, market_slug: str) -> Market:
    market = market_of_territory(territory=territory, slug=market_slug)
    if market is None:
        raise Http404
    return market


# --- verification queue -----------------------------------------------------------------------


def admin_queue(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_territory_as_admin(user=request.user, territory=territory)
    data = request.GET if "statut" in request.GET else {"statut": ActorStatus.PENDING}
    form = QueueFilterForm(data)
    status = form.cleaned_data["statut"] if form.is_valid() else ""
    page_obj = Paginator(actor_queue(territory=territory, status=status), QUEUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    counts = actor_status_counts(territory=territory)
    return render(
        request,
        "actors/admin_queue.html",
        {
            "territory": territory,
            "form": form,
            "page_obj": page_obj,
            "querystring_base": f"statut={status}&",
            "counts": [(label, counts.get(value, 0)) for value, label in ActorStatus.choices],
            "breadcrumb_items": breadcrumbs(
                territory, _gestion(territory), (_("Acteurs à vérifier"), "")
            ),
        },
    )


def admin_detail(request: HttpRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory = require_territory(request)
    actor = _actor(territory, actor_slug)
    access_actor_as_territory_admin(user=request.user, actor=actor)
    return render(
        request,
        "actors/admin_detail.html",
        {
            "territory": territory,
            "actor": actor,
            "team": actor_team(actor=actor),
            "suspend_form": SuspendForm(),
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                (_("Acteurs à vérifier"), _queue_url(territory)),
                (actor.display_name, ""),
            ),
        },
    )


def _admin_detail_url(actor: Actor) -> str:
    return reverse(
        "actors:admin_detail",
        kwargs={"territory_slug": actor.territory.slug, "actor_slug": actor.slug},
    )


@require_POST
def admin_verify(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    actor = _actor(territory, actor_slug)
    access_actor_as_territory_admin(user=request.user, actor=actor)
    try:
        actor_verify(actor=actor, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("%(actor)s est vérifié : sa page est publiée.") % {"actor": actor.display_name},
        )
    back_to_queue = request.POST.get("next") == "queue"
    return redirect(_queue_url(territory) if back_to_queue else _admin_detail_url(actor))


@require_POST
def admin_suspend(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    actor = _actor(territory, actor_slug)
    access_actor_as_territory_admin(user=request.user, actor=actor)
    form = SuspendForm(request.POST)
    if form.is_valid():
        try:
            actor_suspend(actor=actor, by=request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("%(actor)s est suspendu ; son équipe a été prévenue.")
                % {"actor": actor.display_name},
            )
            return redirect(_admin_detail_url(actor))
    return render(
        request,
        "actors/admin_detail.html",
        {
            "territory": territory,
            "actor": actor,
            "team": actor_team(actor=actor),
            "suspend_form": form,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                (_("Acteurs à vérifier"), _queue_url(territory)),
                (actor.display_name, ""),
            ),
        },
        status=400,
    )


@require_POST
def admin_reinstate(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    actor = _actor(territory, actor_slug)
    access_actor_as_territory_admin(user=request.user, actor=actor)
    try:
        actor_reinstate(actor=actor, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("%(actor)s est rétabli : sa page est de nouveau publiée.")
            % {"actor": actor.display_name},
        )
    return redirect(_admin_detail_url(actor))


# --- markets ----------------------------------------------------------------------------------


def admin_markets(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_markets_as_territory_admin(user=request.user, territory=territory)
    return render(
        request,
        "actors/admin_markets.html",
        {
            "territory": territory,
            "markets": market_list(territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory, _gestion(territory), (_("Marchés de plein vent"), "")
            ),
        },
    )


def admin_market_create(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_markets_as_territory_admin(user=request.user, territory=territory)
    form = MarketForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            market = market_create(territory=territory, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Le marché a été ajouté."))
            return redirect(_market_edit_url(market))
    return render(
        request,
        "actors/admin_market_form.html",
        {
            "territory": territory,
            "form": form,
            "market": None,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                (_("Marchés de plein vent"), _markets_url(territory)),
                (_("Ajouter un marché"), ""),
            ),
        },
    )


def _market_edit_url(market: Market) -> str:
    return reverse(
        "actors:admin_market_edit",
        kwargs={"territory_slug": market.territory.slug, "market_slug": market.slug},
    )


def admin_market_edit(
    request: AuthenticatedRequest, territory_slug: str, market_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_markets_as_territory_admin(user=request.user, territory=territory)
    market = _market(territory, market_slug)
    form = MarketForm(request.POST or None, territory=territory, initial=_market_initial(market))
    if request.method == "POST" and form.is_valid():
        try:
            market_update(market=market, by=request.user, values=form.cleaned_data)
        except ApplicationError as error:
            form.add_service_error(error)
            market.refresh_from_db()
        else:
            messages.success(request, _("Le marché a été enregistré."))
            return redirect(_market_edit_url(market))
    stall_form = StallForm(actors=verified_actors(territory=territory))
    return _render_market_edit(request, territory, market, form, stall_form)


def _market_initial(market: Market) -> dict[str, object]:
    initial = {name: getattr(market, name) for name in MarketForm.base_fields}
    initial["commune"] = market.commune_id
    return initial


def _render_market_edit(
    request: HttpRequest,
    territory: Territory,
    market: Market,
    form: MarketForm,
    stall_form: StallForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "actors/admin_market_form.html",
        {
            "territory": territory,
            "form": form,
            "market": market,
            "stalls": market_stalls(market=market),
            "stall_form": stall_form,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                (_("Marchés de plein vent"), _markets_url(territory)),
                (market.name, ""),
            ),
        },
        status=status,
    )


@require_POST
def admin_market_delete(
    request: AuthenticatedRequest, territory_slug: str, market_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_markets_as_territory_admin(user=request.user, territory=territory)
    market = _market(territory, market_slug)
    market_delete(market=market, by=request.user)
    messages.success(
        request, _("Le marché « %(market)s » a été supprimé.") % {"market": market.name}
    )
    return redirect(_markets_url(territory))


@require_POST
def admin_stall_add(
    request: AuthenticatedRequest, territory_slug: str, market_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_markets_as_territory_admin(user=request.user, territory=territory)
    market = _market(territory, market_slug)
    stall_form = StallForm(request.POST, actors=verified_actors(territory=territory))
    if stall_form.is_valid():
        try:
            market_stall_set(
                market=market,
                actor=stall_form.cleaned_data["actor"],
                by=request.user,
                offers_pickup=stall_form.cleaned_data["offers_pickup"],
            )
        except ApplicationError as error:
            stall_form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("%(actor)s est ajouté aux exposants.")
                % {"actor": stall_form.cleaned_data["actor"].display_name},
            )
            return redirect(_market_edit_url(market))
    return _render_market_edit(
        request,
        territory,
        market,
        MarketForm(territory=territory, initial=_market_initial(market)),
        stall_form,
        status=400,
    )


@require_POST
def admin_stall_remove(
    request: AuthenticatedRequest, territory_slug: str, market_slug: str, actor_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_markets_as_territory_admin(user=request.user, territory=territory)
    market = _market(territory, market_slug)
    actor = _actor(territory, actor_slug)
    market_stall_remove(market=market, actor=actor, by=request.user)
    messages.success(
        request, _("%(actor)s est retiré des exposants.") % {"actor": actor.display_name}
    )
    return redirect(_market_edit_url(market))
