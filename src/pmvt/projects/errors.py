"""Error codes of collective projects (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum
from typing import Any

from pmvt.core.exceptions import ApplicationError


class ProjectErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    INVALID_STATE = "invalid_state"
    TEAM = "team"


class ProjectFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form shows the message beside it."""

    def __init__(self, message: Any, *, field: str) -> None:
        super().__init__(message, code=ProjectErrorCode.INVALID_FIELD)
        self.field = field


class ProjectStateError(ApplicationError):
    """The project (or need, or milestone) is not in a state that allows this change."""

    def __init__(self, message: Any) -> None:
        super().__init__(message, code=ProjectErrorCode.INVALID_STATE)


class TeamError(ApplicationError):
    """A change of the team that would break it (the last carrier leaving, a stranger…)."""

    def __init__(self, message: Any) -> None:
        super().__init__(message, code=ProjectErrorCode.TEAM)
