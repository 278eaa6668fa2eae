"""The territory's product taxonomy, kept by its administrators (two levels).

Invariant: no offer on sale sits in a deactivated category, and an active subcategory always
has an active parent (sellers only see active categories, see forms.active_category_tree).
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pmvt.accounts.access import access_territory_as_admin
from pmvt.accounts.models import User
from pmvt.catalog.cache import catalog_changed
from pmvt.catalog.errors import CatalogErrorCode, CatalogFieldError
from pmvt.catalog.models import Category, Offer
from pmvt.catalog.services.offers import category_create, offers_reindex
from pmvt.catalog.text import sort_key
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Territory

MAX_POSITION = 999


def _clean_name(name: str) -> str:
    name = " ".join(str(name or "").split())
    if not name or len(name) > 120:
        raise CatalogFieldError(
            _("Indiquez le nom de la catégorie (120 caractères au plus)."), field="name"
        )
    return name


def _clean_position(position: int) -> int:
    if not isinstance(position, int) or isinstance(position, bool):
        position = -1
    if not 0 <= position <= MAX_POSITION:
        raise CatalogFieldError(
            _("L'ordre est un nombre entier de 0 à %(max)s.") % {"max": MAX_POSITION},
            field="position",
        )
    return position


def _clean_parent(category: Category, parent: Category | None) -> Category | None:
    if parent is None:
        return None
    if parent.territory_id != category.territory_id or parent.parent_id is not None:
        raise CatalogFieldError(
            _("Choisissez comme parente une catégorie principale du territoire."),
            field="parent",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    if parent.pk == category.pk:
        raise CatalogFieldError(
            _("Une catégorie ne peut pas être rangée dans elle-même."),
            field="parent",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    if Category.objects.filter(parent=category).exists():
        raise CatalogFieldError(
            _(
                "Cette catégorie a des sous-catégories, elle reste une catégorie principale "
                "(deux niveaux au plus)."
            ),
            field="parent",
            code=CatalogErrorCode.CATEGORY_TOO_DEEP,
        )
    if category.is_active and not parent.is_active:
        raise CatalogFieldError(
            _("La catégorie principale « %(name)s » est désactivée.") % {"name": parent.name},
            field="parent",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    return parent


def _reindex_offers_of(category: Category) -> None:
    """Category and parent names are search keywords of the offers filed under them."""
    offer_ids = Offer.objects.filter(
        Q(category=category) | Q(category__parent=category)
    ).values_list("pk", flat=True)
    offers_reindex(offer_ids=list(offer_ids))


@transaction.atomic
def category_add(
    *,
    territory: Territory,
    by: User,
    name: str,
    parent: Category | None = None,
    position: int | None = None,
) -> Category:
    """A new category, by a territory admin (placed last among its siblings by default)."""
    access_territory_as_admin(user=by, territory=territory)
    if parent is not None and not parent.is_active:
        raise CatalogFieldError(
            _("La catégorie principale « %(name)s » est désactivée.") % {"name": parent.name},
            field="parent",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    clean_position = None if position is None else _clean_position(position)
    category = category_create(territory=territory, name=name, parent=parent)
    if clean_position is not None:
        category.position = clean_position
        category.save(update_fields=["position"])
    catalog_changed(territory_ids=[territory.pk])
    return category


@transaction.atomic
def category_update(
    *, category: Category, by: User, name: str, parent: Category | None, position: int
) -> Category:
    """Rename, move (under another top category, or to the top) and reorder a category.

    Offers filed under it are reindexed when its name or place changes.
    """
    access_territory_as_admin(user=by, territory=category.territory)
    name = _clean_name(name)
    parent = _clean_parent(category, parent)
    position = _clean_position(position)
    parent_id = parent.pk if parent else None
    siblings = Category.objects.filter(territory=category.territory, parent_id=parent_id).exclude(
        pk=category.pk
    )
    if any(sort_key(n) == sort_key(name) for n in siblings.values_list("name", flat=True)):
        raise CatalogFieldError(
            _("La catégorie « %(name)s » existe déjà à cet endroit.") % {"name": name},
            field="name",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    moved = (name, parent_id) != (category.name, category.parent_id)
    if moved or position != category.position:
        category.name, category.parent, category.position = name, parent, position
        category.save(update_fields=["name", "parent", "position"])
        if moved:
            _reindex_offers_of(category)
        catalog_changed(territory_ids=[category.territory_id])
    return category


@transaction.atomic
def category_deactivate(*, category: Category, by: User) -> Category:
    """Stop offering a category to sellers. Refused while an offer on sale uses it."""
    access_territory_as_admin(user=by, territory=category.territory)
    if Category.objects.filter(parent=category, is_active=True).exists():
        raise ApplicationError(
            _("Désactivez d'abord les sous-catégories de « %(name)s ».") % {"name": category.name},
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    on_sale = Offer.objects.filter(category=category, is_active=True).count()
    if on_sale:
        raise ApplicationError(
            ngettext(
                "Une offre en vente est rangée dans « %(name)s » : son vendeur doit "
                "d'abord la ranger ailleurs ou la retirer de la vente.",
                "%(count)s offres en vente sont rangées dans « %(name)s » : leurs "
                "vendeurs doivent d'abord les ranger ailleurs ou les retirer de la vente.",
                on_sale,
            )
            % {"count": on_sale, "name": category.name},
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    if category.is_active:
        category.is_active = False
        category.save(update_fields=["is_active"])
        catalog_changed(territory_ids=[category.territory_id])
    return category


@transaction.atomic
def category_activate(*, category: Category, by: User) -> Category:
    """Offer a deactivated category to sellers again."""
    access_territory_as_admin(user=by, territory=category.territory)
    if category.parent is not None and not category.parent.is_active:
        raise ApplicationError(
            _("Réactivez d'abord la catégorie principale « %(name)s ».")
            % {"name": category.parent.name},
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    if not category.is_active:
        category.is_active = True
        category.save(update_fields=["is_active"])
        catalog_changed(territory_ids=[category.territory_id])
    return category


@transaction.atomic
def category_delete(*, category: Category, by: User) -> None:
    """Delete a category no offer ever used. Otherwise it can only be deactivated."""
    access_territory_as_admin(user=by, territory=category.territory)
    if Category.objects.filter(parent=category).exists():
        raise ApplicationError(
            _("Cette catégorie contient des sous-catégories, supprimez-les d'abord."),
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    used = Offer.objects.filter(category=category).count()
    if used:
        raise ApplicationError(
            ngettext(
                "Une offre est rangée dans cette catégorie : désactivez-la plutôt.",
                "%(count)s offres sont rangées dans cette catégorie : désactivez-la plutôt.",
                used,
            )
            % {"count": used},
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    territory_id = category.territory_id
    category.delete()
    catalog_changed(territory_ids=[territory_id])
