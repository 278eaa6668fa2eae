"""Races proven with real threads on PostgreSQL (skipped on SQLite, which serialises writers)."""

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import F
from django_scopes import scopes_disabled

from pmvt.catalog.models import Offer, OfferVariant
from pmvt.catalog.services.imports import catalog_import_csv
from pmvt.catalog.services.offers import offer_create, offer_update

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread (own connection, own transaction), all at once."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            with scopes_disabled():
                barrier.wait()
                results[index] = call()
        except Exception as error:  # pragma: no cover - shown in the assertion
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_offers_of_the_same_name_created_at_once_get_distinct_slugs_and_references(
    postgres_only, seller, owner, categories
):
    def create() -> Offer:
        return offer_create(
            actor=seller,
            by=owner,
            category=categories["pains"],
            name="Pain de campagne",
            variants=[{"label": "1 kg", "price": Decimal("5.80"), "stock": 3}],
        )

    results = run_together(*[create] * 4)

    assert all(isinstance(r, Offer) for r in results), results
    assert sorted(Offer.objects.values_list("slug", flat=True)) == [
        "pain-de-campagne",
        "pain-de-campagne-2",
        "pain-de-campagne-3",
        "pain-de-campagne-4",
    ]
    assert OfferVariant.objects.values("sku").distinct().count() == 4


def take_one(variant_id: int) -> None:
    """What a checkout does to stock: a relative decrement, in its own transaction."""
    with transaction.atomic():
        OfferVariant.objects.filter(pk=variant_id, stock__gt=0).update(stock=F("stock") - 1)


def test_editing_an_offer_never_overwrites_stock_taken_by_orders_meanwhile(
    postgres_only, seller, owner, make_offer
):
    offer = make_offer(
        seller, "Miel", variants=[{"label": "250 g", "price": Decimal("6.50"), "stock": 100}]
    )
    variant = offer.variants.get()

    def edit_many() -> None:
        for i in range(15):
            offer_update(
                offer=Offer.objects.get(pk=offer.pk),
                by=owner,
                description=f"Récolte {i}",
                variants=[{"id": variant.pk, "price": Decimal(f"6.{50 + i}")}],
            )

    def order_many() -> None:
        for _ in range(15):
            take_one(variant.pk)

    results = run_together(edit_many, order_many)

    assert results == [None, None]
    variant.refresh_from_db()
    assert (variant.stock, variant.price) == (85, Decimal("6.64"))


def test_an_import_never_overwrites_stock_taken_by_orders_meanwhile(
    postgres_only, seller, owner, make_offer
):
    offer = make_offer(
        seller,
        "Miel",
        variants=[{"label": "250 g", "price": Decimal("6.50"), "stock": 100, "sku": "M"}],
    )
    variant = offer.variants.get()
    header = (
        "sku;nom;catégorie;type;description;unité;taux TVA;format;prix TTC;prix pro;stock suivi;"
        "stock;commune d'origine (INSEE);labels;allergènes"
    )

    def import_many() -> None:
        for i in range(10):
            line = f"M;Miel;Pains;produit;Récolte {i};pièce;5,5;250 g;6,{50 + i};;oui;;;;"
            catalog_import_csv(actor=seller, by=owner, data=f"{header}\n{line}\n".encode())

    def order_many() -> None:
        for _ in range(10):
            take_one(variant.pk)

    results = run_together(import_many, order_many)

    assert results == [None, None]
    variant.refresh_from_db()
    assert (variant.stock, variant.price) == (90, Decimal("6.59"))
