"""Error codes of the Maison (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum
from typing import Any

from pmvt.core.exceptions import ApplicationError


class MaisonErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    INVALID_STATE = "invalid_state"
    ALREADY_INVITED = "already_invited"


class InvitationError(ApplicationError):
    """The invitation cannot be sent or answered as asked (state, kind, duplicate)."""

    def __init__(self, message: Any, *, code: str = MaisonErrorCode.INVALID_STATE) -> None:
        super().__init__(message, code=code)


class HoursFieldError(ApplicationError):
    """Bad value for one field of recorded hours: `field` names it for the form."""

    def __init__(self, message: Any, *, field: str) -> None:
        super().__init__(message, code=MaisonErrorCode.INVALID_FIELD)
        self.field = field
