"""The demo assets of the Pays d'Apt-Luberon (pmvt.demo.assets.load_assets)."""

import pytest
from django_scopes import scope

from pmvt.assets.models import Asset, Booking, BookingStatus
from pmvt.demo.assets import DEMO_ASSETS, load_assets


@pytest.fixture
def demo_territory(db):
    # Imported here: the loader imports every demo step, some written by other areas.
    from pmvt.demo.actors import load_actors
    from pmvt.demo.loader import load_foundation

    territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_assets(territory)
    return territory


def snapshot():
    return {
        "assets": list(Asset.objects.order_by("pk").values_list("slug", "status", "updated_at")),
        "bookings": list(Booking.objects.order_by("pk").values_list("requester_id", "status")),
    }


def test_loads_published_assets_of_every_kind_of_owner(demo_territory):
    with scope(territory=demo_territory):
        slugs = set(Asset.objects.values_list("slug", flat=True))
        assert slugs == {spec.slug for spec in DEMO_ASSETS}
        assert set(Asset.objects.values_list("status", flat=True)) == {"published"}
        assert Asset.objects.filter(by_collectivite=True).count() == 3
        assert Asset.objects.filter(actor__isnull=False).count() == 2
        statuses = list(Booking.objects.values_list("status", flat=True))
        assert statuses.count(BookingStatus.ACCEPTED) == 5
        assert statuses.count(BookingStatus.REQUESTED) == 2
        assert statuses.count(BookingStatus.DECLINED) == 1


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()
    with scope(territory=demo_territory):
        load_assets(demo_territory)
    assert snapshot() == before
