"""The other kinds of offer on the square: jobs, volunteering, activities, investment calls.

The marketplace search finds them beside products and services. Each area registers its kind
from its AppConfig.ready() with a `search` function; the catalog never imports those areas.

`search(territory, query, limit, offset)` returns the count of public, current offers that
match `query` (every word, accent-folded and stemmed as in the catalog: use
`pmvt.catalog.text.search_tokens`; an empty query matches all of them) and the page of hits
asked for, newest or soonest first, in at most two queries whatever the page size.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.functional import Promise

from pmvt.territories.models import Territory


@dataclass(frozen=True)
class KindHit:
    """One found offer, as the search result card shows it."""

    title: str
    url: str
    summary: str = ""  # one or two plain-text lines
    meta: list[str] = field(default_factory=list)  # "CDI", "Saint-Martin", "12 places"…
    when: date | None = None  # the next date, or the closing date
    badge: str = ""  # short status: "Complet", "Ferme bientôt"…


@dataclass(frozen=True)
class KindResults:
    count: int
    hits: list[KindHit]


SearchFunction = Callable[[Territory, str, int, int], KindResults]


@dataclass(frozen=True)
class OfferKind:
    key: str  # "jobs", "volunteering"… (the `type` parameter of the search page)
    label: str | Promise  # "Emplois"
    position: int
    search: SearchFunction


_KINDS: dict[str, OfferKind] = {}


def register_offer_kind(kind: OfferKind) -> None:
    _KINDS[kind.key] = kind


def offer_kinds() -> list[OfferKind]:
    return sorted(_KINDS.values(), key=lambda k: (k.position, k.key))


def offer_kind(key: str) -> OfferKind | None:
    return _KINDS.get(key)
