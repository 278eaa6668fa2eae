"""Error codes of workshops (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum
from typing import Any

from pmvt.core.exceptions import ApplicationError


class WorkshopErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    INVALID_PHASE = "invalid_phase"
    TOO_MANY_DOTS = "too_many_dots"


class WorkshopFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form shows the message beside it."""

    def __init__(self, message: Any, *, field: str) -> None:
        super().__init__(message, code=WorkshopErrorCode.INVALID_FIELD)
        self.field = field


class PhaseError(ApplicationError):
    """The action does not belong to the workshop's current phase."""

    def __init__(self, message: Any) -> None:
        super().__init__(message, code=WorkshopErrorCode.INVALID_PHASE)
