"""Helpers the ideas' services share: field errors, text cleaning, free slugs."""

import re
import unicodedata
from typing import Any

from django.db.models import Model
from django.utils.text import slugify

from pmvt.core.exceptions import ApplicationError
from pmvt.ideas.errors import IdeaErrorCode


class IdeaFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form can show the message beside it."""

    def __init__(
        self, message: Any, *, field: str, code: str = IdeaErrorCode.INVALID_FIELD
    ) -> None:
        super().__init__(message, code=code)
        self.field = field


# Collapse spaces and line breaks, but keep the non-breaking spaces of French typography.
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def one_line(value: object) -> str:
    return _SPACES.sub(" ", str(value or "")).strip(" ")


def text_block(value: object) -> str:
    """Trim a multi-line text and normalise its line breaks."""
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def free_slug(
    *, model: type[Model], scope: dict[str, Any], title: str, fallback: str, reserved: set[str]
) -> str:
    """A slug made of the title, unused in `scope` (…-2, …-3 when taken)."""
    dashed = "".join("-" if unicodedata.category(c) == "Pd" else c for c in title)
    base = slugify(dashed)[:100].strip("-") or fallback
    if base in reserved:
        base = f"{fallback}-{base}"
    taken = set(
        model._default_manager.filter(**scope, slug__startswith=base).values_list("slug", flat=True)
    )
    return next(
        slug
        for slug in [base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))]
        if slug not in taken
    )
