"""Error codes of the clubs area (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum


class ClubErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    ALREADY_MEMBER = "already_member"
    NOT_MEMBER = "not_member"
    INVALID_TRANSITION = "invalid_transition"
    REASON_REQUIRED = "reason_required"
    THREAD_LOCKED = "thread_locked"
    NOT_A_QUESTION = "not_a_question"
    INVALID_DOCUMENT = "invalid_document"
    EVENT_UNAVAILABLE = "event_unavailable"
    LAST_MODERATOR = "last_moderator"
