"""Money arithmetic of orders: Decimal only, rounded half up to the cent.

Prices are entered TTC (tax included), as French shops display them; the receipt derives the
amount before tax per VAT rate: HT = TTC / (1 + rate), VAT = TTC − HT, rounded per rate.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def line_total(*, unit_price: Decimal, quantity: int) -> Decimal:
    return to_cents(unit_price * quantity)


@dataclass(frozen=True)
class VatRow:
    """The amounts of one VAT rate on a receipt."""

    rate: Decimal
    total_incl_tax: Decimal
    total_excl_tax: Decimal
    vat: Decimal


def vat_breakdown(
    lines: Iterable[tuple[Decimal, Decimal]], *, extra_incl_tax: Decimal = ZERO
) -> list[VatRow]:
    """Group (vat_rate, line total TTC) pairs by rate, highest rate first.

    `extra_incl_tax` (a delivery fee) follows the goods it delivers, as French VAT law
    treats an accessory: it is shared among the rates in proportion to their amounts, the
    last rate taking the rounding remainder so the parts add up to the fee exactly.
    """
    totals: dict[Decimal, Decimal] = {}
    for rate, amount in lines:
        totals[rate] = totals.get(rate, ZERO) + amount
    rates = sorted(totals, reverse=True)
    goods = sum(totals.values(), ZERO)
    if extra_incl_tax and rates:
        remaining = extra_incl_tax
        for index, rate in enumerate(rates):
            if index == len(rates) - 1 or not goods:
                share = remaining
            else:
                share = to_cents(extra_incl_tax * totals[rate] / goods)
            totals[rate] += share
            remaining -= share
    rows = []
    for rate in rates:
        incl = to_cents(totals[rate])
        excl = to_cents(incl / (1 + rate / HUNDRED))
        rows.append(VatRow(rate=rate, total_incl_tax=incl, total_excl_tax=excl, vat=incl - excl))
    return rows
