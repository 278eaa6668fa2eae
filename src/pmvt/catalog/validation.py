"""Checks of every value an offer or a variant may hold, shared by the services and the import.

Each `clean_*` takes what a form, a CSV cell or a caller gives, and returns the value to store,
or raises CatalogFieldError with a French sentence that says how to fix it.
"""

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from pmvt.catalog.errors import CatalogErrorCode, CatalogFieldError
from pmvt.catalog.models import (
    VAT_RATE_VALUES,
    Allergen,
    Category,
    OfferKind,
    OfferLabel,
    Unit,
)
from pmvt.catalog.text import fold
from pmvt.territories.models import Commune, Territory

MAX_NAME = 200
MAX_DESCRIPTION = 5000
MAX_VARIANT_LABEL = 100
MAX_SKU = 64
MAX_PRICE = Decimal("1000000")
MAX_STOCK = 1_000_000
SKU_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/\-]*$")
CENT = Decimal("0.01")
KIND_CODES = frozenset(OfferKind.values)
UNIT_CODES = frozenset(Unit.values)


@lru_cache(maxsize=64)
def _codes(choices: Any) -> frozenset[str]:
    return frozenset(choices.values)


def _by_label(choices: Any) -> dict[str, str]:
    """Code of each display name, folded, in French and in the current language."""
    return _label_map(choices, get_language() or "fr")


@lru_cache(maxsize=64)
def _label_map(choices: Any, language: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for lang in ("fr", language):
        with override(lang):
            names.update({fold(str(label)): code for code, label in choices.choices})
    return names


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def clean_name(value: Any) -> str:
    name = " ".join(_text(value).split())
    if not name:
        raise CatalogFieldError(_("Indiquez le nom de l'offre."), field="name")
    if len(name) > MAX_NAME:
        raise CatalogFieldError(
            _("Le nom de l'offre ne doit pas dépasser 200 caractères."), field="name"
        )
    return name


def clean_description(value: Any) -> str:
    description = _text(value)
    if len(description) > MAX_DESCRIPTION:
        raise CatalogFieldError(
            _("La description ne doit pas dépasser 5000 caractères."), field="description"
        )
    return description


def clean_category(
    value: Any, *, territory: Territory, current: Category | None = None
) -> Category:
    """A category of the territory still offered to sellers (or the one the offer is in)."""
    if not isinstance(value, Category) or value.territory_id != territory.pk:
        raise CatalogFieldError(
            _("Choisissez une catégorie du territoire."),
            field="category",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    if not value.is_active and (current is None or current.pk != value.pk):
        raise CatalogFieldError(
            _("La catégorie « %(name)s » n'est plus proposée, choisissez-en une autre.")
            % {"name": value.name},
            field="category",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    return value


def clean_kind(value: Any) -> str:
    kind = _text(value)
    if kind not in KIND_CODES:
        kind = _by_label(OfferKind).get(fold(kind), kind)
    if kind not in OfferKind.values:
        raise CatalogFieldError(
            _("Le type « %(value)s » n'existe pas (produit ; service).") % {"value": _text(value)},
            field="kind",
            code=CatalogErrorCode.INVALID_KIND,
        )
    return kind


def vat_rates_text() -> str:
    """ "20 ; 10 ; 5,5 ; 2,1": the rates as a French reader writes them."""
    rates = sorted(VAT_RATE_VALUES, reverse=True)
    return " ; ".join(f"{rate.normalize():f}".replace(".", ",") for rate in rates)


def clean_vat_rate(value: Any) -> Decimal:
    text = _text(value).removesuffix("%").strip()
    try:
        rate = Decimal(text.replace(",", "."))
    except InvalidOperation:
        rate = Decimal("NaN")
    if not rate.is_finite() or rate not in VAT_RATE_VALUES:
        raise CatalogFieldError(
            _("Le taux de TVA %(rate)s n'existe pas (%(rates)s).")
            % {"rate": text or "«  »", "rates": vat_rates_text()},
            field="vat_rate",
            code=CatalogErrorCode.INVALID_VAT_RATE,
        )
    return rate.quantize(CENT)


def clean_price(value: Any, *, field: str = "price", required: bool = True) -> Decimal | None:
    """A price in euros TTC: a number ≥ 0 with at most two decimals ("12,50" or "12.5")."""
    pro = field == "pro_price"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        number = Decimal(value)
        shown = str(value)
    else:
        shown = _text(value)
        if not shown:
            if required:
                raise CatalogFieldError(
                    _("Indiquez le prix TTC, par exemple 12,50."),
                    field=field,
                    code=CatalogErrorCode.INVALID_PRICE,
                )
            return None
        cleaned = shown.replace("€", "").replace(" ", "").replace(" ", "").replace(",", ".")
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            number = Decimal("NaN")
    if not number.is_finite():
        message = (
            _(
                "Le prix professionnel « %(value)s » n'est pas un montant : écrivez par exemple 12,50."
            )
            if pro
            else _("Le prix « %(value)s » n'est pas un montant : écrivez par exemple 12,50.")
        )
        raise CatalogFieldError(
            message % {"value": shown}, field=field, code=CatalogErrorCode.INVALID_PRICE
        )
    if number < 0:
        raise CatalogFieldError(
            _("Le prix professionnel ne peut pas être négatif.")
            if pro
            else _("Le prix ne peut pas être négatif."),
            field=field,
            code=CatalogErrorCode.INVALID_PRICE,
        )
    if number != number.quantize(CENT):
        raise CatalogFieldError(
            _("Le prix %(value)s a plus de deux décimales : arrondissez au centime.")
            % {"value": shown},
            field=field,
            code=CatalogErrorCode.INVALID_PRICE,
        )
    if number >= MAX_PRICE:
        raise CatalogFieldError(
            _("Le prix doit rester inférieur à 1 000 000 €."),
            field=field,
            code=CatalogErrorCode.INVALID_PRICE,
        )
    return number.quantize(CENT)


def clean_stock(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        stock, shown = value, str(value)
    else:
        shown = _text(value)
        stock = int(shown) if re.fullmatch(r"-?\d+", shown or "x") else -1
        if not shown:
            stock = 0
    if stock < 0 or stock > MAX_STOCK:
        raise CatalogFieldError(
            _(
                "Le stock « %(value)s » n'est pas valable : indiquez un nombre "
                "entier entre 0 et 1 000 000."
            )
            % {"value": shown},
            field="stock",
            code=CatalogErrorCode.INVALID_STOCK,
        )
    return stock


def clean_unit(value: Any) -> str:
    unit = _text(value)
    if unit not in UNIT_CODES:
        unit = _by_label(Unit).get(fold(unit), unit)
    if unit not in Unit.values:
        raise CatalogFieldError(
            _("L'unité « %(value)s » n'existe pas (%(units)s).")
            % {
                "value": _text(value),
                "units": " ; ".join(str(label) for label in Unit.labels),
            },
            field="unit",
            code=CatalogErrorCode.INVALID_UNIT,
        )
    return unit


def clean_availability(
    available_from: date | None, available_until: date | None
) -> tuple[date | None, date | None]:
    if available_from and available_until and available_until < available_from:
        raise CatalogFieldError(
            _("La fin de la disponibilité doit être le même jour ou après son début."),
            field="available_until",
            code=CatalogErrorCode.INVALID_DATES,
        )
    return available_from, available_until


def clean_origin_commune(value: Any, *, territory: Territory) -> Commune | None:
    if value is None:
        return None
    if not isinstance(value, Commune) or value.territory_id != territory.pk:
        raise CatalogFieldError(
            _("La commune de production doit être une commune du territoire."),
            field="origin_commune",
            code=CatalogErrorCode.COMMUNE_OUTSIDE_TERRITORY,
        )
    return value


def _clean_codes(
    values: Iterable[Any], *, choices: Any, field: str, message: str, code: str
) -> list[str]:
    codes = _codes(choices)
    cleaned: list[str] = []
    for raw in values or ():
        item = _text(raw)
        if not item:
            continue
        item_code = item if item in codes else _by_label(choices).get(fold(item))
        if item_code is None:
            raise CatalogFieldError(message % {"value": item}, field=field, code=code)
        if item_code not in cleaned:
            cleaned.append(item_code)
    return cleaned


def clean_labels(values: Iterable[Any]) -> list[str]:
    return _clean_codes(
        values,
        choices=OfferLabel,
        field="labels",
        message=_("Le label « %(value)s » n'est pas dans la liste proposée."),
        code=CatalogErrorCode.INVALID_LABEL,
    )


def clean_allergens(values: Iterable[Any]) -> list[str]:
    return _clean_codes(
        values,
        choices=Allergen,
        field="allergens",
        message=_("L'allergène « %(value)s » n'est pas l'un des 14 allergènes à déclarer."),
        code=CatalogErrorCode.INVALID_ALLERGEN,
    )


def clean_variant_label(value: Any) -> str:
    label = " ".join(_text(value).split())
    if len(label) > MAX_VARIANT_LABEL:
        raise CatalogFieldError(_("Le format ne doit pas dépasser 100 caractères."), field="label")
    return label


def clean_sku(value: Any) -> str:
    sku = _text(value)
    if sku and (len(sku) > MAX_SKU or not SKU_PATTERN.match(sku)):
        raise CatalogFieldError(
            _(
                "La référence « %(value)s » n'est pas valable : 64 caractères au "
                "plus, lettres sans accent, chiffres, points, tirets, barres obliques ou soulignés."
            )
            % {"value": sku},
            field="sku",
            code=CatalogErrorCode.INVALID_SKU,
        )
    return sku


def clean_flag(value: Any, *, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(_text(value))
    if text in {"oui", "o", "1", "vrai", "true", "yes", "x"}:
        return True
    if text in {"non", "n", "0", "faux", "false", "no", ""}:
        return False
    raise CatalogFieldError(
        _("Écrivez « oui » ou « non » (et non « %(value)s »).") % {"value": _text(value)},
        field=field,
    )
