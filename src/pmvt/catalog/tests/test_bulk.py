"""Bulk creation for the benchmark, and rebuilding the index: fast paths, same results."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmvt.catalog.errors import CatalogFieldError
from pmvt.catalog.models import Offer, OfferVariant
from pmvt.catalog.selectors import OfferFilters, offer_search
from pmvt.catalog.services.offers import offers_bulk_create, reindex_all


def rows(categories, n: int) -> list[dict]:
    return [
        {
            "category": categories["pommes"] if i % 2 else categories["pains"],
            "name": "Pomme Golden" if i % 2 else f"Pain n°{i}",
            "labels": ["bio"] if i % 3 == 0 else [],
            "variants": [
                {"label": "1 kg", "price": Decimal(f"{2 + i % 5}.50"), "stock": i},
                {"label": "2 kg", "price": Decimal("9.00"), "stock": 1},
            ],
        }
        for i in range(n)
    ]


def test_bulk_create_stores_offers_formats_prices_and_index(seller, categories, territory):
    created = offers_bulk_create(actor=seller, rows=rows(categories, 10))

    assert created == 10
    assert Offer.objects.count() == 10
    assert OfferVariant.objects.count() == 20
    golden = Offer.objects.filter(name="Pomme Golden").order_by("pk")
    assert list(golden.values_list("slug", flat=True)) == [
        "pomme-golden",
        *(f"pomme-golden-{n}" for n in range(2, 6)),
    ]
    first = golden.first()
    assert first is not None
    assert first.price_from == Decimal("3.50")
    assert first.sort_name == "pomme golden"
    assert OfferVariant.objects.values("sku").distinct().count() == 20
    page = offer_search(territory=territory, query="pommes", filters=OfferFilters(), sort="name")
    assert len(page.offers) == 5


def test_bulk_create_costs_a_few_queries_per_batch_not_per_offer(seller, categories):
    with CaptureQueriesContext(connection) as queries:
        offers_bulk_create(actor=seller, rows=rows(categories, 300))

    assert Offer.objects.count() == 300
    assert len(queries) <= 30


def test_bulk_create_checks_rows_like_offer_create(seller, categories):
    bad = rows(categories, 3)
    bad[2]["vat_rate"] = Decimal("19")

    with pytest.raises(CatalogFieldError, match="taux de TVA 19"):
        offers_bulk_create(actor=seller, rows=bad)

    assert Offer.objects.count() == 0


def test_reindex_all_rebuilds_the_index_of_the_territory(seller, categories, territory, make_offer):
    make_offer(seller, "Fougasse")
    Offer.objects.update(name="Focaccia")  # Behind the services' back: the index is stale.
    assert (
        offer_search(
            territory=territory, query="focaccia", filters=OfferFilters(), sort="name"
        ).offers
        == []
    )

    assert reindex_all(territory) == 1

    page = offer_search(territory=territory, query="focaccia", filters=OfferFilters(), sort="name")
    assert [o.name for o in page.offers] == ["Focaccia"]
