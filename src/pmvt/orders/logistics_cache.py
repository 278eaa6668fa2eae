"""Cache of the sellers' standing ways of delivering: home delivery, pickup points, rounds and
bank transfer.

The checkout page and each submission read them for every seller of the cart (four queries);
they change a few times a year. Each seller's part is cached under a key that holds the
territory's `logistics_version`, which any change bumps after commit: a column of the territory
row every request loads anyway, so every worker sees a change at once, with Redis or without.
The bump comes from model signals, so the services and the Django admin alike invalidate.

Pickup slots are not cached: their free places change with every order. Nothing here decides
what a buyer may choose: the checkout service checks the chosen way against the database.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_save

from pmvt.actors.models import Actor
from pmvt.orders.models import DeliveryRound, DeliverySettings, PickupPoint, SellerPaymentSettings
from pmvt.territories.cache import versions_bump
from pmvt.territories.models import Commune, Territory


@dataclass
class StandingOptions:
    """One seller's ways of delivering that do not change from one order to the next."""

    delivery: DeliverySettings | None = None
    delivery_commune_names: list[str] = field(default_factory=list)
    pickup_points: list[PickupPoint] = field(default_factory=list)
    rounds: list[tuple[DeliveryRound, list[str]]] = field(default_factory=list)
    accepts_transfer: bool = False


def standing_options(
    *, territory: Territory, seller_ids: Sequence[int]
) -> dict[int, StandingOptions]:
    """Each seller's standing options: one cache round trip, the database for the others."""
    seconds = settings.PMVT_LOGISTICS_CACHE_SECONDS
    if not seconds:
        return _read(territory=territory, seller_ids=seller_ids)
    keys = {_key(territory, seller_id): seller_id for seller_id in seller_ids}
    found = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = [seller_id for seller_id in seller_ids if seller_id not in found]
    if missing:
        read = _read(territory=territory, seller_ids=missing)
        cache.set_many({_key(territory, pk): read[pk] for pk in missing}, seconds)
        found.update(read)
    return found


def logistics_changed(*, territory_ids: Iterable[int]) -> None:
    """Invalidate these territories' cached options once the transaction commits."""
    versions_bump(territory_ids=territory_ids, field="logistics_version")


def _key(territory: Territory, seller_id: int) -> str:
    return f"logistics:{territory.pk}:{territory.logistics_version}:{seller_id}"


def _read(*, territory: Territory, seller_ids: Sequence[int]) -> dict[int, StandingOptions]:
    ids = list(seller_ids)
    options = {pk: StandingOptions() for pk in ids}
    deliveries = DeliverySettings.objects.filter(actor_id__in=ids, enabled=True).prefetch_related(
        "communes"
    )
    for settings_ in deliveries:
        option = options[settings_.actor_id]
        option.delivery = settings_
        option.delivery_commune_names = sorted(c.name for c in settings_.communes.all())
    sellers = Prefetch("sellers", queryset=Actor.objects.filter(pk__in=ids).only("pk"))
    points = (
        PickupPoint.objects.filter(territory=territory, is_active=True, sellers__in=ids)
        .select_related("commune")
        .prefetch_related(sellers)
        .distinct()
    )
    for point in points:
        for seller in point.sellers.all():
            options[seller.pk].pickup_points.append(point)
    rounds = (
        DeliveryRound.objects.filter(territory=territory, is_active=True, sellers__in=ids)
        .prefetch_related("communes", sellers)
        .distinct()
    )
    for delivery_round in rounds:
        names = sorted(c.name for c in delivery_round.communes.all())
        for seller in delivery_round.sellers.all():
            options[seller.pk].rounds.append((delivery_round, names))
    transfer = SellerPaymentSettings.objects.filter(actor_id__in=ids, bank_transfer_enabled=True)
    for actor_id in transfer.values_list("actor_id", flat=True):
        options[actor_id].accepts_transfer = True
    return options


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    territory_id = getattr(instance, "territory_id", None)
    if territory_id is not None:
        logistics_changed(territory_ids=[territory_id])


def _m2m_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        _changed(sender, instance)


def connect_signals() -> None:
    """From OrdersConfig.ready(): any write to these rows, whoever makes it, invalidates."""
    for model in (DeliverySettings, PickupPoint, DeliveryRound, SellerPaymentSettings, Commune):
        post_save.connect(_changed, sender=model, dispatch_uid=f"logistics-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"logistics-del-{model.__name__}")
    for relation in (
        DeliverySettings.communes,
        PickupPoint.sellers,
        DeliveryRound.sellers,
        DeliveryRound.communes,
    ):
        through = relation.through
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"logistics-m2m-{through}")
