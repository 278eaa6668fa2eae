"""French number formatting for templates: `{{ price|euros }}` → "1 234,50 €", `{{ rate|percent }}` → "5,5 %".

Load with `{% load pmvt_format %}`. Both filters accept Decimal, int, float, numeric strings
and None (None and non-numbers give an empty string, so a missing price shows nothing rather
than "None €").
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

NBSP = "\u00a0"
# French typography separates thousands with a narrow no-break space.
NNBSP = "\u202f"


def _to_decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def _group_thousands(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NNBSP.join(groups)


def format_decimal_fr(number: Decimal, *, places: int, trim: bool = False) -> str:
    """'1234.5' → '1 234,50' (places=2); with trim, drop a zero fractional part or trailing zeros."""
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    text = _group_thousands(integer)
    if fraction:
        text = f"{text},{fraction}"
    return f"{sign}{text}"


def euros_text(value: object) -> str:
    """The same as the `euros` filter, for Python code (CSV, PDF, emails)."""
    number = _to_decimal(value)
    if number is None:
        return ""
    return f"{format_decimal_fr(number, places=2)}{NBSP}€"


def percent_text(value: object) -> str:
    """The same as the `percent` filter, for Python code."""
    number = _to_decimal(value)
    if number is None:
        return ""
    return f"{format_decimal_fr(number, places=2, trim=True)}{NBSP}%"


@register.filter
def euros(value: object) -> str:
    """Format an amount as French euros: Decimal("1234.5") → "1 234,50 €"."""
    return euros_text(value)


@register.filter
def percent(value: object) -> str:
    """Format a percentage the French way, without useless zeros: Decimal("5.50") → "5,5 %"."""
    return percent_text(value)
