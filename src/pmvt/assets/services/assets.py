"""Offer an asset: create, edit, publish, withdraw; its photos and its blocked periods.

Every function checks that `by` may do it (access.py) and validates its input: on bad input
an AssetFieldError (a French message, the field it concerns) and nothing is written.
"""

import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.assets.access import access_asset_as_manager, access_offer_as
from pmvt.assets.errors import AssetErrorCode, AssetFieldError, AssetStateError
from pmvt.assets.models import (
    Asset,
    AssetCondition,
    AssetKind,
    AssetPhoto,
    AssetStatus,
    AssetUnavailability,
)
from pmvt.catalog.text import search_text
from pmvt.core.exceptions import ApplicationError
from pmvt.core.images import clean_photo
from pmvt.territories.models import Commune, Territory

MAX_PHOTOS = 6
MAX_PRICE = Decimal("999999.99")
# Path segments of the assets' pages that an asset's slug must not take.
RESERVED_SLUGS = {"mes-biens", "proposer", "mes-reservations", "demandes-recues", "reservations"}

_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def _one_line(value: object) -> str:
    return _SPACES.sub(" ", str(value or "")).strip(" ")


def _text_block(value: object) -> str:
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass(frozen=True)
class AssetData:
    """What the owner writes about an asset (everything but in whose name it is offered)."""

    kind: str
    title: str
    description: str
    commune: Commune
    place: str = ""
    capacity: int | None = None
    condition: str = AssetCondition.FREE
    price: Decimal | None = None
    price_unit: str = ""
    conditions_text: str = ""
    available_from: date | None = None
    available_until: date | None = None


def _clean(*, territory: Territory, data: AssetData) -> dict[str, object]:
    """The field values to store, or an AssetFieldError on the first bad one."""
    title = _one_line(data.title)
    description = _text_block(data.description)
    if data.kind not in AssetKind.values:
        raise AssetFieldError(_("Choisissez le type de bien."), field="kind")
    if not title:
        raise AssetFieldError(_("Donnez un titre au bien."), field="title")
    if len(title) > 200:
        raise AssetFieldError(_("Le titre tient en 200 caractères au plus."), field="title")
    if not description:
        raise AssetFieldError(_("Décrivez le bien en quelques lignes."), field="description")
    if len(description) > 5000:
        raise AssetFieldError(
            _("La description tient en 5 000 caractères au plus."), field="description"
        )
    if data.commune is None or data.commune.territory_id != territory.pk:
        raise AssetFieldError(_("Choisissez une commune du territoire."), field="commune")
    if data.capacity is not None and not 1 <= data.capacity <= 100000:
        raise AssetFieldError(
            _("La capacité est un nombre de personnes, d'au moins 1."), field="capacity"
        )
    if data.condition not in AssetCondition.values:
        raise AssetFieldError(_("Choisissez les conditions de prêt."), field="condition")
    price: Decimal | None = None
    price_unit = ""
    if data.condition == AssetCondition.PRICE:
        if data.price is None:
            raise AssetFieldError(_("Indiquez le montant de la participation."), field="price")
        price = Decimal(data.price)
        if not price.is_finite() or price < 0:
            raise AssetFieldError(
                _("La participation est un montant positif ou nul."), field="price"
            )
        if price > MAX_PRICE or price != price.quantize(Decimal("0.01")):
            raise AssetFieldError(
                _("La participation s'écrit en euros, avec deux décimales au plus."),
                field="price",
            )
        price_unit = _one_line(data.price_unit)
        if not price_unit:
            raise AssetFieldError(
                _("Précisez l'unité de la participation : par jour, par demi-journée…"),
                field="price_unit",
            )
    if (
        data.available_from is not None
        and data.available_until is not None
        and data.available_until < data.available_from
    ):
        raise AssetFieldError(
            _("La fin de la disponibilité doit suivre son début."), field="available_until"
        )
    return {
        "kind": data.kind,
        "title": title,
        "description": description,
        "commune": data.commune,
        "place": _one_line(data.place)[:255],
        "capacity": data.capacity,
        "condition": data.condition,
        "price": price,
        "price_unit": price_unit[:40],
        "conditions_text": _text_block(data.conditions_text)[:2000],
        "available_from": data.available_from,
        "available_until": data.available_until,
        "search_text": search_text(f"{title} {description} {data.commune.name}"),
    }


def free_slug(*, territory: Territory, title: str) -> str:
    """An address for the asset from its title, free in the territory ("salle-des-fetes-2")."""
    dashed = "".join("-" if unicodedata.category(c) == "Pd" else c for c in title)
    base = slugify(dashed)[:100].strip("-") or "bien"
    if base in RESERVED_SLUGS:
        base = f"bien-{base}"
    taken = set(
        Asset.objects.filter(territory=territory, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    return next(
        slug
        for slug in [base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))]
        if slug not in taken
    )


@transaction.atomic
def asset_create(
    *,
    territory: Territory,
    by: User,
    data: AssetData,
    actor: Actor | None = None,
    by_collectivite: bool = False,
) -> Asset:
    """A draft asset offered by `by` in their own name, an actor's or the collectivité's."""
    access_offer_as(user=by, territory=territory, actor=actor, by_collectivite=by_collectivite)
    values = _clean(territory=territory, data=data)
    asset = Asset(
        territory=territory, owner=by, actor=actor, by_collectivite=by_collectivite, **values
    )
    asset.slug = free_slug(territory=territory, title=str(values["title"]))
    try:
        with transaction.atomic():
            asset.save()
    except IntegrityError:
        raise ApplicationError(
            _("Un bien du même titre vient d'être proposé. Réessayez."),
            code=AssetErrorCode.INVALID_FIELD,
        ) from None
    return asset


@transaction.atomic
def asset_update(*, asset: Asset, by: User, data: AssetData) -> Asset:
    """Change what is written about the asset; its address (slug) stays stable."""
    access_asset_as_manager(user=by, asset=asset)
    values = _clean(territory=asset.territory, data=data)
    for name, value in values.items():
        setattr(asset, name, value)
    asset.save(update_fields=[*values, "updated_at"])
    return asset


def _set_status(*, asset: Asset, by: User, to: str, allowed_from: set[str]) -> Asset:
    access_asset_as_manager(user=by, asset=asset)
    locked = Asset.objects.select_for_update().get(pk=asset.pk)
    if locked.status not in allowed_from:
        raise AssetStateError(_("Ce bien est déjà dans cet état."))
    asset.status = to
    asset.save(update_fields=["status", "updated_at"])
    return asset


@transaction.atomic
def asset_publish(*, asset: Asset, by: User) -> Asset:
    """Offer the asset to everyone (from draft, or again after a withdrawal)."""
    return _set_status(
        asset=asset,
        by=by,
        to=AssetStatus.PUBLISHED,
        allowed_from={AssetStatus.DRAFT, AssetStatus.WITHDRAWN},
    )


@transaction.atomic
def asset_withdraw(*, asset: Asset, by: User) -> Asset:
    """Stop offering the asset: it leaves the list; its bookings stay as they are."""
    return _set_status(
        asset=asset, by=by, to=AssetStatus.WITHDRAWN, allowed_from={AssetStatus.PUBLISHED}
    )


@transaction.atomic
def asset_photo_add(*, asset: Asset, by: User, image: IO[bytes], alt_text: str) -> AssetPhoto:
    """Add a photo (six at most), re-encoded without metadata, with its text alternative."""
    access_asset_as_manager(user=by, asset=asset)
    Asset.objects.select_for_update().filter(pk=asset.pk).first()  # Count photos one at a time.
    alt = _one_line(alt_text)
    if not alt:
        raise AssetFieldError(
            _("Décrivez la photo en quelques mots, pour les personnes qui ne la voient pas."),
            field="alt_text",
        )
    if len(alt) > 200:
        raise AssetFieldError(
            _("La description de la photo tient en 200 caractères au plus."), field="alt_text"
        )
    count = asset.photos.count()
    if count >= MAX_PHOTOS:
        raise AssetFieldError(
            _("Un bien a six photos au plus : retirez-en une avant d'en ajouter."), field="image"
        )
    try:
        data, extension = clean_photo(image)
    except ApplicationError as error:
        raise AssetFieldError(error.message, field="image") from None
    photo = AssetPhoto(asset=asset, alt_text=alt, position=count)
    photo.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)
    photo.save()
    return photo


@transaction.atomic
def asset_photo_remove(*, photo: AssetPhoto, by: User) -> None:
    asset = photo.asset
    access_asset_as_manager(user=by, asset=asset)
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def asset_unavailability_add(
    *, asset: Asset, by: User, starts_on: date, ends_on: date, reason: str = ""
) -> AssetUnavailability:
    """Keep the asset for oneself on these days (both included). Accepted bookings on those
    days stay: the owner cancels them explicitly, telling the person why."""
    access_asset_as_manager(user=by, asset=asset)
    if starts_on is None:
        raise AssetFieldError(_("Indiquez le premier jour."), field="starts_on")
    if ends_on is None:
        raise AssetFieldError(_("Indiquez le dernier jour."), field="ends_on")
    if ends_on < starts_on:
        raise AssetFieldError(_("Le dernier jour doit suivre le premier."), field="ends_on")
    if (ends_on - starts_on).days > 366:
        raise AssetFieldError(
            _("Une période bloquée dure un an au plus : pour plus, retirez le bien."),
            field="ends_on",
        )
    reason = _one_line(reason)
    if len(reason) > 200:
        raise AssetFieldError(_("Le motif tient en 200 caractères au plus."), field="reason")
    return AssetUnavailability.objects.create(
        asset=asset, starts_on=starts_on, ends_on=ends_on, reason=reason
    )


@transaction.atomic
def asset_unavailability_remove(*, unavailability: AssetUnavailability, by: User) -> None:
    access_asset_as_manager(user=by, asset=unavailability.asset)
    unavailability.delete()
