"""Error codes of the ideas area (ApplicationError.code), so callers can tell errors apart."""

from enum import StrEnum


class IdeaErrorCode(StrEnum):
    INVALID_FIELD = "invalid_field"
    CAMPAIGN_CLOSED = "campaign_closed"
    ALREADY_SUPPORTED = "already_supported"
    NOT_SUPPORTED = "not_supported"
    OWN_IDEA = "own_idea"
    INVALID_TRANSITION = "invalid_transition"
    ANSWER_REQUIRED = "answer_required"
    NOT_PUBLISHED = "not_published"
