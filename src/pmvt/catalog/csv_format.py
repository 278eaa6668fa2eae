"""The catalog's CSV format, as French spreadsheets expect it: UTF-8 with BOM, `;` separator.

One row per format (variant). Offer columns repeat on each row of the same offer.
The same columns serve the export and the import (create or update by sku).
"""

import csv
import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from pmvt.actors.models import Actor
from pmvt.catalog.models import Offer, OfferKind, OfferVariant, Unit
from pmvt.core.spreadsheet import safe_cell

BOM = "\ufeff"
DELIMITER = ";"
LIST_SEPARATOR = ","
COLUMNS = [
    "sku",
    "nom",
    "catégorie",
    "type",
    "description",
    "unité",
    "taux TVA",
    "format",
    "prix TTC",
    "prix pro",
    "stock suivi",
    "stock",
    "commune d'origine (INSEE)",
    "labels",
    "allergènes",
]
# What each column holds, shown on the import page.
COLUMN_HELP = {
    "sku": _("Référence du format, unique dans votre catalogue. Vide : une référence est créée."),
    "nom": _("Nom de l'offre ; les lignes de même nom sont les formats d'une même offre."),
    "catégorie": _("Catégorie du territoire, par exemple « Fruits et légumes > Fruits »."),
    "type": _("produit ou service (vide : produit)."),
    "description": _("Texte libre (facultatif)."),
    "unité": _("pièce, kg, litre, douzaine, botte, heure ou prestation (vide : pièce)."),
    "taux TVA": _("20, 10, 5,5 ou 2,1."),
    "format": _("Par exemple « 1 kg » ou « Bouteille 75 cl » (vide s'il n'y a qu'un format)."),
    "prix TTC": _("En euros, par exemple 12,50."),
    "prix pro": _("Prix pour les professionnels (facultatif)."),
    "stock suivi": _("oui ou non (vide : oui pour un produit, non pour un service)."),
    "stock": _("Nombre entier ; vide : inchangé (0 pour un nouveau format)."),
    "commune d'origine (INSEE)": _(
        "Code INSEE d'une commune du territoire, par exemple 84003 pour Apt (facultatif)."
    ),
    "labels": _("Codes séparés par des virgules, voir la liste ci-dessous (facultatif)."),
    "allergènes": _("Codes séparés par des virgules, voir la liste ci-dessous (facultatif)."),
}


def decimal_fr(value: Decimal | None) -> str:
    """12.50 → "12,50" (what a French spreadsheet reads as a number); None → ""."""
    if value is None:
        return ""
    return f"{value:f}".replace(".", ",")


def vat_fr(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def category_path(offer: Offer) -> str:
    category = offer.category
    return f"{category.parent.name} > {category.name}" if category.parent else category.name


def export_catalog_csv(*, actor: Actor) -> bytes:
    """The seller's whole catalog (active or not), one row per format, UTF-8 with BOM.

    Text a spreadsheet would run as a formula is quoted (core.spreadsheet); import unquotes it.
    """
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    with scopes_disabled(), translation.override("fr"):
        variants = (
            OfferVariant.objects.filter(offer__actor=actor)
            .select_related("offer__category__parent", "offer__origin_commune")
            .defer("offer__search_vector")
            .order_by("offer__sort_name", "offer_id", "position", "pk")
        )
        kinds: dict[str, str] = {OfferKind.PRODUCT: "produit", OfferKind.SERVICE: "service"}
        units = dict(Unit.choices)
        for variant in variants.iterator(chunk_size=2000):
            offer = variant.offer
            row = [
                variant.sku,
                offer.name,
                category_path(offer),
                kinds.get(offer.kind, offer.kind),
                offer.description,
                str(units.get(offer.unit, offer.unit)),
                vat_fr(offer.vat_rate),
                variant.label,
                decimal_fr(variant.price),
                decimal_fr(variant.pro_price),
                "oui" if variant.stock_tracked else "non",
                str(variant.stock) if variant.stock_tracked else "",
                offer.origin_commune.insee_code if offer.origin_commune else "",
                LIST_SEPARATOR.join(offer.labels),
                LIST_SEPARATOR.join(offer.allergens),
            ]
            writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")
