"""What the Valeurs territoriales door shows: each area registers its section.

An area calls `register_values_section()` from its AppConfig.ready(); the door page lists the
registered sections in order, each with a live line ("2 consultations en cours") computed by
the area's own selector. The portal never imports the areas built on it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from pmvt.territories.models import Territory


@dataclass(frozen=True)
class ValuesSection:
    key: str
    title: str | Promise
    description: str | Promise
    url_name: str  # takes territory_slug only
    position: int
    # A short line about what is happening now ("" when there is nothing to say).
    live: Callable[[Territory], str] | None = None


_SECTIONS: dict[str, ValuesSection] = {}


def register_values_section(section: ValuesSection) -> None:
    _SECTIONS[section.key] = section


@dataclass(frozen=True)
class ShownSection:
    section: ValuesSection
    url: str
    live: str


def values_sections(*, territory: Territory) -> list[ShownSection]:
    """The registered sections, in order, with their address and live line for the territory."""
    return [
        ShownSection(
            section=section,
            url=reverse(section.url_name, kwargs={"territory_slug": territory.slug}),
            live=section.live(territory) if section.live else "",
        )
        for section in sorted(_SECTIONS.values(), key=lambda s: (s.position, s.key))
    ]
