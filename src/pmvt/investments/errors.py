"""Error codes of the investments area (ApplicationError.code), so callers can tell them apart."""

from enum import StrEnum

from pmvt.core.exceptions import ApplicationError


class InvestmentErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    INVALID_DOCUMENT = "invalid_document"
    INVALID_TRANSITION = "invalid_transition"
    CALL_NOT_OPEN = "call_not_open"
    SLUG_TAKEN = "slug_taken"


class InvestmentFieldError(ApplicationError):
    """Bad input for one field: the form shows the message beside that field."""

    def __init__(self, message, *, field: str, code: str = InvestmentErrorCode.INVALID_FIELD):
        super().__init__(message, code=code)
        self.field = field
