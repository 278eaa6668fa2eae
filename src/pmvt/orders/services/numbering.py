"""Readable order numbers: APT-2026-000123, a prefix per territory and a counter per year."""

import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.core.queries import only_row
from pmvt.orders.models import OrderSequence
from pmvt.territories.models import Commune, Territory


def _letters(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.upper() if ch.isalpha())


def prefix_candidates(territory: Territory) -> list[str]:
    """From the name of the territory's most populous commune (Apt → APT), then variants."""
    main = Commune.objects.filter(territory=territory).order_by("-population", "name").first()
    base = _letters(main.name if main else "") or _letters(territory.slug) or "CMD"
    candidates = [base[:length] for length in range(3, min(len(base), 6) + 1)]
    candidates += [f"{base[:3]}{digit}" for digit in range(2, 10)]
    return list(dict.fromkeys(c for c in candidates if len(c) >= 3))


def _create_sequence(territory: Territory, year: int) -> None:
    with scopes_disabled():
        # Prefixes are unique across territories: order numbers are unique site-wide.
        taken = set(OrderSequence.objects.values_list("prefix", flat=True))
    candidates = [c for c in prefix_candidates(territory) if c not in taken]
    for prefix in [*candidates, f"T{territory.pk}"]:
        try:
            with transaction.atomic():
                OrderSequence.objects.create(territory=territory, prefix=prefix, year=year)
        except IntegrityError:
            if OrderSequence.objects.filter(territory=territory).exists():
                return  # Another checkout created it first; the caller locks that row.
            continue  # Another territory took this prefix meanwhile: try the next one.
        return


def next_order_numbers(territory: Territory, count: int) -> list[str]:
    """Draw `count` consecutive numbers with one lock of the counter; must run inside the
    transaction that creates the orders."""
    year = timezone.localdate().year
    sequence = only_row(OrderSequence.objects.select_for_update().filter(territory=territory))
    if sequence is None:
        _create_sequence(territory, year)
        sequence = OrderSequence.objects.select_for_update().get(territory=territory)
    if sequence.year != year:
        sequence.year, sequence.last_value = year, 0
    first = sequence.last_value + 1
    sequence.last_value += count
    sequence.save(update_fields=["year", "last_value"])
    return [
        f"{sequence.prefix}-{sequence.year}-{value:06d}" for value in range(first, first + count)
    ]


def next_order_number(territory: Territory) -> str:
    """Draw the next number; must run inside the transaction that creates the order."""
    return next_order_numbers(territory, 1)[0]
