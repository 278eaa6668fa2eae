"""Reads on the catalog: the public search with facets, an offer's page, the seller's list.

Public means: the offer is active, not past its availability, and its actor is verified.
The search page issues a constant number of queries whatever the page size: the card fields
(default format, stock, price range) are subqueries of the page query, the facet counts come
from one aggregate query and one UNION of GROUP BY queries.
"""

import base64
import binascii
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmvt.actors.models import Actor, ActorStatus, CaplaFamily
from pmvt.catalog.cache import catalog_cache_key, catalog_cached
from pmvt.catalog.models import Category, Offer, OfferKind, OfferLabel, OfferVariant
from pmvt.catalog.services.search_index import SEARCH_CONFIG
from pmvt.catalog.text import fts5_match, search_tokens, sort_key
from pmvt.territories.models import Commune, Territory

PAGE_SIZE = 24
MAX_PAGE_SIZE = 96
# Relevance and distance pages use an offset: cap it, a search that deep should be refined.
MAX_OFFSET = 960
LOW_STOCK = 5
# SQLite ranking: bm25() is negative, best first; the name weighs most, then the keywords
# (category, seller, labels, commune), then the description.
BM25 = "bm25(catalog_offer_fts, 10.0, 4.0, 1.0)"


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", _("Pertinence")
    LOCAL = "local", _("Les plus proches d'abord")
    PRICE_ASC = "price_asc", _("Prix croissant")
    PRICE_DESC = "price_desc", _("Prix décroissant")
    NAME = "name", _("Nom de A à Z")


class Fulfilment(models.TextChoices):
    CLICK_COLLECT = "click_collect", _("Retrait sur place (click & collect)")
    DELIVERY = "delivery", _("Livraison")


KEYSET_SORTS: dict[str, tuple[tuple[str, str], bool]] = {
    SortOrder.NAME: (("sort_name", "pk"), False),
    SortOrder.PRICE_ASC: (("price_from", "pk"), False),
    SortOrder.PRICE_DESC: (("price_from", "pk"), True),
}


@dataclass(frozen=True)
class OfferFilters:
    """Facet filters of the public search; "" means no filter on that facet."""

    category: str = ""  # category slug (a parent category includes its children)
    label: str = ""  # OfferLabel code
    commune: str = ""  # INSEE code of the commune of production (else the seller's)
    family: str = ""  # CaplaFamily code of the seller
    fulfilment: str = ""  # Fulfilment code
    kind: str = ""  # OfferKind code


@dataclass
class OfferPage:
    offers: list[Offer]
    sort: str
    next_after: str = ""
    prev_after: str = ""
    capped: bool = False  # more results exist beyond the offset cap


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    children: list["FacetValue"] = field(default_factory=list)


@dataclass
class Facets:
    total: int
    categories: list[FacetValue]
    labels: list[FacetValue]
    communes: list[FacetValue]
    families: list[FacetValue]
    fulfilments: list[FacetValue]
    kinds: list[FacetValue]
    territory_communes: list[Commune]  # every commune, by name, with its reference point


# --- the public set ---------------------------------------------------------------------------


def public_offers(*, territory: Territory) -> QuerySet[Offer]:
    """Offers anyone may see and buy: active, still available, of a verified actor."""
    today = timezone.localdate()
    return Offer.objects.filter(
        territory=territory,
        is_active=True,
        actor__status=ActorStatus.VERIFIED,
    ).filter(Q(available_until__isnull=True) | Q(available_until__gte=today))


def _text_filter(qs: QuerySet[Offer], query: str) -> QuerySet[Offer]:
    if connection.vendor == "postgresql":
        return qs.filter(search_vector=SearchQuery(query, config=SEARCH_CONFIG))
    return qs.filter(
        pk__in=RawSQL(
            "SELECT rowid FROM catalog_offer_fts WHERE catalog_offer_fts MATCH %s",
            [fts5_match(query)],
        )
    )


def _relevance(query: str) -> Any:
    """An expression to sort by, best match first in ascending order."""
    if connection.vendor == "postgresql":
        return -SearchRank(F("search_vector"), SearchQuery(query, config=SEARCH_CONFIG))
    return RawSQL(  # noqa: S611 - constant SQL; the words are a parameter
        f"(SELECT {BM25} FROM catalog_offer_fts "  # noqa: S608
        "WHERE catalog_offer_fts MATCH %s AND catalog_offer_fts.rowid = catalog_offer.id)",
        [fts5_match(query)],
        output_field=FloatField(),
    )


def _searchable(query: str) -> bool:
    return bool(search_tokens(query))


def _facet_conditions(filters: OfferFilters) -> dict[str, Q]:
    conditions: dict[str, Q] = {}
    if filters.category:
        conditions["category"] = Q(category__slug=filters.category) | Q(
            category__parent__slug=filters.category
        )
    if filters.label:
        conditions["label"] = Q(labels__has_code=filters.label)
    if filters.commune:
        conditions["commune"] = Q(origin_commune__insee_code=filters.commune) | Q(
            origin_commune__isnull=True, actor__commune__insee_code=filters.commune
        )
    if filters.family:
        conditions["family"] = Q(actor__capla_family=filters.family)
    if filters.fulfilment == Fulfilment.CLICK_COLLECT:
        conditions["fulfilment"] = Q(actor__offers_click_collect=True)
    elif filters.fulfilment == Fulfilment.DELIVERY:
        conditions["fulfilment"] = Q(actor__offers_delivery=True)
    elif filters.fulfilment:
        conditions["fulfilment"] = Q(pk__in=[])
    if filters.kind:
        conditions["kind"] = Q(kind=filters.kind)
    return conditions


def _combine(conditions: dict[str, Q], *, without: str = "") -> Q:
    combined = Q()
    for name, condition in conditions.items():
        if name != without:
            combined &= condition
    return combined


def _matching(*, territory: Territory, query: str) -> QuerySet[Offer]:
    qs = public_offers(territory=territory)
    return _text_filter(qs, query) if _searchable(query) else qs


# --- cards ------------------------------------------------------------------------------------


def with_card_fields(qs: QuerySet[Offer]) -> QuerySet[Offer]:
    """What an offer card shows, in the same query: seller, commune, default format, stock."""
    # The outer offer is already scoped; a territory filter here would only tempt SQLite into
    # scanning the territory's variants instead of the offer's.
    active = OfferVariant.objects.with_scopes_disabled().filter(
        offer=OuterRef("pk"), is_active=True
    )
    return (
        qs.select_related("actor", "actor__commune", "category", "origin_commune")
        .defer("search_vector", "description", "actor__description", "actor__terms_of_sale")
        .annotate(
            default_variant_id=Subquery(active.order_by("position", "pk").values("pk")[:1]),
            variant_count=Subquery(
                active.order_by().values("offer").annotate(n=Count("pk")).values("n")[:1],
                output_field=IntegerField(),
            ),
            in_stock=Exists(active.filter(Q(stock_tracked=False) | Q(stock__gt=0))),
            price_varies=Exists(active.filter(price__gt=OuterRef("price_from"))),
        )
    )


# --- cursors ----------------------------------------------------------------------------------


def _encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str | None) -> dict[str, Any]:
    if not token:
        return {}
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return {}
    return payload if isinstance(payload, dict) else {}


def _keyset_value(offer: Offer, sort: str) -> list[Any]:
    if sort == SortOrder.NAME:
        return [offer.sort_name, offer.pk]
    return [str(offer.price_from), offer.pk]


def _keyset_condition(sort: str, values: list[Any], *, forward: bool) -> Q | None:
    (first, second), descending = KEYSET_SORTS[sort]
    try:
        key = str(values[0]) if sort == SortOrder.NAME else Decimal(str(values[0]))
        pk = int(values[1])
    except (ArithmeticError, IndexError, TypeError, ValueError):
        return None
    greater = forward != descending
    op = "gt" if greater else "lt"
    return Q(**{f"{first}__{op}": key}) | Q(**{first: key, f"{second}__{op}": pk})


def _keyset_ordering(sort: str, *, forward: bool) -> list[Any]:
    (first, second), descending = KEYSET_SORTS[sort]
    ascending = forward != descending
    return [F(first).asc(), F(second).asc()] if ascending else [F(first).desc(), F(second).desc()]


# --- distances --------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6371.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def commune_distances(*, origin: Commune, communes: Sequence[Commune]) -> dict[int, float]:
    """Kilometres from `origin` to each commune with a reference point (others are left out)."""
    if origin.latitude is None or origin.longitude is None:
        return {}
    return {
        c.pk: round(
            haversine_km(
                float(origin.latitude),
                float(origin.longitude),
                float(c.latitude),
                float(c.longitude),
            ),
            3,
        )
        for c in communes
        if c.latitude is not None and c.longitude is not None
    }


def _distance_expression(distances: dict[int, float]) -> Any:
    """Kilometres from the buyer to the offer's place (NULL when unknown); needs `place_id`."""
    if not distances:
        return Value(None, output_field=FloatField())
    return Case(
        *(When(Q(place_id=pk), then=Value(km)) for pk, km in distances.items()),
        default=Value(None),
        output_field=FloatField(),
    )


def territory_communes(*, territory: Territory) -> list[Commune]:
    """The territory's communes with their reference points, by name."""
    return list(
        Commune.objects.filter(territory=territory)
        .only("pk", "name", "insee_code", "latitude", "longitude", "territory_id")
        .order_by("name")
    )


# --- search -----------------------------------------------------------------------------------


def effective_sort(*, sort: str, query: str, near: Commune | None) -> str:
    """The sort actually applied: relevance needs words to match, local needs a commune."""
    if sort == SortOrder.RELEVANCE and not _searchable(query):
        return SortOrder.NAME
    if sort == SortOrder.LOCAL and (
        near is None or near.latitude is None or near.longitude is None
    ):
        return SortOrder.NAME
    if sort not in SortOrder.values:
        return SortOrder.RELEVANCE if _searchable(query) else SortOrder.NAME
    return sort


def offer_search(
    *,
    territory: Territory,
    query: str,
    filters: OfferFilters,
    sort: str,
    after: str | None = None,
    limit: int = PAGE_SIZE,
    near: Commune | None = None,
    communes: Sequence[Commune] | None = None,
) -> OfferPage:
    """One page of public offers matching the words and the facet filters.

    `after` is an opaque cursor from a previous page (its next_after or prev_after). Name and
    price sorts page by keyset (stable under inserts, fast at any depth); relevance and
    "local first" page by offset, capped at MAX_OFFSET. `near` is the buyer's commune for
    "local first": distances use the communes' reference points; offers of a commune without
    one come last. `communes` saves a query when the caller already loaded them.
    """
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    sort = effective_sort(sort=sort, query=query, near=near)
    qs = _matching(territory=territory, query=query).filter(_combine(_facet_conditions(filters)))
    cursor = _decode(after)
    if cursor.get("s") != sort:
        cursor = {}

    if sort in KEYSET_SORTS:
        forward = cursor.get("d") != "b"
        condition = (
            _keyset_condition(sort, cursor.get("v") or [], forward=forward) if cursor else None
        )
        if condition is not None:
            qs = qs.filter(condition)
        ordering = _keyset_ordering(sort, forward=forward)
        rows = _cards(qs.order_by(*ordering)[: limit + 1], ordering=ordering)
        more = len(rows) > limit
        rows = rows[:limit]
        if not forward:
            rows.reverse()
        page = OfferPage(offers=rows, sort=sort)
        if rows:
            has_next = more if forward else True
            has_prev = condition is not None if forward else more
            if has_next:
                page.next_after = _encode({"s": sort, "d": "a", "v": _keyset_value(rows[-1], sort)})
            if has_prev:
                page.prev_after = _encode({"s": sort, "d": "b", "v": _keyset_value(rows[0], sort)})
        return page

    try:
        offset = max(0, min(int(cursor.get("o", 0)), MAX_OFFSET))
    except (TypeError, ValueError):
        offset = 0
    if sort == SortOrder.LOCAL:
        assert near is not None
        if communes is None:
            communes = territory_communes(territory=territory)
        annotations = {
            "place_id": Coalesce("origin_commune_id", "actor__commune_id"),
            "distance_km": _distance_expression(commune_distances(origin=near, communes=communes)),
        }
        ordering = [F("distance_km").asc(nulls_last=True), F("sort_name").asc(), F("pk").asc()]
        picked = qs.annotate(**annotations).order_by(*ordering)
    else:
        annotations = {"relevance": _relevance(query)}
        ordering = [F("relevance").asc(), F("sort_name").asc(), F("pk").asc()]
        picked = _by_relevance(qs, query)
    rows = _cards(picked[offset : offset + limit + 1], ordering=ordering, annotations=annotations)
    more = len(rows) > limit
    rows = rows[:limit]
    page = OfferPage(offers=rows, sort=sort)
    if more and offset + limit <= MAX_OFFSET:
        page.next_after = _encode({"s": sort, "o": offset + limit})
    elif more:
        page.capped = True
    if offset > 0:
        page.prev_after = _encode({"s": sort, "o": max(0, offset - limit)})
    return page


def _by_relevance(qs: QuerySet[Offer], query: str) -> QuerySet[Offer]:
    """The matching offers, best first, ranking each one once."""
    if connection.vendor == "postgresql":
        return qs.annotate(relevance=_relevance(query)).order_by("relevance", "sort_name", "pk")
    # Join the FTS5 table so that bm25() is computed in the same pass as the match. The join
    # condition goes through the ORM (pk=…) so that it follows the table's alias when this
    # query becomes a subquery.
    return (
        qs.extra(
            tables=["catalog_offer_fts"],
            where=["catalog_offer_fts MATCH %s"],
            params=[fts5_match(query)],
        )
        .filter(pk=RawSQL("catalog_offer_fts.rowid", ()))
        .order_by(RawSQL(BM25, ()).asc(), "sort_name", "pk")  # noqa: S611 - constant SQL
    )


def _cards(
    picked: QuerySet[Offer], *, ordering: list[Any], annotations: dict[str, Any] | None = None
) -> list[Offer]:
    """The card fields of the offers a lean query picked, in its order, in one query.

    The costly per-card subqueries then run for the page's rows only, not for every row the
    database sorts (SQLite evaluates the select list before sorting).
    """
    cards = with_card_fields(Offer.objects.filter(pk__in=picked.values("pk")))
    if annotations:
        cards = cards.annotate(**annotations)
    return list(cards.order_by(*ordering))


# --- facets -------------------------------------------------------------------------------------

FACET_COLUMNS = (
    "f_facet",
    "f_key",
    "f_name",
    "f_slug",
    "f_parent",
    "f_parent_name",
    "f_parent_slug",
    "n",
)


def _category_tree(rows: Sequence[Sequence[Any]]) -> list[FacetValue]:
    """Top categories with their counts (children included), each with its children."""
    tops: dict[int, FacetValue] = {}
    children: dict[int, list[FacetValue]] = {}
    for _facet, pk, name, slug, parent_id, parent_name, parent_slug, n in rows:
        if parent_id is None:
            node = tops.setdefault(pk, FacetValue(value=slug, label=name, count=0))
            node.count += n
        else:
            parent = tops.setdefault(
                parent_id, FacetValue(value=parent_slug, label=parent_name, count=0)
            )
            parent.count += n
            children.setdefault(parent_id, []).append(FacetValue(value=slug, label=name, count=n))
    for pk, node in tops.items():
        node.children = sorted(children.get(pk, []), key=lambda v: sort_key(v.label))
    return sorted(tops.values(), key=lambda v: sort_key(v.label))


def offer_facets(
    *,
    territory: Territory,
    query: str,
    filters: OfferFilters,
    communes: Sequence[Commune] | None = None,
) -> Facets:
    """Counts per facet value, each facet counted with the other facets' filters applied.

    Cached until the catalog changes (see catalog.cache): counting a large catalog is the
    costliest read of the search page, and the same counts serve every sort and page.
    """
    key = catalog_cache_key(territory, "facets", query, filters)
    return catalog_cached(
        key,
        lambda: _count_facets(territory=territory, query=query, filters=filters, communes=communes),
    )


def _count_facets(
    *,
    territory: Territory,
    query: str,
    filters: OfferFilters,
    communes: Sequence[Commune] | None = None,
) -> Facets:
    """Count the facets (see offer_facets).

    Two queries: one aggregate (total, labels, families, fulfilment, kinds) and one UNION of
    GROUP BY (categories, communes), which also brings the territory's communes unless the
    caller gives them.
    """
    base = _matching(territory=territory, query=query)
    conditions = _facet_conditions(filters)

    def count(extra: Q, *, without: str) -> Count:
        condition = _combine(conditions, without=without) & extra
        return Count("pk", filter=condition) if condition else Count("pk")

    aggregates: dict[str, Count] = {
        "total": count(Q(), without=""),
        **{
            f"label__{code}": count(Q(labels__has_code=code), without="label")
            for code in OfferLabel.values
        },
        **{
            f"family__{code}": count(Q(actor__capla_family=code), without="family")
            for code in CaplaFamily.values
        },
        **{f"kind__{code}": count(Q(kind=code), without="kind") for code in OfferKind.values},
        f"fulfilment__{Fulfilment.CLICK_COLLECT}": count(
            Q(actor__offers_click_collect=True), without="fulfilment"
        ),
        f"fulfilment__{Fulfilment.DELIVERY}": count(
            Q(actor__offers_delivery=True), without="fulfilment"
        ),
    }
    counts = base.order_by().aggregate(**aggregates)

    text = Value("", output_field=CharField())
    none = Value(None, output_field=IntegerField())
    by_category = (
        base.filter(_combine(conditions, without="category"))
        .order_by()
        .values(
            f_facet=Value("category", output_field=CharField()),
            f_key=F("category_id"),
            f_name=F("category__name"),
            f_slug=F("category__slug"),
            f_parent=F("category__parent_id"),
            f_parent_name=F("category__parent__name"),
            f_parent_slug=F("category__parent__slug"),
        )
        .annotate(n=Count("pk"))
        .values_list(*FACET_COLUMNS)
    )
    by_commune = (
        base.filter(_combine(conditions, without="commune"))
        .order_by()
        .values(
            f_facet=Value("commune", output_field=CharField()),
            f_key=Coalesce("origin_commune_id", "actor__commune_id"),
            f_name=text,
            f_slug=text,
            f_parent=none,
            f_parent_name=text,
            f_parent_slug=text,
        )
        .annotate(n=Count("pk"))
        .values_list(*FACET_COLUMNS)
    )
    branches: list[QuerySet[Any, Any]] = [by_commune]
    if communes is None:
        # The territory's communes ride along in the same query (they feed the "near" list
        # and the distances): one query fewer on the catalog page.
        branches.append(
            Commune.objects.filter(territory=territory)
            .order_by()
            .values(
                f_facet=Value("place", output_field=CharField()),
                f_key=F("id"),
                f_name=F("name"),
                f_slug=F("insee_code"),
                f_parent=none,
                f_parent_name=Cast("latitude", output_field=CharField()),
                f_parent_slug=Cast("longitude", output_field=CharField()),
            )
            .annotate(n=Value(0, output_field=IntegerField()))
            .values_list(*FACET_COLUMNS)
        )
    rows = list(by_category.union(*branches, all=True))
    if communes is None:
        communes = sorted(
            (
                Commune(
                    pk=row[1],
                    territory_id=territory.pk,
                    name=row[2],
                    insee_code=row[3],
                    latitude=Decimal(row[5]) if row[5] is not None else None,
                    longitude=Decimal(row[6]) if row[6] is not None else None,
                )
                for row in rows
                if row[0] == "place"
            ),
            key=lambda c: sort_key(c.name),
        )
    commune_by_pk = {c.pk: c for c in communes}
    commune_counts = sorted(
        (
            FacetValue(
                value=commune_by_pk[row[1]].insee_code,
                label=commune_by_pk[row[1]].name,
                count=row[7],
            )
            for row in rows
            if row[0] == "commune" and row[1] in commune_by_pk
        ),
        key=lambda v: sort_key(v.label),
    )

    def values(prefix: str, choices: Any) -> list[FacetValue]:
        return [
            FacetValue(value=code, label=str(label), count=counts[f"{prefix}__{code}"])
            for code, label in choices
            if counts[f"{prefix}__{code}"] or getattr(filters, prefix) == code
        ]

    return Facets(
        total=counts["total"],
        categories=_category_tree([r for r in rows if r[0] == "category"]),
        labels=values("label", OfferLabel.choices),
        communes=commune_counts,
        families=values("family", CaplaFamily.choices),
        fulfilments=values("fulfilment", Fulfilment.choices),
        territory_communes=list(communes),
        kinds=values("kind", OfferKind.choices),
    )


# --- pages ------------------------------------------------------------------------------------


def offer_public_detail(*, territory: Territory, offer_id: int) -> Offer | None:
    """A public offer with its seller and its formats on sale, or None."""
    return (
        public_offers(territory=territory)
        .select_related("actor", "actor__commune", "category", "category__parent", "origin_commune")
        .prefetch_related(
            Prefetch(
                "variants",
                queryset=OfferVariant.objects.filter(is_active=True).order_by("position", "pk"),
                to_attr="active_variants",
            )
        )
        .defer("search_vector")
        .filter(pk=offer_id)
        .first()
    )


def recent_offers(*, territory: Territory, limit: int = 8) -> list[Offer]:
    """The latest public offers, as cards."""
    return list(with_card_fields(public_offers(territory=territory)).order_by("-pk")[:limit])


def category_counts(*, territory: Territory) -> list[FacetValue]:
    """Top categories with their number of public offers (children included), by name."""
    rows = (
        public_offers(territory=territory)
        .order_by()
        .values_list(
            Value("category", output_field=CharField()),
            "category_id",
            "category__name",
            "category__slug",
            "category__parent_id",
            "category__parent__name",
            "category__parent__slug",
        )
        .annotate(n=Count("pk"))
    )
    return _category_tree(list(rows))


def category_tree(*, territory: Territory) -> list[tuple[Category, list[Category]]]:
    """The territory's taxonomy: (top category, its children), in display order."""
    categories = list(
        Category.objects.filter(territory=territory).order_by("position", "name", "pk")
    )
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category)
    return [(c, children.get(c.pk, [])) for c in categories if c.parent_id is None]


def actor_public_offers(*, actor: Actor) -> QuerySet[Offer]:
    """The offers on sale of one actor, with the card fields, by name (its public page)."""
    return with_card_fields(
        public_offers(territory=actor.territory).filter(actor=actor).order_by("sort_name", "pk")
    )


def actor_catalog(*, actor: Actor) -> QuerySet[Offer]:
    """The seller's own offers (active or not) with all their formats, by name."""
    return (
        Offer.objects.filter(actor=actor)
        .select_related("category", "category__parent")
        .prefetch_related(
            Prefetch("variants", queryset=OfferVariant.objects.order_by("position", "pk"))
        )
        .defer("search_vector")
        .order_by("sort_name", "pk")
    )


def stock_state(variant: OfferVariant) -> tuple[str, str]:
    """(code, French text) of a format's availability: in stock, only N left, sold out."""
    if not variant.stock_tracked:
        return "available", str(_("Disponible"))
    if variant.stock <= 0:
        return "sold_out", str(_("Épuisé"))
    if variant.stock <= LOW_STOCK:
        return "low", str(_("Plus que %(n)s") % {"n": variant.stock})
    return "in_stock", str(_("En stock"))
