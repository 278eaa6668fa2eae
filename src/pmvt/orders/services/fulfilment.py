"""Writes on fulfilment: click & collect slots, home delivery, payment settings, pickup points
and collective delivery rounds."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import ModuleType

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, Market, Weekday
from pmvt.core.exceptions import ApplicationError
from pmvt.orders.access import access_logistics_as_admin, access_seller_settings
from pmvt.orders.errors import OrderErrorCode
from pmvt.orders.models import (
    ZERO,
    DeliveryRound,
    DeliverySettings,
    PickupPoint,
    PickupPointKind,
    PickupSlot,
    SellerPaymentSettings,
)
from pmvt.territories.models import Commune, Territory

MAX_REPEAT_WEEKS = 12
MAX_SLOT_CAPACITY = 500


def _settings_error(message) -> ApplicationError:
    return ApplicationError(message, code=OrderErrorCode.INVALID_SETTINGS)


def _check_communes(*, territory: Territory, communes: Iterable[Commune]) -> list[Commune]:
    communes = list(communes)
    if any(c.territory_id != territory.pk for c in communes):
        raise _settings_error(_("Choisissez des communes du territoire."))
    return communes


def _check_amount(value: Decimal | None, message) -> None:
    if value is not None and (value < 0 or value != value.quantize(Decimal("0.01"))):
        raise _settings_error(message)


# --- Click & collect slots -----------------------------------------------------------------


@transaction.atomic
def pickup_slots_create(
    *,
    actor: Actor,
    by: User,
    day: date,
    start: time,
    end: time,
    capacity: int,
    repeat_weeks: int = 0,
) -> list[PickupSlot]:
    """Open a slot on `day`, and the same slot on the `repeat_weeks` following weeks."""
    access_seller_settings(user=by, actor=actor)
    if end <= start:
        raise ApplicationError(
            _("L'heure de fin doit être après l'heure de début."), code=OrderErrorCode.INVALID_SLOT
        )
    if not 1 <= capacity <= MAX_SLOT_CAPACITY:
        raise ApplicationError(
            _("Le nombre de commandes par créneau doit être compris entre 1 et %(max)s.")
            % {"max": MAX_SLOT_CAPACITY},
            code=OrderErrorCode.INVALID_SLOT,
        )
    if not 0 <= repeat_weeks <= MAX_REPEAT_WEEKS:
        raise ApplicationError(
            _("Répétez le créneau sur %(max)s semaines au plus.") % {"max": MAX_REPEAT_WEEKS},
            code=OrderErrorCode.INVALID_SLOT,
        )
    zone = timezone.get_current_timezone()
    first_start = datetime.combine(day, start, tzinfo=zone)
    if first_start <= timezone.now():
        raise ApplicationError(
            _("Ce créneau est déjà passé : choisissez une date à venir."),
            code=OrderErrorCode.SLOT_PAST,
        )
    slots = []
    for week in range(repeat_weeks + 1):
        slot_day = day + timedelta(weeks=week)
        slots.append(
            PickupSlot.objects.create(
                territory=actor.territory,
                actor=actor,
                starts_at=datetime.combine(slot_day, start, tzinfo=zone),
                ends_at=datetime.combine(slot_day, end, tzinfo=zone),
                capacity=capacity,
            )
        )
    return slots


@transaction.atomic
def pickup_slot_delete(*, slot: PickupSlot, by: User) -> None:
    """Remove a slot nobody booked; a booked slot stays, its orders refer to it."""
    access_seller_settings(user=by, actor=slot.actor)
    locked = PickupSlot.objects.select_for_update().get(pk=slot.pk)
    if locked.booked or locked.orders.exists():
        raise ApplicationError(
            _("Des commandes sont déjà prévues sur ce créneau : il ne peut pas être supprimé."),
            code=OrderErrorCode.SLOT_BOOKED,
        )
    locked.delete()


# --- Home delivery and payment settings ----------------------------------------------------


def delivery_settings_of(actor: Actor) -> DeliverySettings | None:
    return DeliverySettings.objects.filter(actor=actor).first()


@transaction.atomic
def delivery_settings_update(
    *,
    actor: Actor,
    by: User,
    enabled: bool,
    communes: Iterable[Commune],
    fee: Decimal,
    minimum_order: Decimal = ZERO,
    free_threshold: Decimal | None = None,
    weekdays: Iterable[int] = (),
) -> DeliverySettings:
    access_seller_settings(user=by, actor=actor)
    communes = _check_communes(territory=actor.territory, communes=communes)
    days = sorted({int(d) for d in weekdays})
    if any(d not in Weekday.values for d in days):
        raise _settings_error(_("Choisissez des jours de la semaine."))
    _check_amount(fee, _("Les frais de livraison doivent être un montant positif, en euros."))
    _check_amount(minimum_order, _("La commande minimum doit être un montant positif, en euros."))
    _check_amount(
        free_threshold,
        _("Le seuil de livraison offerte doit être un montant positif, en euros."),
    )
    if enabled and not communes:
        raise _settings_error(_("Choisissez au moins une commune livrée."))
    if enabled and not days:
        raise _settings_error(_("Choisissez au moins un jour de livraison."))
    settings, _created = DeliverySettings.objects.update_or_create(
        actor=actor,
        defaults={
            "territory": actor.territory,
            "enabled": enabled,
            "fee": fee,
            "minimum_order": minimum_order,
            "free_threshold": free_threshold,
            "weekdays": days,
        },
    )
    settings.communes.set(communes)
    return settings


def _bank_code(value: str, standard: ModuleType, message, code: OrderErrorCode) -> str:
    """An IBAN or a BIC, compacted and checked against its standard ("" stays "")."""
    value = standard.compact(value) if value.strip() else ""
    if not value:
        return ""
    try:
        return standard.validate(value)
    except StdnumError as error:
        raise ApplicationError(message, code=code) from error


def payment_settings_of(actor: Actor) -> SellerPaymentSettings | None:
    return SellerPaymentSettings.objects.filter(actor=actor).first()


@transaction.atomic
def payment_settings_update(
    *,
    actor: Actor,
    by: User,
    bank_transfer_enabled: bool,
    account_holder: str = "",
    iban: str = "",
    bic: str = "",
) -> SellerPaymentSettings:
    """Bank transfer details; the IBAN and BIC are checked (ISO 13616 / ISO 9362)."""
    access_seller_settings(user=by, actor=actor)
    account_holder = account_holder.strip()
    iban = _bank_code(
        iban,
        stdnum_iban,
        _("Cet IBAN n'est pas valide : vérifiez-le sur votre relevé d'identité bancaire."),
        OrderErrorCode.INVALID_IBAN,
    )
    bic = _bank_code(
        bic,
        stdnum_bic,
        _("Ce BIC n'est pas valide : il comporte 8 ou 11 lettres et chiffres."),
        OrderErrorCode.INVALID_BIC,
    )
    if bank_transfer_enabled and not (iban and account_holder):
        raise ApplicationError(
            _("Pour accepter le virement, indiquez le titulaire du compte et l'IBAN."),
            code=OrderErrorCode.INVALID_IBAN,
        )
    settings, _created = SellerPaymentSettings.objects.update_or_create(
        actor=actor,
        defaults={
            "territory": actor.territory,
            "bank_transfer_enabled": bank_transfer_enabled,
            "account_holder": account_holder,
            "iban": iban,
            "bic": bic,
        },
    )
    return settings


# --- Pickup points and delivery rounds (territory admins) ----------------------------------


def _check_sellers(*, territory: Territory, sellers: Iterable[Actor]) -> list[Actor]:
    sellers = list(sellers)
    if any(s.territory_id != territory.pk for s in sellers):
        raise _settings_error(_("Choisissez des vendeurs du territoire."))
    return sellers


def _pickup_point_values(
    *,
    territory: Territory,
    name: str,
    kind: str,
    commune: Commune,
    address: str,
    opening_info: str,
    host_actor: Actor | None,
    market: Market | None,
    sellers: Iterable[Actor],
) -> tuple[dict, dict]:
    """The checked fields of a pickup point, and its checked sellers (many-to-many)."""
    name, address = name.strip(), address.strip()
    if not name:
        raise _settings_error(_("Donnez un nom au point de retrait."))
    if not address:
        raise _settings_error(_("Indiquez l'adresse du point de retrait."))
    if kind not in PickupPointKind.values:
        raise _settings_error(_("Choisissez un type de point de retrait."))
    _check_communes(territory=territory, communes=[commune])
    if host_actor is not None and host_actor.territory_id != territory.pk:
        raise _settings_error(_("Choisissez un vendeur du territoire."))
    if market is not None and market.territory_id != territory.pk:
        raise _settings_error(_("Choisissez un marché du territoire."))
    values = {
        "name": name,
        "kind": kind,
        "commune": commune,
        "address": address,
        "host_actor": host_actor,
        "market": market,
        "opening_info": opening_info.strip(),
    }
    return values, {"sellers": _check_sellers(territory=territory, sellers=sellers)}


def _round_values(
    *,
    territory: Territory,
    name: str,
    operator_name: str,
    weekday: int,
    departure_time: time,
    fee: Decimal,
    communes: Iterable[Commune],
    sellers: Iterable[Actor],
) -> tuple[dict, dict]:
    """The checked fields of a delivery round, and its checked communes and sellers."""
    name, operator_name = name.strip(), operator_name.strip()
    if not name:
        raise _settings_error(_("Donnez un nom à la tournée."))
    if not operator_name:
        raise _settings_error(_("Indiquez qui assure la tournée."))
    if weekday not in Weekday.values:
        raise _settings_error(_("Choisissez le jour de la tournée."))
    _check_amount(fee, _("Les frais de la tournée doivent être un montant positif, en euros."))
    communes = _check_communes(territory=territory, communes=communes)
    if not communes:
        raise _settings_error(_("Choisissez au moins une commune desservie."))
    values = {
        "name": name,
        "operator_name": operator_name,
        "weekday": weekday,
        "departure_time": departure_time,
        "fee": fee,
    }
    return values, {
        "communes": communes,
        "sellers": _check_sellers(territory=territory, sellers=sellers),
    }


def _set_relations(instance: PickupPoint | DeliveryRound, relations: dict) -> None:
    for name, objects in relations.items():
        getattr(instance, name).set(objects)


def _update(instance: PickupPoint | DeliveryRound, values: dict, relations: dict) -> None:
    for key, value in values.items():
        setattr(instance, key, value)
    instance.save(update_fields=list(values))
    _set_relations(instance, relations)


@transaction.atomic
def pickup_point_create(
    *,
    territory: Territory,
    by: User,
    name: str,
    kind: str,
    commune: Commune,
    address: str,
    opening_info: str = "",
    host_actor: Actor | None = None,
    market: Market | None = None,
    sellers: Iterable[Actor] = (),
) -> PickupPoint:
    access_logistics_as_admin(user=by, territory=territory)
    values, relations = _pickup_point_values(
        territory=territory,
        name=name,
        kind=kind,
        commune=commune,
        address=address,
        opening_info=opening_info,
        host_actor=host_actor,
        market=market,
        sellers=sellers,
    )
    point = PickupPoint.objects.create(territory=territory, **values)
    _set_relations(point, relations)
    return point


@transaction.atomic
def pickup_point_update(
    *,
    point: PickupPoint,
    by: User,
    name: str,
    kind: str,
    commune: Commune,
    address: str,
    opening_info: str = "",
    host_actor: Actor | None = None,
    market: Market | None = None,
    sellers: Iterable[Actor] = (),
    is_active: bool = True,
) -> PickupPoint:
    access_logistics_as_admin(user=by, territory=point.territory)
    values, relations = _pickup_point_values(
        territory=point.territory,
        name=name,
        kind=kind,
        commune=commune,
        address=address,
        opening_info=opening_info,
        host_actor=host_actor,
        market=market,
        sellers=sellers,
    )
    _update(point, {**values, "is_active": is_active}, relations)
    return point


@transaction.atomic
def delivery_round_create(
    *,
    territory: Territory,
    by: User,
    name: str,
    operator_name: str,
    weekday: int,
    departure_time: time,
    communes: Iterable[Commune],
    sellers: Iterable[Actor] = (),
    fee: Decimal = ZERO,
) -> DeliveryRound:
    access_logistics_as_admin(user=by, territory=territory)
    values, relations = _round_values(
        territory=territory,
        name=name,
        operator_name=operator_name,
        weekday=weekday,
        departure_time=departure_time,
        fee=fee,
        communes=communes,
        sellers=sellers,
    )
    delivery_round = DeliveryRound.objects.create(territory=territory, **values)
    _set_relations(delivery_round, relations)
    return delivery_round


@transaction.atomic
def delivery_round_update(
    *,
    delivery_round: DeliveryRound,
    by: User,
    name: str,
    operator_name: str,
    weekday: int,
    departure_time: time,
    communes: Iterable[Commune],
    sellers: Iterable[Actor] = (),
    fee: Decimal = ZERO,
    is_active: bool = True,
) -> DeliveryRound:
    access_logistics_as_admin(user=by, territory=delivery_round.territory)
    values, relations = _round_values(
        territory=delivery_round.territory,
        name=name,
        operator_name=operator_name,
        weekday=weekday,
        departure_time=departure_time,
        fee=fee,
        communes=communes,
        sellers=sellers,
    )
    _update(delivery_round, {**values, "is_active": is_active}, relations)
    return delivery_round


def _set_participation(
    target: PickupPoint | DeliveryRound, *, actor: Actor, by: User, participates: bool, closed
) -> None:
    access_seller_settings(user=by, actor=actor)
    if target.territory_id != actor.territory_id or not target.is_active:
        raise _settings_error(closed)
    if participates:
        target.sellers.add(actor)
    else:
        target.sellers.remove(actor)


@transaction.atomic
def pickup_point_set_participation(
    *, point: PickupPoint, actor: Actor, by: User, participates: bool
) -> None:
    """A seller joins or leaves a pickup point of its territory."""
    _set_participation(
        point,
        actor=actor,
        by=by,
        participates=participates,
        closed=_("Ce point de retrait n'est pas ouvert sur votre territoire."),
    )


@transaction.atomic
def delivery_round_set_participation(
    *, delivery_round: DeliveryRound, actor: Actor, by: User, participates: bool
) -> None:
    """A seller joins or leaves a collective delivery round of its territory."""
    _set_participation(
        delivery_round,
        actor=actor,
        by=by,
        participates=participates,
        closed=_("Cette tournée n'est pas ouverte sur votre territoire."),
    )
