"""What the two doors show: each area registers its section on the door it belongs to.

An area calls `register_door_section()` from its AppConfig.ready(); the door page lists the
registered sections in order, each with a live line ("2 consultations en cours") computed by
the area's own selector. The portal never imports the areas built on it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.urls import reverse
from django.utils.functional import Promise

from pmvt.territories.models import Territory

Door = Literal["market", "values"]


@dataclass(frozen=True)
class DoorSection:
    key: str
    title: str | Promise
    description: str | Promise
    url_name: str  # takes territory_slug only
    position: int
    # A short line about what is happening now ("" when there is nothing to say).
    live: Callable[[Territory], str] | None = None


_SECTIONS: dict[Door, dict[str, DoorSection]] = {"market": {}, "values": {}}


def register_door_section(door: Door, section: DoorSection) -> None:
    _SECTIONS[door][section.key] = section


@dataclass(frozen=True)
class ShownSection:
    section: DoorSection
    url: str
    live: str


def door_sections(door: Door, *, territory: Territory) -> list[ShownSection]:
    """The door's sections, in order, with their address and live line for the territory."""
    return [
        ShownSection(
            section=section,
            url=reverse(section.url_name, kwargs={"territory_slug": territory.slug}),
            live=section.live(territory) if section.live else "",
        )
        for section in sorted(_SECTIONS[door].values(), key=lambda s: (s.position, s.key))
    ]
