"""Public pages of the catalog: the search with facets, an offer's page."""

import re
from dataclasses import replace
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.accounts.access import membership_of
from pmvt.actors.access import can_see_professional_prices
from pmvt.catalog.cache import (
    CSRF_PLACEHOLDER,
    catalog_cache_get,
    catalog_cache_key,
    catalog_cache_set,
    with_visitor_token,
)
from pmvt.catalog.forms import (
    FAMILY_CODES,
    FULFILMENT_CODES,
    KIND_CODES,
    LABEL_CODES,
    CatalogSearchForm,
    parse_choice,
)
from pmvt.catalog.jsonld import offer_json_ld
from pmvt.catalog.kinds import OfferKind, offer_kind, offer_kinds
from pmvt.catalog.models import Category
from pmvt.catalog.selectors import (
    PAGE_SIZE,
    OfferFilters,
    SortOrder,
    offer_facets,
    offer_public_detail,
    offer_search,
)
from pmvt.core.navigation import breadcrumbs, market_trail
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

SLUG = re.compile(r"^[-a-z0-9]{1,140}$")
INSEE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")


def _market_trail(territory, *items: tuple[str, str]) -> list[tuple[str, str]]:
    return breadcrumbs(territory, market_trail(territory), *items)


def search(request: HttpRequest, territory_slug: str) -> HttpResponse:
    """/marche/catalogue/: words, facets, sort, cursor pages. A constant number of queries.

    The page's content is the same for every visitor asking the same thing of the same
    catalog: it is cached as HTML until the catalog changes (see catalog.cache), with the
    visitor's own CSRF token put into its cart forms on the way out.
    """
    territory = require_territory(request)
    kind = offer_kind(request.GET.get("type") or "")
    if kind is not None:
        return _kind_search(request, territory, kind)
    home = _member_commune(request, territory)
    key = catalog_cache_key(territory, "search-page", sorted(request.GET.lists()), home)
    main = catalog_cache_get(key)
    if main is None:
        main = _search_main(request, territory, home)
        catalog_cache_set(key, main)
    return render(
        request,
        "catalog/search.html",
        {
            "territory": territory,
            "current_door": "market",
            "query": _query(request),
            "main": with_visitor_token(main, request),
            "breadcrumb_items": _market_trail(territory, (_("Catalogue"), "")),
        },
    )


KIND_PAGE_SIZE = 20


def _kind_search(request: HttpRequest, territory: Territory, kind: OfferKind) -> HttpResponse:
    """Jobs, missions, activities or investment calls found by the same words (catalog.kinds).

    Not cached: those areas do not bump the catalog's version when they change.
    """
    query = _query(request)
    try:
        number = max(1, min(int(request.GET.get("page") or 1), 10_000))
    except ValueError:
        number = 1
    results = kind.search(territory, query, KIND_PAGE_SIZE, (number - 1) * KIND_PAGE_SIZE)
    pages = max(1, -(-results.count // KIND_PAGE_SIZE))
    base = urlencode([("q", query), ("type", kind.key)] if query else [("type", kind.key)])
    return render(
        request,
        "catalog/kind_search.html",
        {
            "territory": territory,
            "current_door": "market",
            "query": query,
            "kind": kind,
            "results": results,
            "kinds": offer_kinds(),
            "prev_url": f"?{base}&page={number - 1}" if number > 1 else "",
            "next_url": f"?{base}&page={number + 1}" if number < pages else "",
            "breadcrumb_items": _market_trail(territory, (_("Catalogue"), "")),
        },
    )


def _query(request: HttpRequest) -> str:
    return " ".join((request.GET.get("q") or "").split())[:100]


def _member_commune(request: HttpRequest, territory: Territory) -> str:
    """The INSEE code of the member's commune ("local first" starts there), or ""."""
    membership = membership_of(user=request.user, territory=territory)
    return membership.commune.insee_code if membership and membership.commune else ""


def _search_main(request: HttpRequest, territory: Territory, home: str) -> str:
    params = request.GET
    query = _query(request)
    category = (params.get("category") or "").strip()
    commune_code = (params.get("commune") or "").strip()
    filters = OfferFilters(
        category=category if SLUG.match(category) else "",
        label=parse_choice(params.get("label"), LABEL_CODES),
        commune=commune_code if INSEE.match(commune_code) else "",
        family=parse_choice(params.get("family"), FAMILY_CODES),
        fulfilment=parse_choice(params.get("fulfilment"), FULFILMENT_CODES),
        kind=parse_choice(params.get("kind"), KIND_CODES),
    )
    # Facets first: their query also brings the communes that "near" and distances need.
    facets = offer_facets(territory=territory, query=query, filters=filters)
    communes = facets.territory_communes
    by_insee = {c.insee_code: c for c in communes}
    if filters.commune and filters.commune not in by_insee:
        # A commune of another territory (a forged link): count again without it.
        filters = replace(filters, commune="")
        facets = offer_facets(territory=territory, query=query, filters=filters, communes=communes)
    near = by_insee.get(parse_choice(params.get("near"), by_insee)) or by_insee.get(home)
    requested_sort = parse_choice(params.get("sort"), set(SortOrder.values))
    sort = requested_sort or (SortOrder.RELEVANCE if query else SortOrder.NAME)
    page = offer_search(
        territory=territory,
        query=query,
        filters=filters,
        sort=sort,
        after=params.get("after"),
        limit=PAGE_SIZE,
        near=near,
        communes=communes,
    )
    selected_category_label = ""
    if filters.category and not any(
        filters.category in (top.value, *(c.value for c in top.children))
        for top in facets.categories
    ):
        found = Category.objects.filter(territory=territory, slug=filters.category).first()
        selected_category_label = found.name if found else _("Catégorie inconnue")
    form = CatalogSearchForm(
        initial={
            "q": query,
            "category": filters.category,
            "label": filters.label,
            "commune": filters.commune,
            "family": filters.family,
            "fulfilment": filters.fulfilment,
            "kind": filters.kind,
            "sort": page.sort if requested_sort else sort,
            "near": near.insee_code if near else "",
        },
        facets=facets,
        communes=communes,
        selected_category_label=selected_category_label,
    )
    kept = [(k, value) for k, values in params.lists() if k != "after" for value in values]
    base = urlencode(kept, doseq=False)
    prefix = f"?{base}&" if base else "?"
    return render_to_string(
        "catalog/_search_main.html",
        {
            "territory": territory,
            "form": form,
            "page": page,
            "facets": facets,
            "query": query,
            "filters": filters,
            "near": near,
            "local_requested": requested_sort == SortOrder.LOCAL,
            "next_url": f"{prefix}after={page.next_after}" if page.next_after else "",
            "prev_url": f"{prefix}after={page.prev_after}" if page.prev_after else "",
            "page_path": request.get_full_path(),
            "csrf_token": CSRF_PLACEHOLDER,
            "kinds": offer_kinds(),
        },
    )


def offer_detail(
    request: HttpRequest, territory_slug: str, offer_id: int, offer_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    offer = offer_public_detail(territory=territory, offer_id=offer_id)
    if offer is None:
        raise Http404
    offer.territory = territory
    if offer.slug != offer_slug:
        return redirect(offer.get_absolute_url(), permanent=True)
    seller_url = reverse(
        "actors:detail", kwargs={"territory_slug": territory.slug, "actor_slug": offer.actor.slug}
    )
    catalog_url = reverse("catalog:search", kwargs={"territory_slug": territory.slug})
    category = offer.category
    trail = [(_("Catalogue"), catalog_url)]
    if category.parent:
        trail.append((category.parent.name, f"{catalog_url}?category={category.parent.slug}"))
    trail += [(category.name, f"{catalog_url}?category={category.slug}"), (offer.name, "")]
    return render(
        request,
        "catalog/offer_detail.html",
        {
            "territory": territory,
            "current_door": "market",
            "offer": offer,
            "variants": offer.active_variants,  # type: ignore[attr-defined]
            "show_pro_prices": offer.actor.sells_to_professionals
            and can_see_professional_prices(user=request.user, seller=offer.actor),
            "seller_url": seller_url,
            "catalog_url": catalog_url,
            "json_ld": offer_json_ld(offer=offer, request=request, seller_url=seller_url),
            "page_path": request.get_full_path(),
            "breadcrumb_items": _market_trail(territory, *trail),
        },
    )
