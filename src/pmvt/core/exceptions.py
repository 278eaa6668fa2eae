"""Typed application errors: services raise them, views turn them into French messages."""

from django.utils.functional import Promise


class ApplicationError(Exception):
    """Base of every error a service raises on purpose; `message` is shown to the user."""

    def __init__(self, message: str | Promise, *, code: str = "error") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


class PermissionDeniedError(ApplicationError):
    """The user may not do this; views answer 403 (or 404 where existence must stay hidden)."""
