"""The header's counters (units in the cart, unread notifications…), all in one query.

Each area registers, from its AppConfig.ready(), a function that returns a one-value subquery
for the request (or None when there is nothing to count, e.g. a visitor without a cart).
The counters then cost one query per page whatever their number, computed at most once per
request, and only on pages that render the header.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import IntegerField, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from pmvt.territories.models import Territory

HeaderCounter = Callable[[HttpRequest, Territory], Subquery | None]
_COUNTERS: dict[str, HeaderCounter] = {}
_REQUEST_ATTRIBUTE = "_pmvt_header_counts"


def register_header_counter(name: str, counter: HeaderCounter) -> None:
    """`name` becomes a template variable of every page (0 outside a territory)."""
    _COUNTERS[name] = counter


def header_counts(request: HttpRequest) -> dict[str, int]:
    cached = getattr(request, _REQUEST_ATTRIBUTE, None)
    if cached is not None:
        return cached
    counts = dict.fromkeys(_COUNTERS, 0)
    territory = getattr(request, "territory", None)
    # Off-territory pages run outside any scope: the links show without a count.
    if territory is not None:
        subqueries: dict[str, Any] = {}
        for name, counter in _COUNTERS.items():
            subquery = counter(request, territory)
            if subquery is not None:
                subqueries[name] = Coalesce(subquery, Value(0), output_field=IntegerField())
        if subqueries:
            # Unordered: .first() would sort the one row by the model's ordering.
            rows = Territory.objects.filter(pk=territory.pk).order_by().annotate(**subqueries)
            values = next(iter(rows.values_list(*subqueries)[:1]), ())
            counts.update({name: int(v) for name, v in zip(subqueries, values, strict=False)})
    setattr(request, _REQUEST_ATTRIBUTE, counts)
    return counts


def counters(request: HttpRequest) -> dict[str, int]:
    """Context processor."""
    return header_counts(request)
