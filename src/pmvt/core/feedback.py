"""Tell the person how a write asked from a page went, as a message on the next page."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError


def run_and_flash(request: HttpRequest, call: Callable[[], object], success: str) -> None:
    """Call the service; flash `success`, or the service's error message.

    A PermissionDeniedError is not a message: it propagates, and the page answers 403.
    """
    try:
        call()
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
