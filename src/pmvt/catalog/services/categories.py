"""The territory's product taxonomy, kept by its administrators (two levels)."""

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


def _clean_name(name: str) -> str:
    name = " ".join(str(name or "").split())
    if not name or len(name) > 120:
        raise CatalogFieldError(
            _("Indiquez le nom de la catégorie (120 caractères au plus)."), field="name"
        )
    return name


@transaction.atomic
def category_add(
    *, territory: Territory, by: User, name: str, parent: Category | None = None
) -> Category:
    """A new category, by a territory admin."""
    access_territory_as_admin(user=by, territory=territory)
    category = category_create(territory=territory, name=name, parent=parent)
    catalog_changed(territory_ids=[territory.pk])
    return category


@transaction.atomic
def category_rename(*, category: Category, by: User, name: str) -> Category:
    """Rename a category; its offers are reindexed (the name is a search keyword)."""
    access_territory_as_admin(user=by, territory=category.territory)
    name = _clean_name(name)
    siblings = Category.objects.filter(
        territory=category.territory, parent_id=category.parent_id
    ).exclude(pk=category.pk)
    if any(sort_key(n) == sort_key(name) for n in siblings.values_list("name", flat=True)):
        raise CatalogFieldError(
            _("La catégorie « %(name)s » existe déjà à cet endroit.") % {"name": name},
            field="name",
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    if name != category.name:
        category.name = name
        category.save(update_fields=["name"])
        offer_ids = Offer.objects.filter(
            Q(category=category) | Q(category__parent=category)
        ).values_list("pk", flat=True)
        offers_reindex(offer_ids=list(offer_ids))
        catalog_changed(territory_ids=[category.territory_id])
    return category


@transaction.atomic
def category_delete(*, category: Category, by: User) -> None:
    """Delete an empty category. One that holds offers or subcategories is refused."""
    access_territory_as_admin(user=by, territory=category.territory)
    if Category.objects.filter(parent=category).exists():
        raise ApplicationError(
            _("Cette catégorie contient des sous-catégories : supprimez-les d'abord."),
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    used = Offer.objects.filter(category=category).count()
    if used:
        raise ApplicationError(
            ngettext(
                "Une offre est rangée dans cette catégorie : son vendeur doit d'abord la "
                "ranger ailleurs.",
                "%(count)s offres sont rangées dans cette catégorie : leurs vendeurs doivent "
                "d'abord les ranger ailleurs.",
                used,
            )
            % {"count": used},
            code=CatalogErrorCode.INVALID_CATEGORY,
        )
    category.delete()
    catalog_changed(territory_ids=[category.territory_id])
