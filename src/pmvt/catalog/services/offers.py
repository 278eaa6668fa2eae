"""Writes on the catalog: categories, offers and their formats (variants), stock.

Every write checks its values with pmvt.catalog.validation (a French message names the field
to fix; nothing is written on error), keeps Offer.price_from (the lowest price of the active
formats) and the search index up to date. Only the actor's catalog editors may write
(access_actor_catalog_as_editor); the bulk helpers are for the import and the benchmark, whose
callers check permissions themselves.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.db.models import Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.actors.access import access_actor_catalog_as_editor
from pmvt.actors.models import Actor
from pmvt.catalog.cache import catalog_changed
from pmvt.catalog.errors import CatalogErrorCode, CatalogFieldError
from pmvt.catalog.models import Category, Offer, OfferKind, OfferVariant, Unit
from pmvt.catalog.services.search_index import offers_reindex, reindex_all
from pmvt.catalog.text import sort_key
from pmvt.catalog.validation import (
    clean_allergens,
    clean_availability,
    clean_category,
    clean_description,
    clean_flag,
    clean_kind,
    clean_labels,
    clean_name,
    clean_origin_commune,
    clean_price,
    clean_sku,
    clean_stock,
    clean_unit,
    clean_variant_label,
    clean_vat_rate,
)
from pmvt.territories.models import Commune, Territory

__all__ = [
    "UNSET",
    "category_create",
    "offer_activate",
    "offer_create",
    "offer_deactivate",
    "offer_update",
    "offers_bulk_create",
    "offers_reindex",
    "offers_reindex_for_actor",
    "offers_stock_changed",
    "reindex_all",
    "variant_add",
    "variant_set_stock",
    "variant_update",
]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
MAX_IMAGE_BYTES = 3 * 1024 * 1024
BULK_BATCH = 1000


# --- categories -------------------------------------------------------------------------------


def _unique_slug(base: str, taken: set[str], *, max_length: int) -> str:
    base = base[: max_length - 6].strip("-")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def category_create(*, territory: Territory, name: str, parent: Category | None = None) -> Category:
    """Add a category to the territory's taxonomy (two levels: a parent has no parent)."""
    name = " ".join(str(name or "").split())
    if not name or len(name) > 120:
        raise CatalogFieldError(
            _("Indiquez le nom de la catégorie (120 caractères au plus)."), field="name"
        )
    with scopes_disabled():
        if parent is not None:
            if parent.territory_id != territory.pk:
                raise CatalogFieldError(
                    _("Choisissez une catégorie parente du territoire."),
                    field="parent",
                    code=CatalogErrorCode.INVALID_CATEGORY,
                )
            if parent.parent_id is not None:
                raise CatalogFieldError(
                    _(
                        "Les catégories ont deux niveaux au plus : choisissez une catégorie "
                        "principale comme parente."
                    ),
                    field="parent",
                    code=CatalogErrorCode.CATEGORY_TOO_DEEP,
                )
        siblings = Category.objects.filter(territory=territory, parent=parent)
        if any(sort_key(n) == sort_key(name) for n in siblings.values_list("name", flat=True)):
            raise CatalogFieldError(
                _("La catégorie « %(name)s » existe déjà à cet endroit.") % {"name": name},
                field="name",
                code=CatalogErrorCode.INVALID_CATEGORY,
            )
        base = slugify(name) or "categorie"
        taken = set(
            Category.objects.filter(territory=territory, slug__startswith=base[:134]).values_list(
                "slug", flat=True
            )
        )
        return Category.objects.create(
            territory=territory,
            parent=parent,
            name=name,
            slug=_unique_slug(base, taken, max_length=140),
            position=siblings.count(),
        )


# --- helpers ----------------------------------------------------------------------------------


def _lock_actor(actor: Actor) -> None:
    """Serialise the catalog writes of one seller (slugs and references stay unique)."""
    with scopes_disabled():
        Actor.objects.select_for_update().filter(pk=actor.pk).first()


def _actor_skus(actor: Actor, *, exclude_ids: Iterable[int] = ()) -> set[str]:
    with scopes_disabled():
        return set(
            OfferVariant.objects.filter(offer__actor=actor)
            .exclude(pk__in=list(exclude_ids))
            .exclude(sku="")
            .values_list("sku", flat=True)
        )


def _actor_slugs(actor: Actor) -> set[str]:
    with scopes_disabled():
        return set(Offer.objects.filter(actor=actor).values_list("slug", flat=True))


def _auto_sku(offer_name: str, label: str, taken: set[str]) -> str:
    base = slugify(f"{offer_name} {label}") or "ref"
    return _unique_slug(base, taken, max_length=64)


def _clean_image(image: Any, image_alt: str) -> tuple[Any, str]:
    image_alt = " ".join(str(image_alt or "").split())
    if not image:
        return image, image_alt
    if getattr(image, "size", 0) > MAX_IMAGE_BYTES:
        raise CatalogFieldError(
            _("La photo ne doit pas dépasser 3 Mo."),
            field="image",
            code=CatalogErrorCode.INVALID_IMAGE,
        )
    if not image_alt:
        raise CatalogFieldError(
            _("Décrivez la photo en quelques mots pour les personnes qui ne la voient pas."),
            field="image_alt",
            code=CatalogErrorCode.INVALID_IMAGE,
        )
    if len(image_alt) > 200:
        raise CatalogFieldError(
            _("La description de la photo ne doit pas dépasser 200 caractères."),
            field="image_alt",
        )
    return image, image_alt


def _clean_variant(values: Mapping[str, Any], *, kind: str) -> dict[str, Any]:
    unknown = set(values) - {
        "id",
        "label",
        "price",
        "pro_price",
        "stock_tracked",
        "stock",
        "sku",
        "is_active",
    }
    if unknown:
        raise TypeError(f"unexpected variant keys: {sorted(unknown)}")
    tracked_default = kind == OfferKind.PRODUCT
    cleaned: dict[str, Any] = {
        "label": clean_variant_label(values.get("label", "")),
        "price": clean_price(values.get("price")),
        "pro_price": clean_price(values.get("pro_price"), field="pro_price", required=False),
        "stock_tracked": clean_flag(
            values.get("stock_tracked", tracked_default), field="stock_tracked"
        ),
        "sku": clean_sku(values.get("sku", "")),
        "is_active": clean_flag(values.get("is_active", True), field="is_active"),
    }
    cleaned["stock"] = clean_stock(values.get("stock", 0)) if cleaned["stock_tracked"] else 0
    return cleaned


def _check_variant_set(variants: Sequence[Mapping[str, Any]]) -> None:
    """At least one format in sale, distinct format names and references."""
    if not any(v["is_active"] for v in variants):
        raise CatalogFieldError(
            _("Une offre doit garder au moins un format en vente, avec son prix."),
            field="variants",
            code=CatalogErrorCode.LAST_VARIANT if variants else CatalogErrorCode.NO_VARIANT,
        )
    labels = [sort_key(v["label"]) for v in variants]
    for label in labels:
        if labels.count(label) > 1:
            raise CatalogFieldError(
                _("Deux formats portent le même nom « %(label)s » : distinguez-les.")
                % {"label": next(v["label"] for v in variants if sort_key(v["label"]) == label)},
                field="variants",
            )
    skus = [v["sku"] for v in variants if v["sku"]]
    for sku in skus:
        if skus.count(sku) > 1:
            raise CatalogFieldError(
                _("La référence « %(sku)s » est utilisée par deux formats.") % {"sku": sku},
                field="variants",
                code=CatalogErrorCode.SKU_TAKEN,
            )


def _check_skus_free(skus: Iterable[str], taken: set[str]) -> None:
    for sku in skus:
        if sku and sku in taken:
            raise CatalogFieldError(
                _("La référence « %(sku)s » est déjà celle d'un autre format de votre catalogue.")
                % {"sku": sku},
                field="variants",
                code=CatalogErrorCode.SKU_TAKEN,
            )


def _refresh_price_from(offer_ids: Iterable[int]) -> None:
    """Set price_from to the lowest price of the active formats, in one UPDATE per batch."""
    lowest = (
        OfferVariant.objects.with_scopes_disabled()
        .filter(offer=OuterRef("pk"), is_active=True)
        .order_by()
        .values("offer")
        .annotate(low=Min("price"))
        .values("low")
    )
    ids = sorted(set(offer_ids))
    with scopes_disabled():
        for start in range(0, len(ids), BULK_BATCH):
            Offer.objects.filter(pk__in=ids[start : start + BULK_BATCH]).update(
                price_from=Coalesce(Subquery(lowest), Value(Decimal("0.00")))
            )


def _offer_fields(
    *,
    actor: Actor,
    category: Any,
    name: Any,
    kind: Any,
    description: Any,
    vat_rate: Any,
    unit: Any,
    origin_commune: Any,
    produced_on_territory: Any,
    labels: Any,
    allergens: Any,
    available_from: date | None,
    available_until: date | None,
    current_category: Category | None = None,
) -> dict[str, Any]:
    territory = actor.territory
    cleaned: dict[str, Any] = {
        "category": clean_category(category, territory=territory, current=current_category),
        "name": clean_name(name),
        "kind": clean_kind(kind),
        "description": clean_description(description),
        "vat_rate": clean_vat_rate(vat_rate),
        "unit": clean_unit(unit),
        "origin_commune": clean_origin_commune(origin_commune, territory=territory),
        "produced_on_territory": clean_flag(produced_on_territory, field="produced_on_territory"),
        "labels": clean_labels(labels),
        "allergens": clean_allergens(allergens),
    }
    cleaned["available_from"], cleaned["available_until"] = clean_availability(
        available_from, available_until
    )
    cleaned["sort_name"] = sort_key(cleaned["name"])
    return cleaned


# --- offers -----------------------------------------------------------------------------------


@transaction.atomic
def offer_create(
    *,
    actor: Actor,
    by: User,
    category: Category,
    name: str,
    variants: list[dict],
    kind: str = OfferKind.PRODUCT,
    description: str = "",
    vat_rate: Decimal = Decimal("5.50"),
    unit: str = Unit.PIECE,
    origin_commune: Commune | None = None,
    produced_on_territory: bool = False,
    labels: Iterable[str] = (),
    allergens: Iterable[str] = (),
    available_from: date | None = None,
    available_until: date | None = None,
    image: File | None = None,
    image_alt: str = "",
) -> Offer:
    """Create an offer with its formats (each: label, price, pro_price, stock_tracked, stock, sku).

    The offer is for sale at once; the public sees it when its actor is verified.
    """
    access_actor_catalog_as_editor(user=by, actor=actor)
    fields = _offer_fields(
        actor=actor,
        category=category,
        name=name,
        kind=kind,
        description=description,
        vat_rate=vat_rate,
        unit=unit,
        origin_commune=origin_commune,
        produced_on_territory=produced_on_territory,
        labels=labels,
        allergens=allergens,
        available_from=available_from,
        available_until=available_until,
    )
    cleaned_variants = [_clean_variant(v, kind=fields["kind"]) for v in variants or []]
    _check_variant_set(cleaned_variants)
    image, image_alt = _clean_image(image, image_alt)
    _lock_actor(actor)
    taken_skus = _actor_skus(actor)
    _check_skus_free((v["sku"] for v in cleaned_variants), taken_skus)
    offer = Offer(
        territory=actor.territory,
        actor=actor,
        slug=_unique_slug(slugify(fields["name"]) or "offre", _actor_slugs(actor), max_length=220),
        price_from=min(v["price"] for v in cleaned_variants if v["is_active"]),
        image_alt=image_alt,
        **fields,
    )
    if image:
        offer.image = image
    offer.save()
    _create_variants(offer, cleaned_variants, taken_skus)
    offers_reindex(offer_ids=[offer.pk])
    return offer


def _create_variants(
    offer: Offer, variants: Sequence[Mapping[str, Any]], taken_skus: set[str], start: int = 0
) -> list[OfferVariant]:
    rows = []
    for position, v in enumerate(variants, start=start):
        sku = v["sku"] or _auto_sku(offer.name, v["label"], taken_skus)
        taken_skus.add(sku)
        rows.append(
            OfferVariant(
                territory_id=offer.territory_id,
                offer=offer,
                position=position,
                **{**{k: v[k] for k in v if k != "id"}, "sku": sku},
            )
        )
    with scopes_disabled():
        return OfferVariant.objects.bulk_create(rows)


@transaction.atomic
def offer_update(
    *,
    offer: Offer,
    by: User,
    category: Category = UNSET,
    name: str = UNSET,
    kind: str = UNSET,
    description: str = UNSET,
    vat_rate: Decimal = UNSET,
    unit: str = UNSET,
    origin_commune: Commune | None = UNSET,
    produced_on_territory: bool = UNSET,
    labels: Iterable[str] = UNSET,
    allergens: Iterable[str] = UNSET,
    available_from: date | None = UNSET,
    available_until: date | None = UNSET,
    image: File | None = UNSET,
    image_alt: str = UNSET,
    variants: list[dict] = UNSET,
) -> Offer:
    """Change an offer; arguments left out stay as they are.

    `variants`: dicts with "id" update that format of this offer, dicts without "id" add one;
    formats not listed are kept. Set "is_active": False to stop selling a format.
    """
    actor = offer.actor
    access_actor_catalog_as_editor(user=by, actor=actor)
    given: dict[str, Any] = {
        "category": category,
        "name": name,
        "kind": kind,
        "description": description,
        "vat_rate": vat_rate,
        "unit": unit,
        "origin_commune": origin_commune,
        "produced_on_territory": produced_on_territory,
        "labels": labels,
        "allergens": allergens,
        "available_from": available_from,
        "available_until": available_until,
    }
    current: dict[str, Any] = {
        "category": offer.category,
        "name": offer.name,
        "kind": offer.kind,
        "description": offer.description,
        "vat_rate": offer.vat_rate,
        "unit": offer.unit,
        "origin_commune": offer.origin_commune,
        "produced_on_territory": offer.produced_on_territory,
        "labels": offer.labels,
        "allergens": offer.allergens,
        "available_from": offer.available_from,
        "available_until": offer.available_until,
    }
    fields = _offer_fields(
        actor=actor,
        current_category=offer.category,
        **{k: current[k] if v is UNSET else v for k, v in given.items()},
    )
    kept_image = offer.image if image is UNSET else image
    _clean_image(kept_image, offer.image_alt if image_alt is UNSET else image_alt)
    _lock_actor(actor)
    with scopes_disabled():
        # Locked, in a fixed order: orders may be taking stock from these rows right now.
        existing = {
            v.pk: v
            for v in OfferVariant.objects.select_for_update().filter(offer=offer).order_by("pk")
        }
    updates: list[tuple[OfferVariant, dict[str, Any]]] = []
    additions: list[dict[str, Any]] = []
    for values in [] if variants is UNSET else variants:
        variant_id = values.get("id")
        if variant_id is None:
            additions.append(_clean_variant(values, kind=fields["kind"]))
            continue
        variant = existing.get(int(variant_id))
        if variant is None:
            raise CatalogFieldError(
                _("Ce format n'appartient pas à cette offre."), field="variants"
            )
        merged = {
            "label": variant.label,
            "price": variant.price,
            "pro_price": variant.pro_price,
            "stock_tracked": variant.stock_tracked,
            "stock": variant.stock,
            "sku": variant.sku,
            "is_active": variant.is_active,
            **{k: v for k, v in values.items() if k != "id"},
        }
        updates.append((variant, _clean_variant(merged, kind=fields["kind"])))
    updated_ids = {variant.pk for variant, _values in updates}
    final = [values for _variant, values in updates] + additions
    final += [
        {
            "label": v.label,
            "sku": v.sku,
            "is_active": v.is_active,
        }
        for pk, v in existing.items()
        if pk not in updated_ids
    ]
    _check_variant_set(final)
    taken_skus = _actor_skus(actor, exclude_ids=existing)
    _check_skus_free((v["sku"] for v in final), taken_skus)
    taken_skus |= {v["sku"] for v in final if v["sku"]}

    for key, value in fields.items():
        setattr(offer, key, value)
    update_fields = [*fields, "updated_at"]
    if image is not UNSET:
        offer.image = image or ""
        update_fields.append("image")
    if image_alt is not UNSET:
        offer.image_alt = " ".join(str(image_alt or "").split())
        update_fields.append("image_alt")
    offer.save(update_fields=update_fields)
    for variant, values in updates:
        changed = [key for key, value in values.items() if getattr(variant, key) != value]
        for key in changed:
            setattr(variant, key, values[key])
        if not variant.sku:
            variant.sku = _auto_sku(offer.name, variant.label, taken_skus)
            taken_skus.add(variant.sku)
            changed.append("sku")
        if changed:
            variant.save(update_fields=changed)
    if additions:
        _create_variants(offer, additions, taken_skus, start=len(existing))
    _refresh_price_from([offer.pk])
    offers_reindex(offer_ids=[offer.pk])
    offer.refresh_from_db()
    return offer


def _set_active(*, offer: Offer, by: User, active: bool) -> Offer:
    access_actor_catalog_as_editor(user=by, actor=offer.actor)
    if active and not offer.category.is_active:
        raise CatalogFieldError(
            _(
                "La catégorie « %(name)s » n'est plus proposée : rangez l'offre dans une "
                "autre catégorie avant de la remettre en vente."
            )
            % {"name": offer.category.name},
            field="category",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    if offer.is_active != active:
        offer.is_active = active
        offer.save(update_fields=["is_active", "updated_at"])
        catalog_changed(territory_ids=[offer.territory_id])
    return offer


@transaction.atomic
def offer_deactivate(*, offer: Offer, by: User) -> Offer:
    """Take an offer out of sale (it stays in the seller's catalog, hidden from the public)."""
    return _set_active(offer=offer, by=by, active=False)


@transaction.atomic
def offer_activate(*, offer: Offer, by: User) -> Offer:
    """Put an offer back on sale."""
    return _set_active(offer=offer, by=by, active=True)


# --- variants ---------------------------------------------------------------------------------


@transaction.atomic
def variant_add(
    *,
    offer: Offer,
    by: User,
    label: str,
    price: Decimal,
    pro_price: Decimal | None = None,
    stock_tracked: bool = True,
    stock: int = 0,
    sku: str = "",
) -> OfferVariant:
    """Add a format to an offer."""
    offer = offer_update(
        offer=offer,
        by=by,
        variants=[
            {
                "label": label,
                "price": price,
                "pro_price": pro_price,
                "stock_tracked": stock_tracked,
                "stock": stock,
                "sku": sku,
            }
        ],
    )
    with scopes_disabled():
        return OfferVariant.objects.filter(offer=offer).order_by("-pk").first()  # type: ignore[return-value]


@transaction.atomic
def variant_update(
    *,
    variant: OfferVariant,
    by: User,
    label: str = UNSET,
    price: Decimal = UNSET,
    pro_price: Decimal | None = UNSET,
    stock_tracked: bool = UNSET,
    stock: int = UNSET,
    sku: str = UNSET,
    is_active: bool = UNSET,
) -> OfferVariant:
    """Change a format; arguments left out stay as they are."""
    changes = {
        key: value
        for key, value in {
            "label": label,
            "price": price,
            "pro_price": pro_price,
            "stock_tracked": stock_tracked,
            "stock": stock,
            "sku": sku,
            "is_active": is_active,
        }.items()
        if value is not UNSET
    }
    offer_update(offer=variant.offer, by=by, variants=[{"id": variant.pk, **changes}])
    variant.refresh_from_db()
    return variant


@transaction.atomic
def variant_set_stock(*, variant: OfferVariant, by: User, stock: int) -> OfferVariant:
    """Set the stock of a format to what the seller counted."""
    access_actor_catalog_as_editor(user=by, actor=variant.offer.actor)
    stock = clean_stock(stock)
    with scopes_disabled():
        locked = OfferVariant.objects.select_for_update().get(pk=variant.pk)
    if not locked.stock_tracked:
        raise CatalogFieldError(
            _("Le stock de ce format n'est pas suivi : activez d'abord son suivi."),
            field="stock",
            code=CatalogErrorCode.INVALID_STOCK,
        )
    if locked.stock != stock:
        if (locked.stock == 0) != (stock == 0):
            offers_stock_changed(territory=variant.offer.territory)
        locked.stock = stock
        locked.save(update_fields=["stock"])
    variant.stock = locked.stock
    return variant


# --- bulk -------------------------------------------------------------------------------------


@transaction.atomic
def offers_bulk_create(*, actor: Actor, rows: list[dict]) -> int:
    """Create many offers of one actor at once (bulk inserts, one index pass); return the count.

    Each row holds the keyword arguments of offer_create (except actor, by, image). Rows are
    checked like offer_create; the first bad row aborts everything. No permission check: the
    caller (the import after its own check, the benchmark generator) decides.
    """
    _lock_actor(actor)
    taken_skus = _actor_skus(actor)
    taken_slugs = _actor_slugs(actor)
    created = 0
    for start in range(0, len(rows), BULK_BATCH):
        batch = rows[start : start + BULK_BATCH]
        offers: list[Offer] = []
        variant_sets: list[list[dict[str, Any]]] = []
        for row in batch:
            row = dict(row)
            variants = row.pop("variants")
            fields = _offer_fields(
                actor=actor,
                category=row.pop("category"),
                name=row.pop("name"),
                kind=row.pop("kind", OfferKind.PRODUCT),
                description=row.pop("description", ""),
                vat_rate=row.pop("vat_rate", Decimal("5.50")),
                unit=row.pop("unit", Unit.PIECE),
                origin_commune=row.pop("origin_commune", None),
                produced_on_territory=row.pop("produced_on_territory", False),
                labels=row.pop("labels", ()),
                allergens=row.pop("allergens", ()),
                available_from=row.pop("available_from", None),
                available_until=row.pop("available_until", None),
            )
            is_active = row.pop("is_active", True)
            if row:
                raise TypeError(f"offers_bulk_create() got unexpected keys: {sorted(row)}")
            cleaned = [_clean_variant(v, kind=fields["kind"]) for v in variants]
            _check_variant_set(cleaned)
            _check_skus_free((v["sku"] for v in cleaned), taken_skus)
            taken_skus |= {v["sku"] for v in cleaned if v["sku"]}
            slug = _unique_slug(slugify(fields["name"]) or "offre", taken_slugs, max_length=220)
            taken_slugs.add(slug)
            offers.append(
                Offer(
                    territory_id=actor.territory_id,
                    actor=actor,
                    slug=slug,
                    is_active=bool(is_active),
                    price_from=min(v["price"] for v in cleaned if v["is_active"]),
                    **fields,
                )
            )
            variant_sets.append(cleaned)
        with scopes_disabled():
            Offer.objects.bulk_create(offers)
        variants_rows = []
        for offer, cleaned in zip(offers, variant_sets, strict=True):
            for position, v in enumerate(cleaned):
                sku = v["sku"] or _auto_sku(offer.name, v["label"], taken_skus)
                taken_skus.add(sku)
                variants_rows.append(
                    OfferVariant(
                        territory_id=actor.territory_id,
                        offer=offer,
                        position=position,
                        **{**v, "sku": sku},
                    )
                )
        with scopes_disabled():
            OfferVariant.objects.bulk_create(variants_rows)
        offers_reindex(offer_ids=[o.pk for o in offers])
        created += len(offers)
    return created


def offers_stock_changed(*, territory: Territory) -> None:
    """An offer sold out or came back in stock: the public catalog pages must show it."""
    catalog_changed(territory_ids=[territory.pk])


def offers_reindex_for_actor(*, actor: Actor) -> None:
    """Re-index an actor's offers, e.g. after its trade name or commune changed."""
    with scopes_disabled():
        ids = list(Offer.objects.filter(actor=actor).values_list("pk", flat=True))
    offers_reindex(offer_ids=ids)
