"""The territory every request resolves from its address, kept in the cache.

Every page reads its territory row first; it changes a few times a day at most (its settings,
and the `catalog_version` and `logistics_version` that the caches of the catalog and of the
checkout options carry in their keys). So the row is cached by slug, and every change writes
the fresh row back once it is committed:

- a reader that misses reads the database and *adds* the row (never overwrites: a writer's
  fresher row wins over what a slower reader read before the change);
- a writer, after commit, reads the row again and *sets* it (model saves through a signal,
  the version bumps through `versions_bump`).

The lifetime is a safety net only. 0 turns the cache off: the default without Redis, where each
process would keep its own copy and miss the others' changes; the test settings do too, except
for the tests of this module, since tests never commit.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from pmvt.territories.models import Territory

# Kept in place of a territory that was deactivated or deleted: a reader that read the row
# before the change finds the key taken, so its `add` cannot bring the territory back.
GONE = "gone"


def _key(slug: str) -> str:
    return f"territory:{slug}"


def territory_for_slug(slug: str) -> Territory | None:
    """The active territory with this slug, or None."""
    seconds = settings.PMVT_TERRITORY_CACHE_SECONDS
    if not seconds:
        return _read(slug)
    territory = cache.get(_key(slug))
    if territory == GONE:
        return None
    if territory is None:
        territory = _read(slug)
        if territory is not None:
            cache.add(_key(slug), territory, seconds)
    return territory


def territories_refresh(*, territory_ids: Iterable[int]) -> None:
    """Write these territories' committed rows to the cache (call after commit)."""
    seconds = settings.PMVT_TERRITORY_CACHE_SECONDS
    if not seconds:
        return
    for territory in Territory.objects.filter(pk__in=sorted(set(territory_ids))):
        cache.set(_key(territory.slug), territory if territory.is_active else GONE, seconds)


def versions_bump(*, territory_ids: Iterable[int], field: str) -> None:
    """Once the transaction commits, add one to this version column (`catalog_version`,
    `logistics_version`) of these territories, and cache their fresh rows."""
    ids = sorted(set(territory_ids))
    if not ids:
        return

    def bump() -> None:
        Territory.objects.filter(pk__in=ids).update(**{field: F(field) + 1})
        territories_refresh(territory_ids=ids)

    transaction.on_commit(bump)


def _read(slug: str) -> Territory | None:
    try:
        # get(), not first(): the slug is unique, and no ORDER BY to build.
        return Territory.objects.get(slug=slug, is_active=True)
    except Territory.DoesNotExist:
        return None


def _saved(sender: Any, instance: Territory, **kwargs: Any) -> None:
    transaction.on_commit(lambda: territories_refresh(territory_ids=[instance.pk]))


def _deleted(sender: Any, instance: Territory, **kwargs: Any) -> None:
    seconds = settings.PMVT_TERRITORY_CACHE_SECONDS
    if seconds:
        transaction.on_commit(lambda: cache.set(_key(instance.slug), GONE, seconds))


def connect_signals() -> None:
    """From TerritoriesConfig.ready()."""
    post_save.connect(_saved, sender=Territory, dispatch_uid="territory-cache-save")
    post_delete.connect(_deleted, sender=Territory, dispatch_uid="territory-cache-delete")
