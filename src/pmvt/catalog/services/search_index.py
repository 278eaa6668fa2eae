"""Keep the full-text index of offers up to date. Called by the offer services, not by signals.

One document per offer, in three weighted parts:
- name: the offer's name (weight A);
- keywords: category and parent category, seller, labels, commune (weight B);
- description: the description and the formats sold (weight C).
PostgreSQL stores it as Offer.search_vector (configuration `pmvt_french`); SQLite stores the
folded and stemmed text in `catalog_offer_search_doc`, indexed by the FTS5 table
`catalog_offer_fts` (see migration 0003).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import translation
from django_scopes import scopes_disabled

from pmvt.catalog.cache import catalog_changed
from pmvt.catalog.models import Offer, OfferKind, OfferLabel, OfferVariant
from pmvt.catalog.text import search_text
from pmvt.territories.models import Territory

BATCH = 500
SEARCH_CONFIG = "pmvt_french"
# `{rows}` becomes "(%s, %s, %s, %s), ..." (placeholders only): every value is a parameter.
POSTGRESQL_UPDATE = (
    "UPDATE catalog_offer AS o SET search_vector = "
    "setweight(to_tsvector('pmvt_french', d.name), 'A') || "
    "setweight(to_tsvector('pmvt_french', d.keywords), 'B') || "
    "setweight(to_tsvector('pmvt_french', d.description), 'C') "
    "FROM (VALUES {rows}) AS d (id, name, keywords, description) WHERE o.id = d.id"
)


@dataclass(frozen=True)
class SearchDocument:
    offer_id: int
    territory_id: int
    name: str
    keywords: str
    description: str


def _documents(offer_ids: Sequence[int]) -> list[SearchDocument]:
    with scopes_disabled():
        offers = list(
            Offer.objects.filter(pk__in=offer_ids)
            .select_related("category__parent", "actor__commune", "origin_commune")
            .only(
                "name",
                "description",
                "kind",
                "labels",
                "category__name",
                "category__parent__name",
                "actor__trade_name",
                "actor__legal_name",
                "actor__commune__name",
                "origin_commune__name",
                "territory_id",
            )
        )
        formats: dict[int, list[str]] = defaultdict(list)
        for offer_id, label in OfferVariant.objects.filter(
            offer_id__in=offer_ids, is_active=True
        ).values_list("offer_id", "label"):
            if label:
                formats[offer_id].append(label)
    label_names = dict(OfferLabel.choices)
    kind_names = dict(OfferKind.choices)
    documents = []
    # The index is French whatever the language of the page that saved the offer.
    with translation.override("fr"):
        for offer in offers:
            category = offer.category
            keywords = [
                category.name,
                category.parent.name if category.parent else "",
                offer.actor.display_name,
                str(kind_names.get(offer.kind, "")),
                *(str(label_names[code]) for code in offer.labels if code in label_names),
                offer.origin_commune.name if offer.origin_commune else offer.actor.commune.name,
            ]
            documents.append(
                SearchDocument(
                    offer_id=offer.pk,
                    territory_id=offer.territory_id,
                    name=offer.name,
                    keywords=" ".join(k for k in keywords if k),
                    description=" ".join([offer.description, *formats[offer.pk]]),
                )
            )
    return documents


def _write_postgresql(documents: list[SearchDocument]) -> None:
    rows = ", ".join(
        ["(%s::bigint, %s::text, %s::text, %s::text)"] + ["(%s, %s, %s, %s)"] * (len(documents) - 1)
    )
    params: list[Any] = []
    for d in documents:
        params += [d.offer_id, d.name, d.keywords, d.description]
    sql = POSTGRESQL_UPDATE.replace("{rows}", rows)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _write_sqlite(documents: list[SearchDocument]) -> None:
    rows = [
        (d.offer_id, search_text(d.name), search_text(d.keywords), search_text(d.description))
        for d in documents
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO catalog_offer_search_doc (offer_id, name, keywords, description) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (offer_id) DO UPDATE SET "
            "name = excluded.name, keywords = excluded.keywords, "
            "description = excluded.description",
            rows,
        )


def offers_reindex(*, offer_ids: Iterable[int]) -> None:
    """Rebuild the search documents of these offers (in batches; any territory).

    Every change that can alter what the public search shows goes through here, so this is
    also where the territories' catalog caches are invalidated.
    """
    ids = sorted(set(offer_ids))
    write = _write_postgresql if connection.vendor == "postgresql" else _write_sqlite
    territory_ids: set[int] = set()
    for start in range(0, len(ids), BATCH):
        documents = _documents(ids[start : start + BATCH])
        if documents:
            write(documents)
            territory_ids.update(d.territory_id for d in documents)
    catalog_changed(territory_ids=territory_ids)


def reindex_all(territory: Territory) -> int:
    """Rebuild the documents of every offer of the territory; return how many were indexed."""
    with scopes_disabled():
        ids = list(Offer.objects.filter(territory=territory).values_list("pk", flat=True))
    offers_reindex(offer_ids=ids)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Offers deleted with their actor or territory leave their document behind.
            cursor.execute(
                "DELETE FROM catalog_offer_search_doc WHERE offer_id NOT IN "
                "(SELECT id FROM catalog_offer)"
            )
    return len(ids)
