"""Territory admins and the operator must have two-factor authentication to use their powers."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from pmvt.accounts.access import has_two_factor, needs_two_factor

PROTECTED_MARKERS = ("/gestion/", "/moderation/")


def is_back_office_path(path: str) -> bool:
    if path.startswith("/admin/"):
        return True
    return path.startswith("/t/") and any(marker in path for marker in PROTECTED_MARKERS)


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and is_back_office_path(request.path_info)
            and needs_two_factor(user)
            and not has_two_factor(user)
        ):
            messages.warning(
                request,
                _(
                    "Votre rôle donne accès à la gestion : activez d'abord la double "
                    "authentification (application TOTP)."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
