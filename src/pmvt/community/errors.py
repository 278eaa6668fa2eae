"""Error codes of the community area (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum


class CommunityErrorCode(StrEnum):
    NOT_MODERATED = "not_moderated"
    ALREADY_REPORTED = "already_reported"
    OWN_CONTENT = "own_content"
    INVALID_REASON = "invalid_reason"
    DETAILS_REQUIRED = "details_required"
    DETAILS_TOO_LONG = "details_too_long"
    NOT_REPORTABLE = "not_reportable"
    INVALID_DECISION = "invalid_decision"
    DECISION_NOT_ALLOWED = "decision_not_allowed"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    INVALID_SETTING = "invalid_setting"
    INVALID_THEME = "invalid_theme"
