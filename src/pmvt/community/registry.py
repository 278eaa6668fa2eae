"""Which models can be reported and moderated, and how the moderation queue shows them.

Each area registers its content models in its AppConfig.ready():

    moderation_register(Post, kind=_("Actualité"), title=lambda p: p.title)

The model must inherit `ModeratedContent` and define `get_absolute_url()`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise

from pmvt.community.models import ModeratedContent


@dataclass(frozen=True)
class Moderated:
    model: type[ModeratedContent]
    kind: str | Promise
    title: Callable[[ModeratedContent], str]


_REGISTRY: dict[str, Moderated] = {}


def moderation_register(
    model: type[ModeratedContent], *, kind: str | Promise, title: Callable[[ModeratedContent], str]
) -> None:
    _REGISTRY[model._meta.label_lower] = Moderated(model=model, kind=kind, title=title)


def moderated_for(model: type[models.Model]) -> Moderated | None:
    return _REGISTRY.get(model._meta.label_lower)


def moderated_models() -> list[Moderated]:
    return list(_REGISTRY.values())
