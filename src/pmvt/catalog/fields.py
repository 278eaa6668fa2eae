"""A JSON list of codes from a controlled vocabulary, filterable on one code on every database."""

from typing import Any

from django.db import models
from django.db.models import Lookup


class CodeListField(models.JSONField):
    """A JSON list of short codes, e.g. ["bio", "aop"]; filter with `labels__has_code="bio"`."""


@CodeListField.register_lookup
class HasCode(Lookup):
    """True when the list contains the code (PostgreSQL: jsonb `?`; SQLite: the JSON text)."""

    lookup_name = "has_code"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if not isinstance(self.rhs, str):
            raise TypeError("has_code expects one code (a string).")
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"({lhs} ? %s)", [*lhs_params, self.rhs]
        # SQLite stores the list as JSON text, e.g. ["bio", "aop"]: look for the quoted code.
        # Codes are plain identifiers (no quote, no backslash), so this is exact, and much
        # cheaper than json_each() on every row of a facet count.
        if not self.rhs.replace("_", "").isalnum():
            raise ValueError("has_code expects an identifier-like code.")
        return f"(instr({lhs}, %s) > 0)", [*lhs_params, f'"{self.rhs}"']
