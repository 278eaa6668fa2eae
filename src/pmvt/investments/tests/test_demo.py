"""The demo investment calls (pmvt.demo.investments.load_investments)."""

from decimal import Decimal

import pytest
from django_scopes import scope

from pmvt.demo.actors import load_actors
from pmvt.demo.investments import GROCERY_SLUG, SOLAR_SLUG, load_investments
from pmvt.demo.loader import load_foundation
from pmvt.investments.models import CallNews, CallStatus, InvestmentCall, Pledge
from pmvt.investments.selectors import totals_of


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_investments(territory)
    return territory


def snapshot():
    return {
        "calls": list(
            InvestmentCall.objects.order_by("pk").values_list(
                "slug", "status", "opens_on", "closes_on", "updated_at"
            )
        ),
        "pledges": list(
            Pledge.objects.order_by("pk").values_list("user_id", "amount", "updated_at")
        ),
        "news": CallNews.objects.count(),
    }


def test_loads_one_published_call_with_pledges_and_one_draft(demo_territory):
    grocery = InvestmentCall.objects.get(slug=GROCERY_SLUG)
    solar = InvestmentCall.objects.get(slug=SOLAR_SLUG)

    assert grocery.status == CallStatus.PUBLISHED
    assert grocery.is_open
    assert grocery.actor is not None and grocery.actor.slug == "boulangerie-des-ocres"
    totals = totals_of(grocery)
    assert (totals.pledged, totals.pledgers, totals.percent) == (Decimal("2000.00"), 2, 5)
    assert CallNews.objects.filter(call=grocery).count() == 1
    assert solar.status == CallStatus.DRAFT
    assert solar.actor is None


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()

    with scope(territory=demo_territory):
        load_investments(demo_territory)

    assert snapshot() == before
