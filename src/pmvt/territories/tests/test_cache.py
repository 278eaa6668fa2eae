"""The cached territory row: read once, written back at once after any committed change.

The test settings turn the cache off (tests read what they wrote in one transaction); these
tests turn it on and let the on-commit write-back run.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmvt.catalog.cache import catalog_changed
from pmvt.territories.cache import territory_for_slug
from pmvt.territories.models import Territory
from pmvt.territories.services.territories import territory_update_settings

HOME = "/t/pays-dapt-luberon/"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PMVT_TERRITORY_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def cached(slug: str) -> Territory:
    territory = territory_for_slug(slug)
    assert territory is not None
    return territory


def territory_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if 'FROM "territories_territory"' in q["sql"]]


def test_a_second_request_does_not_read_the_territory(client, territory):
    client.get(HOME)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(HOME)

    assert response.status_code == 200
    assert territory_queries(ctx) == []


def test_changed_settings_show_at_once(
    client, territory, admin, django_capture_on_commit_callbacks
):
    client.get(HOME)

    with django_capture_on_commit_callbacks(execute=True):
        territory_update_settings(by=admin, territory=territory, values={"display_name": "Luberon"})

    assert cached(territory.slug).display_name == "Luberon"
    assert "Luberon" in client.get(HOME).content.decode()


def test_a_catalog_change_gives_requests_the_new_version(
    territory, django_capture_on_commit_callbacks
):
    before = cached(territory.slug).catalog_version

    with django_capture_on_commit_callbacks(execute=True):
        catalog_changed(territory_ids=[territory.pk])

    assert cached(territory.slug).catalog_version == before + 1


def test_a_deactivated_territory_is_gone_at_once(
    client, territory, django_capture_on_commit_callbacks
):
    assert client.get(HOME).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        territory.is_active = False
        territory.save(update_fields=["is_active"])

    assert client.get(HOME).status_code == 404


def test_a_reader_never_overwrites_a_fresher_row(territory, django_capture_on_commit_callbacks):
    """A reader that read the row before a change adds it; the writer's fresh row stays."""
    stale = Territory.objects.get(pk=territory.pk)
    with django_capture_on_commit_callbacks(execute=True):
        catalog_changed(territory_ids=[territory.pk])

    cache.add(f"territory:{territory.slug}", stale, 300)  # What the slow reader does.

    assert cached(territory.slug).catalog_version == stale.catalog_version + 1


def test_an_unknown_slug_is_not_found(client, territory):
    assert territory_for_slug("nulle-part") is None
    assert client.get("/t/nulle-part/").status_code == 404


def test_a_reader_cannot_bring_back_a_deactivated_territory(
    territory, django_capture_on_commit_callbacks
):
    stale = Territory.objects.get(pk=territory.pk)
    with django_capture_on_commit_callbacks(execute=True):
        territory.is_active = False
        territory.save(update_fields=["is_active"])

    cache.add(f"territory:{territory.slug}", stale, 300)  # A reader that read it before.

    assert territory_for_slug(territory.slug) is None
