"""Error codes of the news area (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum


class NewsErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    INVALID_IMAGE = "invalid_image"
    NOT_EDITABLE = "not_editable"
