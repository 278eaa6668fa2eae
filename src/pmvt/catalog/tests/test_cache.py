"""The catalog page's cache: served without catalog queries, never stale after a change.

The test settings turn the cache off (tests read what they wrote in one transaction); these
tests turn it on and let the on-commit invalidation run.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pmvt.catalog.services.offers import (
    offer_deactivate,
    offer_update,
    variant_set_stock,
)
from pmvt.territories.models import Territory

from .test_catalog_pages import CATALOG, card_titles

CATALOG_TABLE = re.compile(r'(FROM|JOIN) "catalog_')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PMVT_CATALOG_CACHE_SECONDS = 900
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


def _actor_page(actor) -> str:
    return f"/t/pays-dapt-luberon/marche/acteurs/{actor.slug}/"


def _catalog_queries(response_queries) -> list[str]:
    return [q["sql"] for q in response_queries if CATALOG_TABLE.search(q["sql"])]


def test_second_visit_is_served_from_the_cache_without_catalog_queries(client, seller, make_offer):
    make_offer(seller, "Pain de seigle")
    first = client.get(CATALOG)
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(CATALOG)

    assert card_titles(second) == card_titles(first) == ["Pain de seigle"]
    assert _catalog_queries(ctx.captured_queries) == []


def test_a_changed_offer_shows_at_once(
    client, seller, make_offer, owner, django_capture_on_commit_callbacks
):
    offer = make_offer(seller, "Pain de seigle")
    assert card_titles(client.get(CATALOG)) == ["Pain de seigle"]

    with django_capture_on_commit_callbacks(execute=True):
        offer_update(offer=offer, by=owner, name="Pain de méteil")

    assert card_titles(client.get(CATALOG)) == ["Pain de méteil"]
    assert card_titles(client.get(CATALOG, {"q": "meteil"})) == ["Pain de méteil"]


def test_an_offer_taken_off_sale_leaves_the_cached_page(
    client, seller, make_offer, owner, django_capture_on_commit_callbacks
):
    offer = make_offer(seller, "Pain de seigle")
    make_offer(seller, "Fougasse")
    assert card_titles(client.get(CATALOG)) == ["Fougasse", "Pain de seigle"]

    with django_capture_on_commit_callbacks(execute=True):
        offer_deactivate(offer=offer, by=owner)

    assert card_titles(client.get(CATALOG)) == ["Fougasse"]


def test_selling_out_shows_on_the_cached_page(
    client, seller, make_offer, owner, django_capture_on_commit_callbacks
):
    offer = make_offer(seller, "Pain de seigle")
    assert "Épuisé" not in client.get(CATALOG).content.decode()
    variant = offer.variants.get()

    with django_capture_on_commit_callbacks(execute=True):
        variant_set_stock(variant=variant, by=owner, stock=0)

    assert "Épuisé" in client.get(CATALOG).content.decode()


def test_a_change_invalidates_its_own_territory_only(
    seller, make_offer, owner, territory, other_territory, django_capture_on_commit_callbacks
):
    offer = make_offer(seller, "Pain de seigle")
    before = Territory.objects.get(pk=other_territory.pk).catalog_version

    with django_capture_on_commit_callbacks(execute=True):
        offer_update(offer=offer, by=owner, name="Pain de méteil")

    assert Territory.objects.get(pk=other_territory.pk).catalog_version == before
    assert Territory.objects.get(pk=territory.pk).catalog_version > 0


@pytest.mark.parametrize("page", ["catalog", "actor"])
def test_each_visitor_gets_their_own_csrf_token_in_the_cached_page(seller, make_offer, page):
    make_offer(seller, "Pain de seigle")
    url = CATALOG if page == "catalog" else _actor_page(seller)
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    alice_token = CSRF_INPUT.findall(alice.get(url).content.decode())[-1]
    bob_page = bob.get(url).content.decode()
    bob_token = CSRF_INPUT.findall(bob_page)[-1]

    assert "placeholder" not in bob_page
    assert alice_token != bob_token
    variant_id = re.search(r'name="variant_id" value="(\d+)"', bob_page)[1]  # type: ignore[index]
    response = bob.post(
        "/t/pays-dapt-luberon/marche/panier/ajouter/",
        {"variant_id": variant_id, "quantity": "1", "csrfmiddlewaretoken": bob_token},
    )
    assert response.status_code == 302  # Accepted: the cached page's form works for Bob.


def test_a_page_also_lives_in_the_workers_memory(client, seller, make_offer):
    """The shared cache can lose it (eviction, restart): the worker's copy still serves it."""
    make_offer(seller, "Pain de seigle")
    first = client.get(CATALOG)
    cache.clear()

    with CaptureQueriesContext(connection) as ctx:
        second = client.get(CATALOG)

    assert card_titles(second) == card_titles(first) == ["Pain de seigle"]
    assert _catalog_queries(ctx.captured_queries) == []


# --- The offers section of an actor's page -----------------------------------------------------


def test_an_actors_offers_are_served_from_the_cache_and_follow_changes(
    client, seller, make_offer, owner, django_capture_on_commit_callbacks
):
    offer = make_offer(seller, "Pain de seigle")
    first = client.get(_actor_page(seller))
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(_actor_page(seller))

    assert card_titles(second) == card_titles(first) == ["Pain de seigle"]
    assert _catalog_queries(ctx.captured_queries) == []

    with django_capture_on_commit_callbacks(execute=True):
        offer_update(offer=offer, by=owner, name="Pain de méteil")
    assert card_titles(client.get(_actor_page(seller))) == ["Pain de méteil"]

    with django_capture_on_commit_callbacks(execute=True):
        variant_set_stock(variant=offer.variants.get(), by=owner, stock=0)
    assert "Épuisé" in client.get(_actor_page(seller)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        offer_deactivate(offer=offer, by=owner)
    page = client.get(_actor_page(seller)).content.decode()
    assert "Cet acteur ne propose pas encore d'offre en ligne." in page


def test_each_page_of_an_actors_offers_is_its_own_and_comes_back_to_itself(
    client, seller, make_offer
):
    for n in range(14):
        make_offer(seller, f"Pain n°{n:02d}")

    first = client.get(_actor_page(seller))
    second = client.get(_actor_page(seller), {"page": "2"})
    again = client.get(_actor_page(seller), {"page": "2"})
    junk = [client.get(_actor_page(seller), {"page": p}) for p in ("deux", "²", "-1", "9" * 40)]
    beyond = client.get(_actor_page(seller), {"page": "99999"})

    assert len(card_titles(first)) == 12
    assert card_titles(second) == card_titles(again) == ["Pain n°12", "Pain n°13"]
    assert [card_titles(response) for response in junk] == [card_titles(first)] * 4
    assert card_titles(beyond) == card_titles(second)  # The last page.
    next_of = re.compile(r'name="next" value="([^"]+)"')
    assert set(next_of.findall(second.content.decode())) == {f"{_actor_page(seller)}?page=2"}
    assert set(next_of.findall(first.content.decode())) == {_actor_page(seller)}
