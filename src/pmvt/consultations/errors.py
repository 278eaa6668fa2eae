"""Error codes of the consultations area (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum


class ConsultationErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    STRUCTURE_FROZEN = "structure_frozen"
    NOT_OPEN = "not_open"
    CLOSED = "closed"
    NO_QUESTION = "no_question"
    INVALID_RESPONSE = "invalid_response"
    CONCURRENT_RESPONSE = "concurrent_response"
