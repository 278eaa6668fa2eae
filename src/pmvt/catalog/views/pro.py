"""The seller's catalog back office: offers, formats, stock, CSV import and export."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pmvt.actors.access import access_actor_catalog_as_editor
from pmvt.actors.models import Actor
from pmvt.actors.selectors import actor_of_territory
from pmvt.catalog.csv_format import COLUMN_HELP, COLUMNS, export_catalog_csv
from pmvt.catalog.forms import (
    ImportForm,
    OfferForm,
    ProCatalogFilterForm,
    StockForm,
    VariantFormSet,
    active_category_tree,
)
from pmvt.catalog.models import Allergen, Offer, OfferLabel, OfferVariant
from pmvt.catalog.selectors import actor_catalog
from pmvt.catalog.services.imports import CatalogImportError, catalog_import_csv
from pmvt.catalog.services.offers import (
    offer_activate,
    offer_create,
    offer_deactivate,
    offer_update,
    variant_set_stock,
)
from pmvt.catalog.text import fold
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

OFFERS_PER_PAGE = 25
MAX_UPLOAD = 5 * 1024 * 1024


def _editable_actor(request: HttpRequest, actor_slug: str) -> tuple[Territory, Actor]:
    territory = require_territory(request)
    actor = actor_of_territory(territory=territory, slug=actor_slug)
    if actor is None:
        raise Http404
    access_actor_catalog_as_editor(user=request.user, actor=actor)
    return territory, actor


def _catalog_url(actor: Actor) -> str:
    return reverse(
        "catalog:pro_catalog",
        kwargs={"territory_slug": actor.territory.slug, "actor_slug": actor.slug},
    )


def _trail(territory: Territory, actor: Actor, *items: tuple[str, str]) -> list:
    kwargs = {"territory_slug": territory.slug}
    return breadcrumbs(
        territory,
        (_("Espace pro"), reverse("actors:pro_index", kwargs=kwargs)),
        (
            actor.display_name,
            reverse("actors:pro_home", kwargs={**kwargs, "actor_slug": actor.slug}),
        ),
        *items,
    )


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def pro_catalog(request: HttpRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _editable_actor(request, actor_slug)
    search = ProCatalogFilterForm(request.GET or None)
    offers = actor_catalog(actor=actor)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    if query:
        offers = offers.filter(sort_name__contains=fold(query).strip())
    page_obj = Paginator(offers, OFFERS_PER_PAGE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "catalog/pro/catalog.html",
        {
            "territory": territory,
            "actor": actor,
            "search": search,
            "query": query,
            "page_obj": page_obj,
            "querystring_base": f"{querystring.urlencode()}&" if querystring else "",
            "page_path": request.get_full_path(),
            "breadcrumb_items": _trail(territory, actor, (_("Catalogue"), "")),
        },
    )


def _variant_initial(offer: Offer) -> list[dict]:
    return [
        {
            "id": v.pk,
            "label": v.label,
            "price": f"{v.price:.2f}".replace(".", ","),
            "pro_price": f"{v.pro_price:.2f}".replace(".", ",") if v.pro_price is not None else "",
            "stock_tracked": v.stock_tracked,
            "stock": v.stock,
            "sku": v.sku,
            "is_active": v.is_active,
        }
        for v in offer.variants.order_by("position", "pk")
    ]


def _offer_form_page(
    request: AuthenticatedRequest,
    territory: Territory,
    actor: Actor,
    offer: Offer | None,
) -> HttpResponse:
    initial = None
    variant_initial = None
    if offer is not None:
        initial = {
            "name": offer.name,
            "category": str(offer.category_id),
            "kind": offer.kind,
            "description": offer.description,
            "unit": offer.unit,
            "vat_rate": f"{offer.vat_rate:.2f}",
            "origin_commune": offer.origin_commune_id,
            "produced_on_territory": offer.produced_on_territory,
            "labels": offer.labels,
            "allergens": offer.allergens,
            "available_from": offer.available_from,
            "available_until": offer.available_until,
            "image_alt": offer.image_alt,
        }
        variant_initial = _variant_initial(offer)
    post = request.method == "POST"
    form = OfferForm(
        request.POST if post else None,
        request.FILES if post else None,
        initial=initial,
        territory=territory,
    )
    formset = VariantFormSet(
        request.POST if post else None, initial=variant_initial, prefix="variants"
    )
    if post and form.is_valid() and formset.is_valid():
        variants = [
            f.to_service() for f in formset.forms if f.has_changed() or f.cleaned_data.get("id")
        ]
        variants = [v for v in variants if v.get("price") is not None]
        data = form.cleaned_data
        fields = {
            "category": data["category"],
            "name": data["name"],
            "kind": data["kind"],
            "description": data["description"],
            "vat_rate": data["vat_rate"],
            "unit": data["unit"],
            "origin_commune": data["origin_commune"],
            "produced_on_territory": data["produced_on_territory"],
            "labels": data["labels"],
            "allergens": data["allergens"],
            "available_from": data["available_from"],
            "available_until": data["available_until"],
        }
        image_fields = {}
        if data.get("image"):
            image_fields["image"] = data["image"]
        elif data.get("remove_image"):
            image_fields["image"] = None
        image_fields["image_alt"] = data["image_alt"]
        try:
            if offer is None:
                for v in variants:
                    v.pop("id", None)
                saved = offer_create(
                    actor=actor, by=request.user, variants=variants, **fields, **image_fields
                )
                messages.success(
                    request,
                    _("L'offre « %(name)s » est en vente.") % {"name": saved.name},
                )
            else:
                saved = offer_update(
                    offer=offer, by=request.user, variants=variants, **fields, **image_fields
                )
                messages.success(
                    request,
                    _("L'offre « %(name)s » a été enregistrée.") % {"name": saved.name},
                )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            return redirect(_catalog_url(actor))
    title = offer.name if offer else _("Nouvelle offre")
    return render(
        request,
        "catalog/pro/offer_form.html",
        {
            "territory": territory,
            "actor": actor,
            "offer": offer,
            "form": form,
            "formset": formset,
            "title": title,
            "breadcrumb_items": _trail(
                territory, actor, (_("Catalogue"), _catalog_url(actor)), (title, "")
            ),
        },
    )


def pro_offer_create(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory, actor = _editable_actor(request, actor_slug)
    return _offer_form_page(request, territory, actor, None)


def _offer_of(actor: Actor, offer_id: int) -> Offer:
    offer = (
        Offer.objects.filter(actor=actor, pk=offer_id)
        .select_related("actor__territory", "category", "origin_commune")
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def pro_offer_edit(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, offer_id: int
) -> HttpResponse:
    territory, actor = _editable_actor(request, actor_slug)
    return _offer_form_page(request, territory, actor, _offer_of(actor, offer_id))


@require_POST
def pro_offer_deactivate(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, offer_id: int
) -> HttpResponse:
    _territory, actor = _editable_actor(request, actor_slug)
    offer = offer_deactivate(offer=_offer_of(actor, offer_id), by=request.user)
    messages.success(
        request,
        _("L'offre « %(name)s » est retirée de la vente.") % {"name": offer.name},
    )
    return redirect(_back(request, _catalog_url(actor)))


@require_POST
def pro_offer_activate(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, offer_id: int
) -> HttpResponse:
    _territory, actor = _editable_actor(request, actor_slug)
    try:
        offer = offer_activate(offer=_offer_of(actor, offer_id), by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("L'offre « %(name)s » est de nouveau en vente.") % {"name": offer.name}
        )
    return redirect(_back(request, _catalog_url(actor)))


@require_POST
def pro_variant_stock(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, variant_id: int
) -> HttpResponse:
    _territory, actor = _editable_actor(request, actor_slug)
    variant = (
        OfferVariant.objects.filter(offer__actor=actor, pk=variant_id)
        .select_related("offer__actor")
        .first()
    )
    if variant is None:
        raise Http404
    form = StockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez un stock entier entre 0 et 1 000 000."))
    else:
        try:
            variant_set_stock(variant=variant, by=request.user, stock=form.cleaned_data["stock"])
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("Stock de « %(variant)s » : %(stock)s.")
                % {"variant": variant, "stock": variant.stock},
            )
    return redirect(_back(request, _catalog_url(actor)))


def pro_import(request: AuthenticatedRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _editable_actor(request, actor_slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    import_errors: list[str] = []
    error_title = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            import_errors = [_("Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers.")]
            error_title = _("Le fichier n'a pas été importé. Rien n'a été modifié.")
        else:
            try:
                report = catalog_import_csv(actor=actor, by=request.user, data=upload.read())
            except CatalogImportError as error:
                import_errors, error_title = error.errors, str(error.message)
            else:
                messages.success(request, report.summary)
                return redirect(_catalog_url(actor))
    return render(
        request,
        "catalog/pro/import.html",
        {
            "territory": territory,
            "actor": actor,
            "form": form,
            "import_errors": import_errors,
            "error_title": error_title,
            "columns": [(c, COLUMN_HELP[c]) for c in COLUMNS],
            "categories": active_category_tree(territory=territory),
            "labels": OfferLabel.choices,
            "allergens": Allergen.choices,
            "breadcrumb_items": _trail(
                territory,
                actor,
                (_("Catalogue"), _catalog_url(actor)),
                (_("Importer un fichier"), ""),
            ),
        },
    )


@require_GET
def pro_export(request: HttpRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    _territory, actor = _editable_actor(request, actor_slug)
    response = HttpResponse(export_catalog_csv(actor=actor), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="catalogue-{actor.slug}.csv"'
    return response
