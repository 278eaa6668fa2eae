"""Turn permission errors raised by access helpers into a login redirect or a 403 page."""

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pmvt.core.exceptions import PermissionDeniedError


class PermissionErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PermissionDeniedError):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return render(request, "403.html", {"reason": exception.message}, status=403)
