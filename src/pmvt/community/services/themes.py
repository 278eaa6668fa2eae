"""Write the territory's themes: create, rename, move up or down the list.

The slug is set once, at creation, so the addresses that filter by theme stay stable when a
theme is renamed.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.access import AnyUser
from pmvt.community.access import access_themes
from pmvt.community.errors import CommunityErrorCode
from pmvt.community.models import Theme
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Territory

MAX_NAME = 80


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError(_("Donnez un nom au thème."), code=CommunityErrorCode.INVALID_THEME)
    if len(name) > MAX_NAME:
        raise ApplicationError(
            _("Le nom ne doit pas dépasser 80 caractères."), code=CommunityErrorCode.INVALID_THEME
        )
    return name


def _check_unique(*, territory: Territory, name: str, exclude_pk: int | None = None) -> None:
    same = Theme.objects.filter(territory=territory, name__iexact=name)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise ApplicationError(
            _("Un thème porte déjà ce nom sur le territoire."),
            code=CommunityErrorCode.INVALID_THEME,
        )


def _free_slug(*, territory: Territory, name: str) -> str:
    base = slugify(name)[:70] or "theme"
    slug, number = base, 2
    while Theme.objects.filter(territory=territory, slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _lock_themes(territory: Territory) -> list[Theme]:
    return list(
        Theme.objects.filter(territory=territory)
        .select_for_update()
        .order_by("position", "name", "pk")
    )


@transaction.atomic
def theme_create(*, by: AnyUser, territory: Territory, name: str) -> Theme:
    access_themes(user=by, territory=territory)
    name = _clean_name(name)
    _lock_themes(territory)
    _check_unique(territory=territory, name=name)
    last = Theme.objects.filter(territory=territory).aggregate(last=Max("position"))["last"]
    return Theme.objects.create(
        territory=territory,
        name=name,
        slug=_free_slug(territory=territory, name=name),
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def theme_rename(*, by: AnyUser, theme: Theme, name: str) -> Theme:
    access_themes(user=by, territory=theme.territory)
    name = _clean_name(name)
    _lock_themes(theme.territory)
    _check_unique(territory=theme.territory, name=name, exclude_pk=theme.pk)
    theme.name = name
    theme.save(update_fields=["name"])
    return theme


@transaction.atomic
def theme_move(*, by: AnyUser, theme: Theme, up: bool) -> list[Theme]:
    """Swap the theme with its neighbour; positions are renumbered 0, 1, 2… on the way."""
    access_themes(user=by, territory=theme.territory)
    themes = _lock_themes(theme.territory)
    index = next((i for i, t in enumerate(themes) if t.pk == theme.pk), None)
    if index is None:
        raise ApplicationError(
            _("Ce thème n'appartient pas à ce territoire."), code=CommunityErrorCode.INVALID_THEME
        )
    other = index - 1 if up else index + 1
    if 0 <= other < len(themes):
        themes[index], themes[other] = themes[other], themes[index]
    for position, item in enumerate(themes):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    return themes
