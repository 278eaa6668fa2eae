"""The demo catalog: about 300 real-looking offers of the demo actors, loaded once."""

from decimal import Decimal

import pytest
from django.utils.text import slugify
from django_scopes import scope

from pmvt.actors.models import Actor
from pmvt.catalog.models import VAT_RATE_VALUES, Category, Offer, OfferVariant
from pmvt.catalog.selectors import OfferFilters, offer_facets, offer_search
from pmvt.demo.actors import DEMO_ACTORS, load_actors
from pmvt.demo.catalog import CATEGORY_TREE, OFFERS_BY_ACTOR, load_catalog
from pmvt.demo.loader import load_foundation


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_catalog(territory)
    return territory


def snapshot(territory) -> list[tuple]:
    return [
        *Offer.objects.filter(territory=territory)
        .values_list("pk", "actor__slug", "slug", "price_from", "updated_at")
        .order_by("pk"),
        *OfferVariant.objects.filter(territory=territory)
        .values_list("pk", "sku", "price", "stock")
        .order_by("pk"),
    ]


def test_demo_offers_belong_to_demo_actors():
    slugs = {slugify(a.trade_name or a.legal_name) for a in DEMO_ACTORS}
    assert set(OFFERS_BY_ACTOR) == slugs
    for specs in OFFERS_BY_ACTOR.values():
        assert len({slugify(s.name) for s in specs}) == len(specs)


def test_demo_catalog_loads_about_300_offers_with_a_two_level_tree(demo_territory):
    territory = demo_territory
    offers = Offer.objects.filter(territory=territory)

    assert offers.count() == sum(len(specs) for specs in OFFERS_BY_ACTOR.values()) == 303
    assert Category.objects.filter(territory=territory, parent=None).count() == len(CATEGORY_TREE)
    assert not Category.objects.filter(territory=territory, parent__parent__isnull=False).exists()
    assert set(offers.values_list("vat_rate", flat=True)) <= set(VAT_RATE_VALUES)
    assert Actor.objects.filter(territory=territory, offers__isnull=True).count() == 0
    bread = offers.get(actor__slug="boulangerie-des-ocres", slug="pain-de-campagne-au-levain")
    assert bread.price_from == Decimal("3.20")
    assert bread.allergens == ["gluten"]
    assert list(bread.variants.values_list("label", "price", "pro_price")) == [
        ("500 g", Decimal("3.20"), None),
        ("1 kg", Decimal("5.80"), Decimal("5.20")),
    ]
    chair = offers.get(actor__slug="menuiserie-berard", slug="reparation-de-chaise")
    assert (chair.kind, chair.vat_rate, chair.variants.get().stock_tracked) == (
        "service",
        Decimal("20.00"),
        False,
    )


def test_demo_catalog_is_searchable_and_faceted(demo_territory):
    territory = demo_territory

    page = offer_search(
        territory=territory, query="miels lavande", filters=OfferFilters(), sort="relevance"
    )
    facets = offer_facets(territory=territory, query="", filters=OfferFilters())

    assert {o.actor.slug for o in page.offers} >= {
        "le-rucher-de-saignon",
        "les-lavandes-du-plateau",
    }
    assert facets.total == 303
    assert {v.value for v in facets.families} == {"artisan", "commercant", "liberal", "agriculteur"}
    assert len(facets.communes) >= 10


def test_demo_catalog_twice_changes_nothing(demo_territory):
    before = snapshot(demo_territory)

    with scope(territory=demo_territory):
        load_catalog(demo_territory)

    assert snapshot(demo_territory) == before
