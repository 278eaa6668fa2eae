"""Error codes of the aids area (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum


class AidErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    INVALID_DOCUMENT = "invalid_document"
    SLUG_TAKEN = "slug_taken"
