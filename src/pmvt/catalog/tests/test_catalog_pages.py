"""Public pages over HTTP: the market door, the catalog, an offer's page."""

import html
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmvt.catalog.models import Offer
from pmvt.catalog.services.offers import category_create, offer_deactivate
from pmvt.demo.loader import COMMUNE_POINTS
from pmvt.territories.models import Commune

from .conftest import GARGAS

APT = "/t/pays-dapt-luberon"
CATALOG = f"{APT}/marche/catalogue/"
NBSP = "\u00a0"


def card_titles(response) -> list[str]:
    found = re.findall(
        r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', response.content.decode()
    )
    return [html.unescape(title) for title in found]


@pytest.fixture
def many_offers(seller, make_offer):
    """48 offers of a verified seller, priced 1.00 to 48.00."""

    def make(n: int = 48) -> list[Offer]:
        return [make_offer(seller, f"Pain n°{i:02d}", price=f"{i}.00") for i in range(1, n + 1)]

    return make


# --- the market door --------------------------------------------------------------------------


def test_market_door_is_honest_when_nothing_is_for_sale(client, territory):
    response = client.get(f"{APT}/marche/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Aucune offre n'est encore en ligne." in page
    assert "Nouveautés" not in page
    assert f'action="{CATALOG}"' in page


def test_market_door_shows_categories_with_counts_and_the_latest_offers(client, seller, make_offer):
    for i in range(10):
        make_offer(seller, f"Pain n°{i}")
    make_offer(seller, "Pomme Golden", category="pommes")

    response = client.get(f"{APT}/marche/")

    page = response.content.decode()
    recent = page.split('id="market-recent-title"')[1]  # After the door's other sections.
    titles = [
        html.unescape(t) for t in re.findall(r'card__title"><a href="[^"]+">([^<]+)<', recent)
    ]
    assert titles == ["Pomme Golden", *(f"Pain n°{i}" for i in range(9, 2, -1))]
    assert f'href="{CATALOG}?category=boulangerie-patisserie">Boulangerie-pâtisserie</a>' in page
    assert "10 offres" in page
    assert f'href="{CATALOG}?category=fruits-et-legumes">Fruits et légumes</a>' in page
    assert f'href="{APT}/marche/acteurs/"' in page
    assert f'href="{APT}/marche/marches/"' in page


# --- the catalog ------------------------------------------------------------------------------


def test_catalog_lists_cards_with_seller_commune_price_and_cart_form(client, seller, make_offer):
    make_offer(
        seller,
        "Pain de campagne",
        labels=["bio"],
        variants=[
            {"label": "500 g", "price": Decimal("3.20"), "stock": 5},
            {"label": "1 kg", "price": Decimal("5.80"), "stock": 5},
        ],
    )
    single = make_offer(seller, "Fougasse", price="4.50", unit="piece")

    response = client.get(CATALOG)

    page = response.content.decode()
    assert response.status_code == 200
    assert card_titles(response) == ["Fougasse", "Pain de campagne"]
    assert f"à partir de 3,20{NBSP}€ / pièce" in page
    assert f"4,50{NBSP}€ / pièce" in page
    assert "Agriculture biologique" in page
    assert f'<a href="{APT}/marche/acteurs/{seller.slug}/">Boulangerie du Cours</a> · Apt' in page
    assert f'name="variant_id" value="{single.variants.get().pk}"' in page
    assert page.count('action="/t/pays-dapt-luberon/marche/panier/ajouter/"') == 1
    assert "Choisir un format" in page
    assert "2 offres" in page


def test_catalog_searches_filters_and_keeps_the_choices(client, seller, make_offer):
    make_offer(seller, "Pommes Golden", category="pommes", labels=["bio"])
    make_offer(seller, "Pomme Reinette", category="pommes")
    make_offer(seller, "Pain", category="pains")

    response = client.get(CATALOG, {"q": "pomme", "label": "bio", "sort": "price_desc"})

    page = response.content.decode()
    assert card_titles(response) == ["Pommes Golden"]
    assert 'value="pomme"' in page
    assert '<option value="bio" selected>Agriculture biologique (1)</option>' in page
    assert '<option value="price_desc" selected>Prix décroissant</option>' in page
    assert f"<title>«{NBSP}pomme{NBSP}» dans le catalogue" in page


def test_catalog_ignores_unknown_filter_values(client, seller, make_offer):
    make_offer(seller, "Pain")

    response = client.get(
        CATALOG, {"label": "'; drop", "commune": "99999", "kind": "x", "sort": "y", "near": "1"}
    )

    assert response.status_code == 200
    assert card_titles(response) == ["Pain"]


def test_catalog_says_so_when_nothing_matches(client, seller, make_offer):
    make_offer(seller, "Pain")

    response = client.get(CATALOG, {"q": "caviar", "category": "inconnue"})

    page = response.content.decode()
    assert "Aucune offre ne correspond à votre recherche." in page
    assert '<option value="inconnue" selected>Catégorie inconnue</option>' in page


def test_catalog_pages_with_next_and_previous_links(client, many_offers):
    many_offers(30)

    first = client.get(CATALOG)
    next_link = re.search(r'href="(\?after=[^"]+)" rel="next"', first.content.decode())
    assert next_link is not None
    second = client.get(CATALOG + next_link.group(1).replace("&amp;", "&"))

    assert card_titles(first) == [f"Pain n°{i:02d}" for i in range(1, 25)]
    assert card_titles(second) == [f"Pain n°{i:02d}" for i in range(25, 31)]
    assert 'rel="prev"' in second.content.decode()
    assert 'rel="next"' not in second.content.decode()


def test_catalog_sorts_by_distance_from_the_members_commune(
    client, make_member, territory, seller, make_actor, make_offer
):
    for code, (lat, lng) in COMMUNE_POINTS.items():
        Commune.objects.filter(territory=territory, insee_code=code).update(
            latitude=Decimal(lat), longitude=Decimal(lng)
        )
    farm = make_actor("Vergers de Gargas", naf_code="01.24Z", insee=GARGAS)
    make_offer(seller, "Pain d'Apt")
    make_offer(farm, "Pomme de Gargas", category="pommes")
    gargas = Commune.objects.get(territory=territory, insee_code=GARGAS)
    client.force_login(make_member(territory, commune=gargas))

    response = client.get(CATALOG, {"sort": "local"})

    assert card_titles(response) == ["Pomme de Gargas", "Pain d'Apt"]
    assert "à 0,0 km" in response.content.decode()
    assert '<option value="84047" selected>Gargas</option>' in response.content.decode()


def test_catalog_asks_for_a_commune_to_sort_by_distance(client, seller, make_offer):
    make_offer(seller, "Pain")

    response = client.get(CATALOG, {"sort": "local"})

    assert "Choisissez votre commune pour voir d'abord les offres les plus proches." in (
        response.content.decode()
    )


@pytest.mark.parametrize("logged_in", [False, True])
def test_catalog_issues_the_same_few_queries_for_5_or_48_offers_per_page(
    client, territory, many_offers, make_member, monkeypatch, logged_in, settings
):
    from pmvt.catalog.views import public

    # The cached_db session engine (with Redis) saves one query; pin the engine for the count.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    many_offers(48)
    if logged_in:
        client.force_login(make_member(territory))
    counts = []
    for size in (5, 48):
        monkeypatch.setattr(public, "PAGE_SIZE", size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CATALOG, {"q": "pain", "label": "", "sort": "price_asc"})
        assert len(card_titles(response)) == size
        counts.append(len(queries))

    assert counts[0] == counts[1]
    # Visitor: territory, facet aggregate, facet union (with the communes), page. A member
    # adds session, user, membership (shared with the header) and the header's counters (cart,
    # unread notifications: one query).
    assert counts[0] == (8 if logged_in else 4)


def test_catalog_hides_offers_of_another_territory(client, other_territory, make_actor, make_offer):
    alsace = make_actor("Boulangerie de Thann", of=other_territory, insee="68334")
    bread = category_create(territory=other_territory, name="Boulangerie")
    make_offer(alsace, "Kougelhopf", category=bread)

    response = client.get(CATALOG, {"q": "kougelhopf"})

    assert card_titles(response) == []


# --- an offer's page --------------------------------------------------------------------------


def test_offer_page_shows_formats_stock_vat_origin_allergens_and_seller(
    client, seller, make_offer, commune
):
    offer = make_offer(
        seller,
        "Fougasse aux olives",
        variants=[
            {"label": "Petite", "price": Decimal("2.50"), "stock": 3},
            {"label": "Grande", "price": Decimal("4.50"), "stock": 40},
            {"label": "Familiale", "price": Decimal("7.00"), "stock": 0},
        ],
        vat_rate=Decimal("5.5"),
        origin_commune=commune(GARGAS),
        produced_on_territory=True,
        allergens=["gluten", "sesame"],
        labels=["fait_maison"],
        description="Pétrie à la main.",
    )

    response = client.get(offer.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Fougasse aux olives</h1>" in page
    assert f"2,50{NBSP}€" in page and f"4,50{NBSP}€" in page
    assert "Plus que 3" in page and "En stock" in page and "Épuisé" in page
    assert f"<dd>5,5{NBSP}%</dd>" in page
    assert "Gargas – produit ou fabriqué sur le territoire" in page
    assert "<li>Céréales contenant du gluten</li><li>Graines de sésame</li>" in page
    assert "Fait maison" in page
    assert f'href="{APT}/marche/acteurs/{seller.slug}/"' in page
    assert page.count('name="variant_id"') == 2  # Not for the sold-out one.


def test_offer_page_describes_the_product_for_search_engines(client, seller, make_offer):
    offer = make_offer(
        seller,
        "Pain </script><script>alert(1)</script>",
        variants=[
            {"label": "500 g", "price": Decimal("3.20"), "stock": 2},
            {"label": "1 kg", "price": Decimal("5.80"), "stock": 0},
        ],
    )

    page = client.get(offer.get_absolute_url()).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    assert "<script>alert" not in page
    assert data["@type"] == "Product"
    assert data["name"] == "Pain </script><script>alert(1)</script>"
    assert data["brand"] == {"@type": "Brand", "name": "Boulangerie du Cours"}
    assert [
        (o["name"], o["price"], o["priceCurrency"], o["availability"]) for o in data["offers"]
    ] == [
        ("500 g", "3.20", "EUR", "https://schema.org/LimitedAvailability"),
        ("1 kg", "5.80", "EUR", "https://schema.org/OutOfStock"),
    ]


def test_offer_page_redirects_a_stale_slug(client, seller, make_offer):
    offer = make_offer(seller, "Fougasse")

    response = client.get(f"{APT}/marche/offres/{offer.pk}-ancien-nom/")

    assert response.status_code == 301
    assert response["Location"] == offer.get_absolute_url()


def test_offer_page_is_not_found_when_not_public(client, seller, owner, make_offer, make_actor):
    hidden = make_offer(seller, "Fougasse")
    offer_deactivate(offer=hidden, by=owner)
    pending = make_actor("Miellerie", verified=False)
    unverified = make_offer(pending, "Miel", by=pending.staff.get().user)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(unverified.get_absolute_url()).status_code == 404


def test_offer_of_another_territory_is_not_found_here(
    client, other_territory, make_actor, make_offer
):
    alsace = make_actor("Boulangerie de Thann", of=other_territory, insee="68334")
    offer = make_offer(
        alsace, "Kougelhopf", category=category_create(territory=other_territory, name="Pains")
    )

    response = client.get(f"{APT}/marche/offres/{offer.pk}-{offer.slug}/")

    assert response.status_code == 404
    assert client.get(offer.get_absolute_url()).status_code == 200


def test_actor_page_lists_its_offers_on_sale_a_page_at_a_time(
    client, seller, make_offer, owner, settings
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    page_url = f"{APT}/marche/acteurs/{seller.slug}/"
    make_offer(seller, "Fougasse")
    hidden = make_offer(seller, "Pain retiré")
    offer_deactivate(offer=hidden, by=owner)

    response = client.get(page_url)
    assert card_titles(response) == ["Fougasse"]
    assert "1 offre en vente" in response.content.decode()

    with CaptureQueriesContext(connection) as few:
        client.get(page_url)
    for n in range(14):
        make_offer(seller, f"Pain n°{n:02d}")
    with CaptureQueriesContext(connection) as many:
        second = client.get(page_url, {"page": 2})
    assert len(few) == len(many)
    assert len(card_titles(second)) == 15 - 12


@pytest.fixture
def wholesale_offer(make_actor, make_offer, owner):
    grower = make_actor("Maraîcher de Gargas", insee=GARGAS, sells_to_professionals=True)
    return make_offer(
        grower,
        "Courgettes",
        variants=[{"label": "5 kg", "price": Decimal("12.00"), "pro_price": Decimal("9.50")}],
    )


def _pro_price_shown(client, offer) -> bool:
    return "9,50" in client.get(offer.get_absolute_url()).content.decode()


def test_professional_prices_are_shown_to_the_staff_of_a_verified_actor(
    client, wholesale_offer, seller, owner
):
    client.force_login(owner)  # owner of `seller`, a verified bakery of the territory
    assert _pro_price_shown(client, wholesale_offer)


def test_professional_prices_are_hidden_from_visitors_and_inhabitants(
    client, wholesale_offer, member
):
    assert not _pro_price_shown(client, wholesale_offer)
    client.force_login(member)
    assert not _pro_price_shown(client, wholesale_offer)


def test_professional_prices_are_hidden_from_the_staff_of_an_unverified_actor(
    client, wholesale_offer, make_actor, make_user
):
    newcomer = make_user("nouveau@commerce.test")
    make_actor("Épicerie en création", owner=newcomer, verified=False)
    client.force_login(newcomer)
    assert not _pro_price_shown(client, wholesale_offer)
