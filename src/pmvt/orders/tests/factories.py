"""Helpers of the orders tests (the fixtures live in conftest.py)."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone
from stdnum import luhn

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorStaff, StaffRole
from pmvt.catalog.models import OfferVariant
from pmvt.orders.models import Cart, CartLine, FulfilmentMethod, Order, PickupSlot
from pmvt.orders.services.checkout import FulfilmentChoice


def valid_siret(n: int) -> str:
    """A SIRET whose SIREN and whole number have valid Luhn keys, unique per n."""
    siren_body = f"{81000000 + n:08d}"
    siren = siren_body + luhn.calc_check_digit(siren_body)
    nic_body = siren + "0001"
    return nic_body + luhn.calc_check_digit(nic_body)


def owner_of(actor: Actor) -> User:
    return ActorStaff.objects.get(actor=actor, role=StaffRole.OWNER).user


def local_dt(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def collect(slot: PickupSlot) -> FulfilmentChoice:
    return FulfilmentChoice(method=FulfilmentMethod.CLICK_COLLECT, slot=slot)


@dataclass(frozen=True)
class Snapshot:
    """What a refused checkout must leave untouched."""

    stocks: dict[int, int]
    booked: dict[int, int]
    orders: int
    cart_lines: list[tuple[int, int]]


def snapshot(cart: Cart | None = None) -> Snapshot:
    return Snapshot(
        stocks=dict(OfferVariant.objects.values_list("pk", "stock")),
        booked=dict(PickupSlot.objects.values_list("pk", "booked")),
        orders=Order.objects.count(),
        cart_lines=sorted(CartLine.objects.filter(cart=cart).values_list("variant_id", "quantity"))
        if cart
        else [],
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
