"""Import a seller's catalog from CSV: create or update by sku, all or nothing.

Every line is checked first; if any is wrong, nothing is written and the seller gets one
French sentence per problem ("Ligne 7 : le taux de TVA 19 n'existe pas (20 ; 10 ; 5,5 ; 2,1).").
Otherwise the whole file is written in one transaction, with bulk queries.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.actors.access import access_actor_catalog_as_editor
from pmvt.actors.models import Actor
from pmvt.catalog.csv_format import COLUMNS, DELIMITER, LIST_SEPARATOR
from pmvt.catalog.errors import CatalogErrorCode, CatalogFieldError
from pmvt.catalog.models import Category, Offer, OfferKind, OfferVariant
from pmvt.catalog.services.offers import (
    _auto_sku,
    _lock_actor,
    _refresh_price_from,
    _unique_slug,
    offers_reindex,
)
from pmvt.catalog.text import fold, sort_key
from pmvt.catalog.validation import (
    clean_allergens,
    clean_description,
    clean_flag,
    clean_kind,
    clean_labels,
    clean_name,
    clean_price,
    clean_sku,
    clean_stock,
    clean_unit,
    clean_variant_label,
    clean_vat_rate,
    vat_rates_text,
)
from pmvt.core.exceptions import ApplicationError
from pmvt.core.spreadsheet import unquote_cell
from pmvt.territories.models import Commune

MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 10_000
MAX_REPORTED_ERRORS = 200
OFFER_COLUMNS = (
    "category",
    "name",
    "kind",
    "description",
    "unit",
    "vat_rate",
    "origin_commune",
    "labels",
    "allergens",
)
COLUMN_OF = {
    "category": "catégorie",
    "name": "nom",
    "kind": "type",
    "description": "description",
    "unit": "unité",
    "vat_rate": "taux TVA",
    "origin_commune": "commune d'origine (INSEE)",
    "labels": "labels",
    "allergens": "allergènes",
}


class CatalogImportError(ApplicationError):
    """The file was refused; `errors` lists every problem, nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(
            ngettext(
                "Le fichier n'a pas été importé : %(n)s erreur. Rien n'a été modifié.",
                "Le fichier n'a pas été importé : %(n)s erreurs. Rien n'a été modifié.",
                len(errors),
            )
            % {"n": len(errors)},
            code=CatalogErrorCode.IMPORT_REJECTED,
        )
        self.errors = errors


@dataclass
class ImportReport:
    offers_created: int = 0
    offers_updated: int = 0
    variants_created: int = 0
    variants_updated: int = 0

    @property
    def summary(self) -> str:
        return _(
            "Import terminé : %(oc)s offre(s) créée(s), %(ou)s mise(s) à jour ; "
            "%(vc)s format(s) créé(s), %(vu)s mis à jour."
        ) % {
            "oc": self.offers_created,
            "ou": self.offers_updated,
            "vc": self.variants_created,
            "vu": self.variants_updated,
        }


@dataclass
class _Row:
    line: int
    sku: str
    offer: dict[str, Any]
    variant: dict[str, Any]  # label, price, pro_price, stock_tracked, stock (None: unchanged)
    existing: OfferVariant | None = None


@dataclass
class _Group:
    """The rows of one offer (existing or new)."""

    first: _Row
    offer: Offer | None
    rows: list[_Row] = field(default_factory=list)


def _line_error(line: int, message: Any) -> str:
    text = str(message)
    # "Le prix…" becomes "le prix…" after "Ligne 7 :", but "UTF-8…" keeps its capitals.
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return _("Ligne %(line)s : %(error)s") % {"line": line, "error": text}


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise CatalogImportError(
            [_("Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers.")]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogImportError(
            [
                _(
                    "Ligne %(line)s : le fichier n'est pas encodé en UTF-8. Dans votre "
                    "tableur, enregistrez-le au format « CSV UTF-8 (délimité par des "
                    "points-virgules) »."
                )
                % {"line": line}
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _header_map(header: list[str]) -> dict[str, int]:
    expected = {fold(c): c for c in COLUMNS}
    found = [fold(c.strip()) for c in header]
    if len(header) == 1 and ("," in header[0] or "\t" in header[0]):
        raise CatalogImportError(
            [
                _(
                    "Ligne 1 : les colonnes doivent être séparées par des points-virgules "
                    "(;), comme dans le fichier exporté."
                )
            ]
        )
    errors = []
    missing = [expected[c] for c in expected if c not in found]
    unknown = [h.strip() for h, f in zip(header, found, strict=True) if f not in expected and f]
    doubled = sorted({expected[f] for f in found if f in expected and found.count(f) > 1})
    if missing:
        errors.append(
            _("Ligne 1 : colonnes manquantes : %(columns)s.")
            % {"columns": ", ".join(f"« {c} »" for c in missing)}
        )
    if unknown:
        errors.append(
            _("Ligne 1 : colonnes inconnues : %(columns)s.")
            % {"columns": ", ".join(f"« {c} »" for c in unknown)}
        )
    if doubled:
        errors.append(
            _("Ligne 1 : colonnes en double : %(columns)s.")
            % {"columns": ", ".join(f"« {c} »" for c in doubled)}
        )
    if errors:
        errors.append(
            _("La première ligne doit contenir les colonnes : %(columns)s.")
            % {"columns": " ; ".join(COLUMNS)}
        )
        raise CatalogImportError(errors)
    return {expected[f]: i for i, f in enumerate(found) if f in expected}


class _Resolver:
    """Category paths and INSEE codes of the seller's territory, loaded once."""

    def __init__(self, actor: Actor) -> None:
        with scopes_disabled():
            categories = list(
                Category.objects.filter(
                    territory_id=actor.territory_id, is_active=True
                ).select_related("parent")
            )
            self.communes = {
                c.insee_code: c for c in Commune.objects.filter(territory_id=actor.territory_id)
            }
        self.by_path: dict[str, Category] = {}
        by_name: dict[str, list[Category]] = {}
        for c in categories:
            path = f"{c.parent.name} > {c.name}" if c.parent else c.name
            self.by_path[sort_key(path.replace(">", " > "))] = c
            by_name.setdefault(sort_key(c.name), []).append(c)
        self.by_name = by_name

    def category(self, value: str) -> Category:
        text = value.strip()
        if not text:
            raise CatalogFieldError(_("Indiquez la catégorie."), field="category")
        key = sort_key(text.replace(">", " > "))
        if key in self.by_path:
            return self.by_path[key]
        matches = self.by_name.get(sort_key(text), [])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise CatalogFieldError(
                _(
                    "plusieurs catégories s'appellent « %(value)s » : écrivez "
                    "aussi la catégorie principale, par exemple « %(example)s »."
                )
                % {"value": text, "example": f"{matches[0].parent} > {matches[0].name}"},
                field="category",
            )
        raise CatalogFieldError(
            _(
                "la catégorie « %(value)s » n'existe pas sur le territoire : "
                "choisissez-en une de la liste affichée sur la page d'import."
            )
            % {"value": text},
            field="category",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )

    def commune(self, value: str) -> Commune | None:
        code = value.strip()
        if not code:
            return None
        if code not in self.communes:
            raise CatalogFieldError(
                _("la commune d'origine %(code)s n'est pas une commune du territoire.")
                % {"code": code},
                field="origin_commune",
                code=CatalogErrorCode.COMMUNE_OUTSIDE_TERRITORY,
            )
        return self.communes[code]


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.replace("|", LIST_SEPARATOR).split(LIST_SEPARATOR)]


def _parse_row(
    cells: dict[str, str], line: int, resolver: _Resolver, errors: list[str]
) -> _Row | None:
    offer: dict[str, Any] = {}
    variant: dict[str, Any] = {}
    count_before = len(errors)

    def check(target: dict[str, Any], key: str, clean: Callable[[], Any]) -> None:
        try:
            target[key] = clean()
        except CatalogFieldError as error:
            errors.append(_line_error(line, error.message))

    sku = ""
    try:
        sku = clean_sku(cells["sku"])
    except CatalogFieldError as error:
        errors.append(_line_error(line, error.message))
    check(offer, "name", lambda: clean_name(cells["nom"]))
    check(offer, "category", lambda: resolver.category(cells["catégorie"]))
    check(offer, "kind", lambda: clean_kind(cells["type"] or OfferKind.PRODUCT))
    check(offer, "description", lambda: clean_description(cells["description"]))
    check(offer, "unit", lambda: clean_unit(cells["unité"] or "piece"))
    check(offer, "vat_rate", lambda: _vat(cells["taux TVA"]))
    check(offer, "origin_commune", lambda: resolver.commune(cells["commune d'origine (INSEE)"]))
    check(offer, "labels", lambda: clean_labels(_split(cells["labels"])))
    check(offer, "allergens", lambda: clean_allergens(_split(cells["allergènes"])))
    check(variant, "label", lambda: clean_variant_label(cells["format"]))
    check(variant, "price", lambda: clean_price(cells["prix TTC"]))
    check(
        variant,
        "pro_price",
        lambda: clean_price(cells["prix pro"], field="pro_price", required=False),
    )
    tracked_text = cells["stock suivi"].strip()
    default_tracked = offer.get("kind", OfferKind.PRODUCT) == OfferKind.PRODUCT
    check(
        variant,
        "stock_tracked",
        lambda: (
            clean_flag(tracked_text, field="stock_tracked") if tracked_text else default_tracked
        ),
    )
    stock_text = cells["stock"].strip()
    check(variant, "stock", lambda: clean_stock(stock_text) if stock_text else None)
    if len(errors) > count_before:
        return None
    return _Row(line=line, sku=sku, offer=offer, variant=variant)


def _vat(value: str) -> Decimal:
    if not value.strip():
        raise CatalogFieldError(
            _("Indiquez le taux de TVA (%(rates)s).") % {"rates": vat_rates_text()},
            field="vat_rate",
        )
    return clean_vat_rate(value)


def _read_rows(text: str, resolver: _Resolver) -> tuple[list[_Row], list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER)
    try:
        header = next(reader)
    except StopIteration:
        raise CatalogImportError([_("Le fichier est vide.")]) from None
    except csv.Error:
        raise CatalogImportError([_("Ligne 1 : la ligne des colonnes est illisible.")]) from None
    columns = _header_map(header)
    rows: list[_Row] = []
    errors: list[str] = []
    seen = 0
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            errors.append(
                _line_error(
                    line,
                    _("Un guillemet n'est pas refermé : vérifiez le texte de cette ligne."),
                )
            )
            break
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        seen += 1
        if seen > MAX_LINES:
            raise CatalogImportError(
                [
                    _(
                        "Le fichier contient plus de 10 000 lignes : découpez-le en "
                        "plusieurs fichiers."
                    )
                ]
            )
        if len(cells) != len(header):
            errors.append(
                _line_error(
                    start,
                    _(
                        "%(found)s colonnes au lieu de %(expected)s : vérifiez les "
                        "points-virgules et les guillemets."
                    )
                    % {"found": len(cells), "expected": len(header)},
                )
            )
            continue
        row = _parse_row(
            {name: unquote_cell(cells[index]) for name, index in columns.items()},
            start,
            resolver,
            errors,
        )
        if row is not None:
            rows.append(row)
    if not rows and not errors:
        raise CatalogImportError([_("Le fichier ne contient aucune ligne de données.")])
    return rows, errors


def _group_rows(rows: list[_Row], *, actor: Actor, errors: list[str]) -> list[_Group]:
    with scopes_disabled():
        existing = {
            v.sku: v
            for v in OfferVariant.objects.filter(offer__actor=actor)
            .exclude(sku="")
            .select_related("offer")
        }
        offers_by_pk = {
            o.pk: o for o in Offer.objects.filter(actor=actor).defer("search_vector").order_by("pk")
        }
    offers_by_name: dict[str, Offer] = {}
    for known in offers_by_pk.values():
        offers_by_name.setdefault(known.sort_name, known)
    groups: dict[tuple[str, Any], _Group] = {}
    name_keys: dict[str, tuple[str, Any]] = {}
    first_line_of_sku: dict[str, int] = {}
    # Rows of known formats first: they decide which offer a (possibly new) name stands for.
    ordered = sorted(rows, key=lambda r: (r.sku not in existing, r.line))
    for row in ordered:
        if row.sku:
            if row.sku in first_line_of_sku:
                errors.append(
                    _line_error(
                        row.line,
                        _("La référence « %(sku)s » figure déjà ligne %(other)s.")
                        % {"sku": row.sku, "other": first_line_of_sku[row.sku]},
                    )
                )
                continue
            first_line_of_sku[row.sku] = row.line
        name = sort_key(row.offer["name"])
        variant = existing.get(row.sku) if row.sku else None
        key: tuple[str, Any]
        if variant is not None:
            row.existing = variant
            key = ("offer", variant.offer_id)
            name_keys.setdefault(name, key)
        elif name in name_keys:
            key = name_keys[name]
        elif name in offers_by_name:
            key = ("offer", offers_by_name[name].pk)
            name_keys[name] = key
        else:
            key = ("new", name)
            name_keys[name] = key
        group = groups.get(key)
        if group is None:
            target = offers_by_pk[int(key[1])] if key[0] == "offer" else None
            group = groups[key] = _Group(first=row, offer=target)
        else:
            different = [
                COLUMN_OF[c] for c in OFFER_COLUMNS if row.offer[c] != group.first.offer[c]
            ]
            if different:
                errors.append(
                    _line_error(
                        row.line,
                        _(
                            "Cette ligne décrit la même offre que la ligne %(other)s, avec "
                            "d'autres valeurs pour : %(columns)s. Les lignes d'une offre "
                            "portent les mêmes valeurs, seuls le format, les prix et le stock "
                            "changent."
                        )
                        % {"other": group.first.line, "columns": ", ".join(different)},
                    )
                )
                continue
        group.rows.append(row)
    by_offer: dict[int, list[OfferVariant]] = {}
    for known_variant in existing.values():
        by_offer.setdefault(known_variant.offer_id, []).append(known_variant)
    for group in groups.values():
        _check_format_names(group, by_offer.get(group.offer.pk, []) if group.offer else [], errors)
    return list(groups.values())


def _check_format_names(group: _Group, stored: list[OfferVariant], errors: list[str]) -> None:
    """Formats of one offer keep distinct names, counting those the file does not touch."""
    in_file = {r.existing.pk for r in group.rows if r.existing}
    names: dict[str, int | None] = {sort_key(v.label): None for v in stored if v.pk not in in_file}
    lines: dict[str, int] = {}
    for row in sorted(group.rows, key=lambda r: r.line):
        name = sort_key(row.variant["label"])
        if name in lines:
            message = _("L'offre a déjà un format « %(label)s » (ligne %(other)s).") % {
                "label": row.variant["label"],
                "other": lines[name],
            }
        elif name in names:
            message = _("L'offre a déjà un format « %(label)s ».") % {"label": row.variant["label"]}
        else:
            lines[name] = row.line
            continue
        errors.append(_line_error(row.line, message))


@transaction.atomic
def catalog_import_csv(*, actor: Actor, by: User, data: bytes) -> ImportReport:
    """Create or update the seller's offers and formats from a CSV file; all or nothing."""
    access_actor_catalog_as_editor(user=by, actor=actor)
    text = _decode(data)
    resolver = _Resolver(actor)
    rows, errors = _read_rows(text, resolver)
    _lock_actor(actor)
    groups = _group_rows(rows, actor=actor, errors=errors)
    if errors:
        errors.sort(key=_error_line)
        raise CatalogImportError(errors[:MAX_REPORTED_ERRORS])
    return _apply(actor=actor, groups=groups)


def _error_line(message: str) -> int:
    digits = "".join(c for c in message.split(" ", 1)[0] if c.isdigit())
    return int(digits) if digits else 0


def _apply(*, actor: Actor, groups: list[_Group]) -> ImportReport:
    report = ImportReport()
    with scopes_disabled():
        taken_skus = set(
            OfferVariant.objects.filter(offer__actor=actor)
            .exclude(sku="")
            .values_list("sku", flat=True)
        )
        taken_slugs = set(Offer.objects.filter(actor=actor).values_list("slug", flat=True))
        # Lock the formats that change, in a fixed order: orders may be taking their stock.
        existing_ids = sorted(r.existing.pk for g in groups for r in g.rows if r.existing)
        locked = {
            v.pk: v
            for v in OfferVariant.objects.select_for_update()
            .filter(pk__in=existing_ids)
            .order_by("pk")
        }
        positions = _next_positions([g.offer.pk for g in groups if g.offer])

        new_offers: list[tuple[Offer, _Group]] = []
        changed_offers: list[Offer] = []
        for group in groups:
            values = dict(group.first.offer)
            values["sort_name"] = sort_key(values["name"])
            current = group.offer
            if current is None:
                slug = _unique_slug(slugify(values["name"]) or "offre", taken_slugs, max_length=220)
                taken_slugs.add(slug)
                offer = Offer(
                    territory_id=actor.territory_id,
                    actor=actor,
                    slug=slug,
                    **values,
                )
                new_offers.append((offer, group))
            elif any(_stored(current, k) != _stored_value(v) for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                changed_offers.append(current)
        for offer, group in new_offers:
            offer.price_from = min(r.variant["price"] for r in group.rows)
        Offer.objects.bulk_create([o for o, _g in new_offers], batch_size=1000)
        # One UPDATE per changed row: bulk_update's CASE WHEN grows quadratic on SQLite.
        offer_fields = [*OFFER_COLUMNS, "sort_name"]
        now = timezone.now()
        for offer in changed_offers:
            Offer.objects.filter(pk=offer.pk).update(
                updated_at=now, **{name: getattr(offer, name) for name in offer_fields}
            )
        report.offers_created = len(new_offers)
        report.offers_updated = len(changed_offers)

        created: list[OfferVariant] = []
        updated: list[OfferVariant] = []
        pairs: list[tuple[Offer, _Group]] = list(new_offers)
        pairs += [(g.offer, g) for g in groups if g.offer is not None]
        for offer, group in pairs:
            for row in group.rows:
                v = dict(row.variant)
                if not v["stock_tracked"]:
                    v["stock"] = 0
                if row.existing is not None:
                    variant = locked[row.existing.pk]
                    if v["stock"] is None:
                        v["stock"] = variant.stock
                    if any(getattr(variant, k) != val for k, val in v.items()):
                        for k, val in v.items():
                            setattr(variant, k, val)
                        updated.append(variant)
                    continue
                if v["stock"] is None:
                    v["stock"] = 0
                sku = row.sku or _auto_sku(offer.name, v["label"], taken_skus)
                taken_skus.add(sku)
                position = positions.get(offer.pk, 0)
                positions[offer.pk] = position + 1
                created.append(
                    OfferVariant(
                        territory_id=actor.territory_id,
                        offer=offer,
                        sku=sku,
                        position=position,
                        **v,
                    )
                )
        OfferVariant.objects.bulk_create(created, batch_size=1000)
        if updated:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "UPDATE catalog_offervariant SET label = %s, price = %s, pro_price = %s, "
                    "stock_tracked = %s, stock = %s WHERE id = %s",
                    [
                        (v.label, v.price, v.pro_price, v.stock_tracked, v.stock, v.pk)
                        for v in updated
                    ],
                )
        report.variants_created = len(created)
        report.variants_updated = len(updated)
        # Only the offers that changed: re-importing an unchanged file writes nothing.
        touched = {o.pk for o, _g in new_offers} | {o.pk for o in changed_offers}
        touched |= {v.offer_id for v in created} | {v.offer_id for v in updated}
        _refresh_price_from(touched)
        offers_reindex(offer_ids=touched)
    return report


def _stored(offer: Offer, name: str) -> Any:
    """The stored value of a field, a foreign key as its id (no query)."""
    if name in ("category", "origin_commune"):
        return getattr(offer, f"{name}_id")
    return getattr(offer, name)


def _stored_value(value: Any) -> Any:
    return value.pk if isinstance(value, Category | Commune) else value


def _next_positions(offer_ids: list[int]) -> dict[int, int]:
    return {
        row["offer_id"]: row["last"] + 1
        for row in OfferVariant.objects.filter(offer_id__in=offer_ids)
        .values("offer_id")
        .annotate(last=Max("position"))
    }
