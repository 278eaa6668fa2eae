from typing import Any

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "pmvt.catalog"
    label = "catalog"

    def ready(self) -> None:
        from pmvt.actors.signals import actor_public_changed

        actor_public_changed.connect(_reindex_actor_offers, dispatch_uid="catalog_reindex_actor")


def _reindex_actor_offers(sender: Any, actor: Any, **kwargs: Any) -> None:
    """The seller's name, commune and labels are in its offers' search documents."""
    from pmvt.catalog.services.offers import offers_reindex_for_actor

    offers_reindex_for_actor(actor=actor)
