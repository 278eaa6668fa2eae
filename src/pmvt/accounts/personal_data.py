"""Areas that hold personal data register here, so export and erasure cover all of it.

accounts must not import the areas built on it: each area registers, from its AppConfig.ready(),
an exporter (user -> JSON-ready value, under its own key) and an eraser (user -> None, keeping
what the law obliges to keep, without identity).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pmvt.accounts.models import User


@dataclass(frozen=True)
class PersonalDataHandler:
    key: str
    export: Callable[[User], Any]
    erase: Callable[[User], None]


HANDLERS: dict[str, PersonalDataHandler] = {}


def register_personal_data(
    *, key: str, export: Callable[[User], Any], erase: Callable[[User], None]
) -> None:
    HANDLERS[key] = PersonalDataHandler(key=key, export=export, erase=erase)
