"""Readable order numbers: APT-2026-000123, a prefix per territory and a counter per year."""

import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

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


def next_order_number(territory: Territory) -> str:
    """Draw the next number; must run inside the transaction that creates the order."""
    year = timezone.localdate().year
    if not OrderSequence.objects.filter(territory=territory).exists():
        _create_sequence(territory, year)
    sequence = OrderSequence.objects.select_for_update().get(territory=territory)
    if sequence.year != year:
        sequence.year, sequence.last_value = year, 0
    sequence.last_value += 1
    sequence.save(update_fields=["year", "last_value"])
    return f"{sequence.prefix}-{sequence.year}-{sequence.last_value:06d}"
