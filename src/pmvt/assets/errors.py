"""Error codes of assets (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum
from typing import Any

from pmvt.core.exceptions import ApplicationError


class AssetErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    INVALID_STATE = "invalid_state"
    TOO_MANY_PHOTOS = "too_many_photos"
    BOOKING_OVERLAP = "booking_overlap"
    BOOKING_PERIOD = "booking_period"


class AssetFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form shows the message beside it."""

    def __init__(self, message: Any, *, field: str) -> None:
        super().__init__(message, code=AssetErrorCode.INVALID_FIELD)
        self.field = field


class AssetStateError(ApplicationError):
    """The asset or the booking is not in a state that allows this step."""

    def __init__(self, message: Any) -> None:
        super().__init__(message, code=AssetErrorCode.INVALID_STATE)


class BookingPeriodError(ApplicationError):
    """The requested period is not possible (past, too long, outside the availability…)."""

    def __init__(self, message: Any, *, field: str = "") -> None:
        super().__init__(message, code=AssetErrorCode.BOOKING_PERIOD)
        self.field = field


class BookingOverlapError(ApplicationError):
    """Another accepted booking holds (part of) the period."""

    def __init__(self, message: Any) -> None:
        super().__init__(message, code=AssetErrorCode.BOOKING_OVERLAP)
        self.field = ""
