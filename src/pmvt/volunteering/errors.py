"""Error codes of volunteering (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum
from typing import Any

from pmvt.core.exceptions import ApplicationError


class VolunteeringErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    INVALID_STATE = "invalid_state"
    NOT_SIGNED_UP = "not_signed_up"


class MissionFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form shows the message beside it."""

    def __init__(self, message: Any, *, field: str) -> None:
        super().__init__(message, code=VolunteeringErrorCode.INVALID_FIELD)
        self.field = field
