"""Reads of the taxonomy for its keepers (the territory back office)."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from pmvt.catalog.models import Category
from pmvt.territories.models import Territory

TOPS_PER_PAGE = 20


@dataclass(frozen=True)
class CategoryTreePage:
    """One page of top categories, each with its subcategories, all with their offer counts."""

    page_obj: Page
    tree: list[tuple[Category, list[Category]]]


def _with_counts(queryset: QuerySet[Category]) -> QuerySet[Category]:
    return queryset.annotate(
        offer_count=Count("offers"),
        on_sale_count=Count("offers", filter=Q(offers__is_active=True)),
    ).order_by("position", "name", "pk")


def category_tree_page(*, territory: Territory, page: str | int | None = 1) -> CategoryTreePage:
    """Top categories paginated; their children in one more query, whatever their number."""
    tops = _with_counts(Category.objects.filter(territory=territory, parent__isnull=True))
    page_obj = Paginator(tops, TOPS_PER_PAGE).get_page(page)
    top_ids = [c.pk for c in page_obj.object_list]
    children: dict[int, list[Category]] = {}
    if top_ids:
        for child in _with_counts(Category.objects.filter(parent_id__in=top_ids)):
            assert child.parent_id is not None
            children.setdefault(child.parent_id, []).append(child)
    return CategoryTreePage(
        page_obj=page_obj, tree=[(top, children.get(top.pk, [])) for top in page_obj.object_list]
    )


def category_of_territory(*, territory: Territory, category_id: int) -> Category | None:
    return (
        Category.objects.filter(territory=territory, pk=category_id)
        .select_related("parent")
        .first()
    )
