"""Error codes of the jobs area, and the error that names the form field at fault."""

from enum import StrEnum

from django.utils.functional import Promise

from pmvt.core.exceptions import ApplicationError


class JobErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    NOT_PUBLISHABLE = "not_publishable"
    INVALID_TRANSITION = "invalid_transition"
    OFFER_CLOSED = "offer_closed"
    ALREADY_APPLIED = "already_applied"
    INVALID_CV = "invalid_cv"


class JobFieldError(ApplicationError):
    """Bad input in one field: forms show the message beside it."""

    def __init__(self, message: str | Promise, *, field: str) -> None:
        super().__init__(message, code=JobErrorCode.INVALID_FIELD)
        self.field = field
