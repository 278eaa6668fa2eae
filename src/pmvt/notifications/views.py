"""Inbox (per territory), preferences (per account), unsubscribe (from an email, no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.notifications.access import access_inbox, access_notification_as_recipient
from pmvt.notifications.context_processors import unread_for_request
from pmvt.notifications.forms import PreferencesForm, UnsubscribeForm, UnsubscribeScope
from pmvt.notifications.kinds import is_mandatory, kind_get
from pmvt.notifications.links import unsubscribe_token_read
from pmvt.notifications.selectors import notification_inbox, preference_page, unread_elsewhere
from pmvt.notifications.services.inbox import (
    notification_mark_read,
    notifications_mark_all_read,
)
from pmvt.notifications.services.preferences import notifications_unsubscribe, preferences_save
from pmvt.territories.middleware import require_territory

NOTIFICATIONS_PER_PAGE = 20


def _inbox_url(territory_slug: str) -> str:
    return reverse("notifications:inbox", kwargs={"territory_slug": territory_slug})


def inbox(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    user = access_inbox(user=request.user)
    page_obj = Paginator(
        notification_inbox(user=user, territory=territory), NOTIFICATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    unread_here = unread_for_request(request)
    return render(
        request,
        "notifications/inbox.html",
        {
            "territory": territory,
            "current_page": "notifications",
            "page_obj": page_obj,
            "querystring_base": "",
            "unread_here": unread_here,
            "elsewhere": unread_elsewhere(user=user, territory=territory),
            "breadcrumb_items": breadcrumbs(territory, (_("Mes notifications"), "")),
        },
    )


def notification_open(
    request: HttpRequest, territory_slug: str, notification_id: int
) -> HttpResponse:
    """Follow a notification: mark it read, then go where it points (or back to the inbox)."""
    territory = require_territory(request)
    notification = access_notification_as_recipient(
        user=request.user, territory=territory, notification_id=notification_id
    )
    notification_mark_read(notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = _inbox_url(territory.slug)
    return redirect(target)


@require_POST
def mark_all_read(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    user = access_inbox(user=request.user)
    count = notifications_mark_all_read(user=user, territory=territory)
    if count:
        messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect(_inbox_url(territory.slug))


@login_required
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    rows, mandatory = preference_page(user=request.user)
    form = PreferencesForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            preferences_save(user=request.user, modes=form.modes())
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Vos préférences de notification sont enregistrées."))
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "mandatory_kinds": mandatory,
            "breadcrumb_items": breadcrumbs(
                None,
                (_("Mon compte"), reverse("accounts:my_data")),
                (_("Mes notifications"), ""),
            ),
        },
    )


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/unsubscribe_invalid.html", status=400)


@csrf_exempt  # The signed token is the proof; mail providers post one-click without a form.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (mail scanners follow links: nothing changes); POST applies (RFC 8058 too)."""
    unsubscription = unsubscribe_token_read(token)
    user = None
    if unsubscription is not None:
        user = User.objects.filter(
            pk=unsubscription.user_id, is_active=True, erased_at__isnull=True
        ).first()
    if unsubscription is None or user is None:
        return _invalid_link(request)
    kind = kind_get(unsubscription.kind) if unsubscription.kind else None
    kind_label = "" if kind is None or is_mandatory(kind.key) else str(kind.label)
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        # A kind no longer registered cannot be named on the page: stop every optional email.
        notifications_unsubscribe(user=user, kind=kind.key if kind_label and kind else "")
        return render(request, "notifications/unsubscribe_done.html", {"kind_label": kind_label})
    form = UnsubscribeForm(request.POST or None, kind_label=kind_label)
    if request.method == "POST" and form.is_valid():
        one_kind = form.cleaned_data["scope"] == UnsubscribeScope.KIND
        notifications_unsubscribe(user=user, kind=kind.key if one_kind and kind else "")
        return render(
            request,
            "notifications/unsubscribe_done.html",
            {"kind_label": kind_label if one_kind else ""},
        )
    return render(
        request,
        "notifications/unsubscribe.html",
        {"form": form, "email": user.email, "kind_label": kind_label},
    )
