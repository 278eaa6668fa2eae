"""The owner's pages: my assets, offer one, edit it, publish or withdraw it, its photos and
blocked periods, and the booking requests received."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.assets.access import (
    access_asset_as_manager,
    access_assets_as_offerer,
    offering_choices,
)
from pmvt.assets.forms import AssetForm, PhotoForm, UnavailabilityForm
from pmvt.assets.models import Asset
from pmvt.assets.selectors import (
    asset_bookings,
    asset_of_territory,
    asset_unavailabilities,
    managed_assets,
    photo_of_asset,
    received_bookings,
    unavailability_of_asset,
)
from pmvt.assets.services.assets import (
    MAX_PHOTOS,
    asset_create,
    asset_photo_add,
    asset_photo_remove,
    asset_publish,
    asset_unavailability_add,
    asset_unavailability_remove,
    asset_update,
    asset_withdraw,
)
from pmvt.assets.views.common import DOOR, report, trail
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.feedback import run_and_flash
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

BOOKINGS_PER_PAGE = 30


def _mine_trail(territory: Territory, *items: tuple[str, str]) -> list[tuple[str, str]]:
    mine = reverse("assets:mine", kwargs={"territory_slug": territory.slug})
    return trail(territory, (_("Mes biens proposés"), mine), *items)


def _managed(request: HttpRequest, territory: Territory, slug: str) -> Asset:
    asset = asset_of_territory(territory=territory, slug=slug)
    if asset is None:
        raise Http404
    access_asset_as_manager(user=request.user, asset=asset)
    return asset


def _manage_url(asset: Asset) -> str:
    return reverse(
        "assets:manage", kwargs={"territory_slug": asset.territory.slug, "asset_slug": asset.slug}
    )


def _context(territory: Territory, **values: Any) -> dict[str, Any]:
    return {"territory": territory, "current_door": DOOR, **values}


@login_required
def mine(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_assets_as_offerer(user=request.user, territory=territory)
    return render(
        request,
        "assets/mine.html",
        _context(
            territory,
            assets=list(managed_assets(user=request.user, territory=territory)),
            breadcrumb_items=trail(territory, (_("Mes biens proposés"), "")),
        ),
    )


@login_required
def create(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_assets_as_offerer(user=request.user, territory=territory)
    offering = offering_choices(user=request.user, territory=territory)
    form = AssetForm(request.POST or None, territory=territory, offering=offering)
    if request.method == "POST" and form.is_valid():
        choice = form.offering_choice()
        try:
            asset = asset_create(
                territory=territory,
                by=request.user,
                data=form.to_data(),
                actor=choice.actor,
                by_collectivite=choice.by_collectivite,
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(
                request,
                _(
                    "Le bien est enregistré comme brouillon. Ajoutez des photos, puis publiez-le "
                    "pour le proposer."
                ),
            )
            return redirect(_manage_url(asset))
    return render(
        request,
        "assets/form.html",
        _context(
            territory,
            form=form,
            asset=None,
            breadcrumb_items=_mine_trail(territory, (_("Proposer un bien"), "")),
        ),
    )


@login_required
def edit(request: AuthenticatedRequest, territory_slug: str, asset_slug: str) -> HttpResponse:
    territory = require_territory(request)
    asset = _managed(request, territory, asset_slug)
    form = AssetForm(request.POST or None, territory=territory, initial=AssetForm.initial_of(asset))
    if request.method == "POST" and form.is_valid():
        try:
            asset_update(asset=asset, by=request.user, data=form.to_data())
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("Les modifications sont enregistrées."))
            return redirect(_manage_url(asset))
    return render(
        request,
        "assets/form.html",
        _context(
            territory,
            form=form,
            asset=asset,
            breadcrumb_items=_mine_trail(
                territory, (asset.title, _manage_url(asset)), (_("Modifier"), "")
            ),
        ),
    )


def _manage_page(
    request: HttpRequest,
    territory: Territory,
    asset: Asset,
    *,
    photo_form: PhotoForm | None = None,
    unavailability_form: UnavailabilityForm | None = None,
    status: int = 200,
) -> HttpResponse:
    photos = list(asset.photos.all())
    return render(
        request,
        "assets/manage.html",
        _context(
            territory,
            asset=asset,
            photos=photos,
            can_add_photo=len(photos) < MAX_PHOTOS,
            photo_form=photo_form or PhotoForm(),
            unavailabilities=asset_unavailabilities(asset=asset),
            unavailability_form=unavailability_form or UnavailabilityForm(),
            bookings=list(asset_bookings(asset=asset)),
            breadcrumb_items=_mine_trail(territory, (asset.title, "")),
        ),
        status=status,
    )


@login_required
def manage(request: AuthenticatedRequest, territory_slug: str, asset_slug: str) -> HttpResponse:
    territory = require_territory(request)
    asset = _managed(request, territory, asset_slug)
    return _manage_page(request, territory, asset)


@require_POST
@login_required
def publish(request: AuthenticatedRequest, territory_slug: str, asset_slug: str) -> HttpResponse:
    territory = require_territory(request)
    asset = _managed(request, territory, asset_slug)
    run_and_flash(
        request,
        lambda: asset_publish(asset=asset, by=request.user),
        _("Le bien est publié : les membres peuvent le réserver."),
    )
    return redirect(_manage_url(asset))


@require_POST
@login_required
def withdraw(request: AuthenticatedRequest, territory_slug: str, asset_slug: str) -> HttpResponse:
    territory = require_territory(request)
    asset = _managed(request, territory, asset_slug)
    run_and_flash(
        request,
        lambda: asset_withdraw(asset=asset, by=request.user),
        _("Le bien est retiré : il n'apparaît plus dans la liste. Ses réservations restent."),
    )
    return redirect(_manage_url(asset))


@require_POST
@login_required
def photo_add(request: AuthenticatedRequest, territory_slug: str, asset_slug: str) -> HttpResponse:
    territory = require_territory(request)
    asset = _managed(request, territory, asset_slug)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            asset_photo_add(
                asset=asset,
                by=request.user,
                image=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("La photo est ajoutée."))
            return redirect(_manage_url(asset))
    return _manage_page(request, territory, asset, photo_form=form, status=400)


@require_POST
@login_required
def photo_remove(
    request: AuthenticatedRequest, territory_slug: str, asset_slug: str, photo_id: int
) -> HttpResponse:
    territory = require_territory(request)
    asset = _managed(request, territory, asset_slug)
    photo = photo_of_asset(asset=asset, photo_id=photo_id)
    if photo is None:
        raise Http404
    asset_photo_remove(photo=photo, by=request.user)
    messages.success(request, _("La photo est retirée."))
    return redirect(_manage_url(asset))


@require_POST
@login_required
def unavailability_add(
    request: AuthenticatedRequest, territory_slug: str, asset_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    asset = _managed(request, territory, asset_slug)
    form = UnavailabilityForm(request.POST)
    if form.is_valid():
        try:
            asset_unavailability_add(asset=asset, by=request.user, **form.cleaned_data)
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(request, _("La période est bloquée dans le calendrier."))
            return redirect(_manage_url(asset))
    return _manage_page(request, territory, asset, unavailability_form=form, status=400)


@require_POST
@login_required
def unavailability_remove(
    request: AuthenticatedRequest, territory_slug: str, asset_slug: str, unavailability_id: int
) -> HttpResponse:
    territory = require_territory(request)
    asset = _managed(request, territory, asset_slug)
    unavailability = unavailability_of_asset(asset=asset, unavailability_id=unavailability_id)
    if unavailability is None:
        raise Http404
    asset_unavailability_remove(unavailability=unavailability, by=request.user)
    messages.success(request, _("La période n'est plus bloquée."))
    return redirect(_manage_url(asset))


@login_required
def requests_received(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_assets_as_offerer(user=request.user, territory=territory)
    page_obj = Paginator(
        received_bookings(user=request.user, territory=territory), BOOKINGS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "assets/requests.html",
        _context(
            territory,
            page_obj=page_obj,
            querystring_base="",
            breadcrumb_items=_mine_trail(territory, (_("Demandes reçues"), "")),
        ),
    )
