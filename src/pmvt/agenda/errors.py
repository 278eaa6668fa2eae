"""Error codes of the agenda (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum
from typing import Any

from pmvt.core.exceptions import ApplicationError


class AgendaErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    ALREADY_REGISTERED = "already_registered"
    NOT_REGISTERED = "not_registered"
    FULL = "full"
    CLOSED = "closed"


class EventFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form shows the message beside it."""

    def __init__(self, message: Any, *, field: str) -> None:
        super().__init__(message, code=AgendaErrorCode.INVALID_FIELD)
        self.field = field
