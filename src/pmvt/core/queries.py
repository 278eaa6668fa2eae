"""Small query helpers for the hot paths."""

from typing import TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def only_row(queryset: QuerySet[M]) -> M | None:
    """The row a unique filter matches, or None.

    `.first()` would add an ORDER BY for the database to sort one row, and for Django to
    build on every call: on the pages that run most (add to cart, checkout) that cost more
    than the query itself.
    """
    return next(iter(queryset[:1]), None)
