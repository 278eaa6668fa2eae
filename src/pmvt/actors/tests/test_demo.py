"""The demo actors and markets of the Pays d'Apt-Luberon (pmvt.demo.actors.load_actors)."""

from collections import Counter
from decimal import Decimal

import pytest
from django_scopes import scope

from pmvt.actors.identifiers import clean_siret
from pmvt.actors.models import (
    Actor,
    ActorKind,
    ActorStaff,
    ActorStatus,
    CaplaFamily,
    Market,
    MarketStall,
    OpeningHours,
    StaffRole,
)
from pmvt.demo.actors import load_actors
from pmvt.demo.loader import load_foundation
from pmvt.notifications.models import Notification


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
    return territory


def snapshot():
    return {
        "actors": list(
            Actor.objects.order_by("pk").values_list(
                "slug", "status", "siret", "latitude", "updated_at"
            )
        ),
        "staff": list(ActorStaff.objects.order_by("pk").values_list("actor_id", "user_id")),
        "hours": OpeningHours.objects.count(),
        "markets": list(Market.objects.order_by("pk").values_list("slug", "weekday")),
        "stalls": list(
            MarketStall.objects.order_by("pk").values_list("market_id", "actor_id", "offers_pickup")
        ),
    }


def test_loads_verified_actors_of_every_family(demo_territory):
    actors = list(Actor.objects.filter(territory=demo_territory))

    assert len(actors) == 34
    assert {a.status for a in actors} == {ActorStatus.VERIFIED}
    families = Counter(a.capla_family for a in actors if a.kind == ActorKind.BUSINESS)
    assert families == {
        CaplaFamily.ARTISAN: 8,
        CaplaFamily.COMMERCANT: 9,
        CaplaFamily.LIBERAL: 6,
        CaplaFamily.AGRICULTEUR: 7,
    }
    kinds = Counter(a.kind for a in actors)
    assert (kinds[ActorKind.ASSOCIATION], kinds[ActorKind.PUBLIC_BODY]) == (3, 1)


def test_demo_sirets_are_valid_unique_and_fictitious(demo_territory):
    sirets = [a.siret for a in Actor.objects.exclude(siret="")]

    assert len(sirets) == len(set(sirets)) == 32
    assert all(clean_siret(s) == s and s.startswith("000") for s in sirets)


def test_the_demo_actor_account_owns_the_bakery(demo_territory):
    bakery = Actor.objects.get(slug="boulangerie-des-ocres")

    owner = ActorStaff.objects.get(actor=bakery)
    assert (owner.user.email, owner.role) == ("acteur@demo.pmvt.fr", StaffRole.OWNER)
    assert bakery.naf_code == "10.71C"
    assert bakery.offers_click_collect
    assert OpeningHours.objects.filter(actor=bakery).count() == 11


def test_demo_actors_sit_near_their_commune(demo_territory):
    for actor in Actor.objects.select_related("commune"):
        assert actor.latitude is not None and actor.commune.latitude is not None
        assert actor.longitude is not None and actor.commune.longitude is not None
        assert abs(actor.latitude - actor.commune.latitude) <= Decimal("0.004")
        assert abs(actor.longitude - actor.commune.longitude) <= Decimal("0.004")


def test_loads_two_markets_with_their_producers(demo_territory):
    apt = Market.objects.get(slug="marche-dapt")
    roussillon = Market.objects.get(slug="marche-de-roussillon")

    assert (apt.weekday, apt.is_all_year) == (5, True)
    assert (roussillon.weekday, roussillon.season_start_month, roussillon.season_end_month) == (
        3,
        4,
        10,
    )
    assert MarketStall.objects.filter(market=apt).count() == 10
    assert MarketStall.objects.filter(market=apt, offers_pickup=True).count() == 5
    assert MarketStall.objects.filter(market=roussillon).count() == 5


def test_loading_the_demo_notifies_no_admin(demo_territory):
    assert not Notification.objects.filter(kind="actor_registered").exists()


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()

    with scope(territory=demo_territory):
        load_actors(demo_territory)

    assert snapshot() == before


def test_the_demo_pages_answer(client, demo_territory):
    for url in (
        "/t/pays-dapt-luberon/marche/acteurs/",
        "/t/pays-dapt-luberon/marche/acteurs/boulangerie-des-ocres/",
        "/t/pays-dapt-luberon/marche/marches/",
        "/t/pays-dapt-luberon/marche/marches/imprimer/",
    ):
        assert client.get(url).status_code == 200, url
