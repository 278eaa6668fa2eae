"""Error codes of skills (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum
from typing import Any

from pmvt.core.exceptions import ApplicationError


class SkillsErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    DUPLICATE_TERM = "duplicate_term"
    NATIONAL_TERM = "national_term"
    DUPLICATE_REQUEST = "duplicate_request"
    INVALID_STATE = "invalid_state"


class SkillsFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form shows the message beside it."""

    def __init__(self, message: Any, *, field: str) -> None:
        super().__init__(message, code=SkillsErrorCode.INVALID_FIELD)
        self.field = field
