"""The cache of the sellers' standing delivery options: read once, never stale after a change.

The test settings turn the cache off (tests read what they wrote in one transaction); these
tests turn it on and let the on-commit invalidation run.
"""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmvt.orders.selectors import seller_options
from pmvt.orders.services.fulfilment import (
    delivery_settings_update,
    payment_settings_update,
    pickup_point_create,
    pickup_point_set_participation,
)
from pmvt.orders.tests.factories import owner_of
from pmvt.territories.models import Territory

MONDAY, THURSDAY = 0, 3


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PMVT_LOGISTICS_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def options_now(territory, *sellers):
    """As a request sees them: the territory row read afresh, with its current version."""
    return seller_options(sellers=sellers, territory=Territory.objects.get(pk=territory.pk))


def deliver_to_apt(seller, commune) -> None:
    """The seller delivers to Apt on Mondays and Thursdays, for 4 €."""
    delivery_settings_update(
        actor=seller,
        by=owner_of(seller),
        enabled=True,
        communes=[commune("84003")],
        fee=Decimal("4.00"),
        weekdays=[MONDAY, THURSDAY],
    )


def test_a_second_read_takes_only_the_live_slots_from_the_database(territory, seller, commune):
    deliver_to_apt(seller, commune)
    first = options_now(territory, seller)[seller.pk]
    fresh_territory = Territory.objects.get(pk=territory.pk)

    with CaptureQueriesContext(connection) as ctx:
        second = seller_options(sellers=[seller], territory=fresh_territory)[seller.pk]

    assert [q["sql"].split('"')[1] for q in ctx.captured_queries] == ["orders_pickupslot"]
    assert second.delivery is not None and second.delivery.fee == Decimal("4.00")
    assert second.delivery_dates == first.delivery_dates != []
    assert second.delivery_commune_names == first.delivery_commune_names == ["Apt"]


def test_changed_delivery_settings_show_at_once(
    territory, seller, commune, django_capture_on_commit_callbacks
):
    assert options_now(territory, seller)[seller.pk].delivery is None

    with django_capture_on_commit_callbacks(execute=True):
        deliver_to_apt(seller, commune)

    delivery = options_now(territory, seller)[seller.pk].delivery
    assert delivery is not None and delivery.fee == Decimal("4.00")


def test_a_seller_joining_a_pickup_point_shows_at_once(
    territory, admin, seller, commune, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        point = pickup_point_create(
            territory=territory,
            by=admin,
            name="Mairie de Gargas",
            kind="mairie",
            commune=commune("84047"),
            address="Place de la Mairie",
        )
    assert options_now(territory, seller)[seller.pk].pickup_points == []

    with django_capture_on_commit_callbacks(execute=True):
        pickup_point_set_participation(
            point=point, actor=seller, by=owner_of(seller), participates=True
        )

    assert options_now(territory, seller)[seller.pk].pickup_points == [point]

    with django_capture_on_commit_callbacks(execute=True):
        pickup_point_set_participation(
            point=point, actor=seller, by=owner_of(seller), participates=False
        )

    assert options_now(territory, seller)[seller.pk].pickup_points == []


def test_bank_transfer_switched_on_shows_at_once(
    territory, seller, django_capture_on_commit_callbacks
):
    assert options_now(territory, seller)[seller.pk].accepts_transfer is False

    with django_capture_on_commit_callbacks(execute=True):
        payment_settings_update(
            actor=seller,
            by=owner_of(seller),
            bank_transfer_enabled=True,
            account_holder="Verger des Ocres SARL",
            iban="FR7630006000011234567890189",
            bic="AGRIFRPP",
        )

    assert options_now(territory, seller)[seller.pk].accepts_transfer is True


def test_a_change_in_another_territory_keeps_this_ones_cache(
    territory, other_territory, seller, django_capture_on_commit_callbacks
):
    before = Territory.objects.get(pk=territory.pk).logistics_version

    with django_capture_on_commit_callbacks(execute=True):
        other_territory.communes.first().save()

    assert Territory.objects.get(pk=territory.pk).logistics_version == before
    assert Territory.objects.get(pk=other_territory.pk).logistics_version == 1


def test_the_checkout_communes_are_read_once_per_version(
    territory, commune, django_capture_on_commit_callbacks
):
    from pmvt.orders.forms import commune_choices

    fresh = Territory.objects.get(pk=territory.pk)
    first = commune_choices(fresh)
    with CaptureQueriesContext(connection) as ctx:
        assert commune_choices(fresh) == first
    assert len(ctx) == 0
    apt = commune("84003")
    assert (apt.pk, "Apt") in first

    with django_capture_on_commit_callbacks(execute=True):
        apt.name = "Apt-en-Luberon"
        apt.save()

    assert (apt.pk, "Apt-en-Luberon") in commune_choices(Territory.objects.get(pk=territory.pk))


def test_a_territory_import_that_changes_communes_renews_the_caches(
    territory, commune, django_capture_on_commit_callbacks
):
    from pmvt.territories.models import Commune
    from pmvt.territories.services.territories import territory_import

    before = Territory.objects.get(pk=territory.pk)
    Commune.objects.filter(pk=commune("84003").pk).update(name="Nom périmé")

    with django_capture_on_commit_callbacks(execute=True):
        report = territory_import(siren=territory.siren)

    after = Territory.objects.get(pk=territory.pk)
    assert report.communes_updated == 1
    assert after.logistics_version == before.logistics_version + 1
    assert after.catalog_version == before.catalog_version + 1
    assert commune("84003").name == "Apt"
