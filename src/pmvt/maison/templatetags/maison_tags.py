"""Template filters of the Maison."""

from decimal import Decimal

from django import template

from pmvt.core.templatetags.pmvt_format import format_decimal_fr

register = template.Library()


@register.filter
def hours_fr(value: object) -> str:
    """Hours the French way, without useless zeros: Decimal("2.50") → "2,5"; None → "0"."""
    number = Decimal(str(value)) if value is not None else Decimal(0)
    return format_decimal_fr(number, places=2, trim=True)
