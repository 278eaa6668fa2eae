"""The public search: French words, facets counted in SQL, sorts, keyset pages, isolation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pmvt.actors.services.actors import actor_suspend
from pmvt.catalog.selectors import (
    MAX_OFFSET,
    OfferFilters,
    offer_facets,
    offer_search,
    public_offers,
)
from pmvt.catalog.services.offers import offer_deactivate, offer_update
from pmvt.demo.loader import COMMUNE_POINTS
from pmvt.territories.models import Commune

from .conftest import APT, GARGAS, ROUSSILLON, VIENS


def names(page) -> list[str]:
    return [o.name for o in page.offers]


def distance(offer) -> float | None:
    """The distance the "local first" sort annotated on an offer."""
    return vars(offer).get("distance_km")


def search(territory, query="", sort="name", **filters):
    return offer_search(
        territory=territory, query=query, filters=OfferFilters(**filters), sort=sort
    )


@pytest.fixture
def shop(seller, make_actor, make_offer, categories):
    """Two sellers, six offers across categories, labels, communes and kinds."""
    farm = make_actor(
        "Vergers de Gargas",
        naf_code="01.24Z",
        insee=GARGAS,
        offers_delivery=True,
        trade_name="Les Vergers de Gargas",
    )
    make_offer(seller, "Pain de campagne", price="3.20", category="pains", labels=["fait_maison"])
    make_offer(
        seller, "Fougasse aux olives", price="4.50", category="pains", description="Huile d'olive"
    )
    make_offer(farm, "Pomme Golden", price="2.80", category="pommes", labels=["bio"])
    make_offer(farm, "Pommes Reinette", price="3.10", category="pommes", labels=["bio", "hve"])
    make_offer(
        farm,
        "Épicerie fine : confiture d'abricots",
        price="5.90",
        category="epicerie",
        origin_commune=Commune.objects.get(territory=seller.territory, insee_code=ROUSSILLON),
    )
    make_offer(
        farm,
        "Visite du verger",
        price="8.00",
        category="services",
        kind="service",
        variants=[{"label": "", "price": Decimal("8.00"), "stock_tracked": False}],
    )
    return {"bakery": seller, "farm": farm}


# --- words ------------------------------------------------------------------------------------


def test_plural_finds_singular_and_singular_finds_plural(territory, shop):
    assert names(search(territory, "pommes")) == ["Pomme Golden", "Pommes Reinette"]
    assert names(search(territory, "pomme")) == ["Pomme Golden", "Pommes Reinette"]


def test_words_without_accents_find_accented_ones(territory, shop):
    assert names(search(territory, "epicerie")) == ["Épicerie fine : confiture d'abricots"]
    assert names(search(territory, "ÉPICERIE")) == ["Épicerie fine : confiture d'abricots"]


def test_search_covers_category_seller_description_and_labels(territory, shop):
    assert names(search(territory, "boulangerie")) == ["Fougasse aux olives", "Pain de campagne"]
    assert names(search(territory, "vergers gargas")) == [
        "Épicerie fine : confiture d'abricots",
        "Pomme Golden",
        "Pommes Reinette",
        "Visite du verger",
    ]
    assert names(search(territory, "huile")) == ["Fougasse aux olives"]
    assert names(search(territory, "biologique")) == ["Pomme Golden", "Pommes Reinette"]


def test_every_word_must_match(territory, shop):
    assert names(search(territory, "pomme reinette")) == ["Pommes Reinette"]
    assert names(search(territory, "pomme fougasse")) == []


def test_relevance_puts_name_matches_first(territory, shop, make_offer):
    make_offer(shop["bakery"], "Tarte du jour", category="pains", description="Aux pommes")

    page = search(territory, "pommes", sort="relevance")

    assert page.sort == "relevance"
    assert names(page)[-1] == "Tarte du jour"
    assert set(names(page)[:2]) == {"Pomme Golden", "Pommes Reinette"}


def test_stop_words_alone_do_not_filter(territory, shop):
    page = search(territory, "de la", sort="relevance")

    assert page.sort == "name"
    assert len(page.offers) == 6


def test_quotes_and_operators_in_a_query_are_plain_words(territory, shop):
    assert names(search(territory, 'pomme" OR "pain* NEAR(')) == []
    assert names(search(territory, "golden)")) == ["Pomme Golden"]


def test_renaming_an_offer_updates_the_index(territory, shop, owner):
    offer = public_offers(territory=territory).get(name="Pain de campagne")

    offer_update(offer=offer, by=owner, name="Baguette tradition")

    assert names(search(territory, "campagne")) == []
    assert names(search(territory, "baguettes")) == ["Baguette tradition"]


# --- what is public ---------------------------------------------------------------------------


def test_only_active_available_offers_of_verified_actors_are_found(
    territory, shop, owner, operator, make_actor, make_offer
):
    pending = make_actor("Miellerie en attente", verified=False)
    make_offer(pending, "Miel de lavande", category="epicerie", by=pending.staff.get().user)
    offer_deactivate(
        offer=public_offers(territory=territory).get(name="Fougasse aux olives"), by=owner
    )
    expired = public_offers(territory=territory).get(name="Pain de campagne")
    offer_update(
        offer=expired,
        by=owner,
        available_from=timezone.localdate() - timedelta(days=30),
        available_until=timezone.localdate() - timedelta(days=1),
    )
    actor_suspend(actor=shop["farm"], by=operator, reason="Contrôle sanitaire")

    assert names(search(territory)) == []
    assert names(search(territory, "miel")) == []


def test_offers_of_another_territory_stay_invisible(
    territory, other_territory, shop, make_actor, make_offer
):
    from pmvt.catalog.services.offers import category_create

    alsace = make_actor("Boulangerie de Thann", of=other_territory, insee="68334")
    bread = category_create(territory=other_territory, name="Boulangerie")
    make_offer(alsace, "Pain de campagne alsacien", category=bread)

    assert names(search(territory, "alsacien")) == []
    assert names(search(other_territory)) == ["Pain de campagne alsacien"]
    assert offer_facets(territory=other_territory, query="", filters=OfferFilters()).total == 1


# --- filters and facets -----------------------------------------------------------------------


def test_filters_narrow_the_results(territory, shop):
    assert names(search(territory, category="fruits-et-legumes")) == [
        "Pomme Golden",
        "Pommes Reinette",
    ]
    assert names(search(territory, category="pains")) == ["Fougasse aux olives", "Pain de campagne"]
    assert names(search(territory, label="hve")) == ["Pommes Reinette"]
    assert names(search(territory, commune=ROUSSILLON)) == ["Épicerie fine : confiture d'abricots"]
    assert names(search(territory, commune=APT)) == ["Fougasse aux olives", "Pain de campagne"]
    assert names(search(territory, family="agriculteur", kind="service")) == ["Visite du verger"]
    assert names(search(territory, fulfilment="delivery", label="bio")) == [
        "Pomme Golden",
        "Pommes Reinette",
    ]
    assert names(search(territory, fulfilment="click_collect")) == [
        "Fougasse aux olives",
        "Pain de campagne",
    ]


def test_facets_count_each_value_with_the_other_filters(territory, shop):
    facets = offer_facets(
        territory=territory, query="", filters=OfferFilters(label="bio", family="agriculteur")
    )

    assert facets.total == 2
    assert [(c.value, c.label, c.count) for c in facets.categories] == [
        ("fruits-et-legumes", "Fruits et légumes", 2)
    ]
    assert [(c.value, c.count) for c in facets.categories[0].children] == [("fruits", 2)]
    # Labels are counted without the label filter: every label the farmer's offers carry.
    assert [(v.value, v.count) for v in facets.labels] == [("bio", 2), ("hve", 1)]
    assert [(v.value, v.count) for v in facets.families] == [("agriculteur", 2)]
    assert [(v.value, v.count) for v in facets.kinds] == [("product", 2)]
    assert [(v.value, v.count) for v in facets.fulfilments] == [("delivery", 2)]
    assert [(v.value, v.label, v.count) for v in facets.communes] == [("84047", "Gargas", 2)]


def test_facets_without_filters_cover_the_whole_catalog(territory, shop):
    facets = offer_facets(territory=territory, query="", filters=OfferFilters())

    assert facets.total == 6
    assert [(c.label, c.count) for c in facets.categories] == [
        ("Boulangerie-pâtisserie", 2),
        ("Épicerie", 1),
        ("Fruits et légumes", 2),
        ("Services", 1),
    ]
    assert [(v.label, v.count) for v in facets.communes] == [
        ("Apt", 2),
        ("Gargas", 3),
        ("Roussillon", 1),
    ]
    assert [(v.value, v.count) for v in facets.families] == [
        ("artisan", 2),
        ("agriculteur", 4),
    ]
    assert [(v.value, v.count) for v in facets.kinds] == [("product", 5), ("service", 1)]


def test_facets_follow_the_words_searched(territory, shop):
    facets = offer_facets(territory=territory, query="pommes", filters=OfferFilters())

    assert facets.total == 2
    assert [(v.value, v.count) for v in facets.labels] == [("bio", 2), ("hve", 1)]


# --- sorts and pages --------------------------------------------------------------------------


def test_name_sort_ignores_accents_and_case(territory, shop):
    assert names(search(territory)) == [
        "Épicerie fine : confiture d'abricots",
        "Fougasse aux olives",
        "Pain de campagne",
        "Pomme Golden",
        "Pommes Reinette",
        "Visite du verger",
    ]


def test_price_sorts(territory, shop):
    assert names(search(territory, sort="price_asc"))[:3] == [
        "Pomme Golden",
        "Pommes Reinette",
        "Pain de campagne",
    ]
    assert names(search(territory, sort="price_desc"))[:2] == [
        "Visite du verger",
        "Épicerie fine : confiture d'abricots",
    ]


@pytest.mark.parametrize("sort", ["name", "price_asc", "price_desc"])
def test_keyset_pages_walk_forward_and_back_without_gaps(territory, seller, make_offer, sort):
    for i in range(7):
        make_offer(seller, f"Pain n°{i}", price=f"{3 + i % 3}.00")
    everything = names(
        offer_search(territory=territory, query="", filters=OfferFilters(), sort=sort, limit=50)
    )

    pages, after = [], None
    while True:
        page = offer_search(
            territory=territory, query="", filters=OfferFilters(), sort=sort, after=after, limit=3
        )
        pages.append(page)
        if not page.next_after:
            break
        after = page.next_after

    assert [names(p) for p in pages] == [everything[0:3], everything[3:6], everything[6:7]]
    assert pages[0].prev_after == ""
    back = offer_search(
        territory=territory,
        query="",
        filters=OfferFilters(),
        sort=sort,
        after=pages[2].prev_after,
        limit=3,
    )
    assert names(back) == everything[3:6]
    first = offer_search(
        territory=territory,
        query="",
        filters=OfferFilters(),
        sort=sort,
        after=back.prev_after,
        limit=3,
    )
    assert names(first) == everything[0:3]
    assert first.prev_after == ""


def test_a_forged_cursor_shows_the_first_page(territory, shop):
    for cursor in ("%%%", "e30", "bm90LWpzb24", "eyJzIjoibmFtZSIsInYiOlsieCJdfQ"):
        page = offer_search(
            territory=territory,
            query="",
            filters=OfferFilters(),
            sort="name",
            after=cursor,
            limit=2,
        )
        assert names(page) == ["Épicerie fine : confiture d'abricots", "Fougasse aux olives"]


def test_relevance_pages_by_offset_up_to_a_cap(territory, seller, make_offer):
    for i in range(5):
        make_offer(seller, f"Pain n°{i}")

    first = search(territory, "pain", sort="relevance")
    page = offer_search(
        territory=territory, query="pain", filters=OfferFilters(), sort="relevance", limit=2
    )
    second = offer_search(
        territory=territory,
        query="pain",
        filters=OfferFilters(),
        sort="relevance",
        limit=2,
        after=page.next_after,
    )

    assert names(page) + names(second) == names(first)[:4]
    assert second.prev_after
    assert MAX_OFFSET % 24 == 0


@pytest.fixture
def located(territory):
    for code, (lat, lng) in COMMUNE_POINTS.items():
        Commune.objects.filter(territory=territory, insee_code=code).update(
            latitude=Decimal(lat), longitude=Decimal(lng)
        )


def test_local_first_sorts_by_distance_from_the_buyers_commune(territory, shop, located):
    viens = Commune.objects.get(territory=territory, insee_code=VIENS)

    page = offer_search(
        territory=territory, query="", filters=OfferFilters(), sort="local", near=viens
    )

    # Viens → Apt ≈ 14 km, Gargas ≈ 16 km, Roussillon ≈ 22 km.
    assert page.sort == "local"
    assert names(page) == [
        "Fougasse aux olives",
        "Pain de campagne",
        "Pomme Golden",
        "Pommes Reinette",
        "Visite du verger",
        "Épicerie fine : confiture d'abricots",
    ]
    assert [round(distance(o) or 0) for o in page.offers] == [14, 14, 16, 16, 16, 22]


def test_local_first_puts_communes_without_coordinates_last(territory, shop, located):
    Commune.objects.filter(territory=territory, insee_code=APT).update(
        latitude=None, longitude=None
    )
    gargas = Commune.objects.get(territory=territory, insee_code=GARGAS)

    page = offer_search(
        territory=territory, query="", filters=OfferFilters(), sort="local", near=gargas
    )

    assert names(page)[-2:] == ["Fougasse aux olives", "Pain de campagne"]
    assert [distance(o) for o in page.offers][-2:] == [None, None]


def test_local_first_without_a_located_commune_falls_back_to_names(territory, shop):
    apt = Commune.objects.get(territory=territory, insee_code=APT)  # No coordinates here.

    page = offer_search(
        territory=territory, query="", filters=OfferFilters(), sort="local", near=apt
    )

    assert page.sort == "name"


# --- the seller's page changes reach its offers -------------------------------------------------


def test_renaming_a_seller_reindexes_its_offers(territory, shop, owner):
    from pmvt.actors.services.actors import actor_update_page

    actor_update_page(actor=shop["bakery"], by=owner, values={"trade_name": "Fournil Marius"})

    assert names(search(territory, "marius")) == ["Fougasse aux olives", "Pain de campagne"]


def test_a_suspended_seller_leaves_the_search_and_comes_back_when_reinstated(
    territory, shop, operator
):
    from pmvt.actors.services.actors import actor_reinstate

    actor_suspend(actor=shop["farm"], by=operator, reason="Contrôle sanitaire en cours")
    assert names(search(territory, "pomme")) == []

    actor_reinstate(actor=shop["farm"], by=operator)
    assert names(search(territory, "pomme")) == ["Pomme Golden", "Pommes Reinette"]
