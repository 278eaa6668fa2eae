"""The moderation queue of a territory: content to publish, reported content, the log."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.community.access import access_moderation_queue
from pmvt.community.forms import ModerationForm
from pmvt.community.models import ModerationDecision
from pmvt.community.selectors import (
    QueueEntry,
    QueueTab,
    content_of,
    moderation_log,
    queue_counts,
    queue_entries,
    queue_rows,
)
from pmvt.community.services.moderation import content_moderate
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

ENTRIES_PER_PAGE = 20
LOG_PER_PAGE = 30
TAB_URLS = {
    QueueTab.PENDING: "community:queue",
    QueueTab.REPORTED: "community:queue_reported",
    "log": "community:queue_log",
}


def _tabs(territory: Territory, current: str) -> list[dict[str, object]]:
    counts = queue_counts(territory=territory)
    return [
        {
            "label": _("À publier"),
            "count": counts[QueueTab.PENDING],
            "url": reverse(TAB_URLS[QueueTab.PENDING], kwargs={"territory_slug": territory.slug}),
            "current": current == QueueTab.PENDING,
        },
        {
            "label": _("Signalés"),
            "count": counts[QueueTab.REPORTED],
            "url": reverse(TAB_URLS[QueueTab.REPORTED], kwargs={"territory_slug": territory.slug}),
            "current": current == QueueTab.REPORTED,
        },
        {
            "label": _("Journal"),
            "count": None,
            "url": reverse(TAB_URLS["log"], kwargs={"territory_slug": territory.slug}),
            "current": current == "log",
        },
    ]


def _trail(territory: Territory, label: str) -> list[tuple[str, str]]:
    return breadcrumbs(
        territory,
        (_("Modération"), reverse("community:queue", kwargs={"territory_slug": territory.slug})),
        (label, ""),
    )


def _with_forms(entries: list[QueueEntry]) -> list[tuple[QueueEntry, ModerationForm]]:
    return [
        (
            entry,
            ModerationForm(
                visibility=entry.content.visibility,
                has_reports=bool(entry.reports),
                prefix=f"d{entry.key}",
            ),
        )
        for entry in entries
    ]


def _queue(request: HttpRequest, tab: QueueTab) -> HttpResponse:
    territory = require_territory(request)
    access_moderation_queue(user=request.user, territory=territory)
    rows = queue_rows(territory=territory, tab=tab)
    page_obj = Paginator(rows, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    entries = queue_entries(territory=territory, rows=page_obj.object_list)
    label = _("À publier") if tab == QueueTab.PENDING else _("Signalés")
    return render(
        request,
        "community/queue.html",
        {
            "territory": territory,
            "current_door": "values",
            "tab": tab.value,
            "tab_label": label,
            "tabs": _tabs(territory, tab),
            "page_obj": page_obj,
            "items": _with_forms(entries),
            "breadcrumb_items": _trail(territory, label),
        },
    )


def queue(request: HttpRequest, territory_slug: str) -> HttpResponse:
    return _queue(request, QueueTab.PENDING)


def queue_reported(request: HttpRequest, territory_slug: str) -> HttpResponse:
    return _queue(request, QueueTab.REPORTED)


def queue_log(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_moderation_queue(user=request.user, territory=territory)
    page_obj = Paginator(moderation_log(territory=territory), LOG_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "community/queue_log.html",
        {
            "territory": territory,
            "current_door": "values",
            "tab": "log",
            "tabs": _tabs(territory, "log"),
            "page_obj": page_obj,
            "breadcrumb_items": _trail(territory, _("Journal")),
        },
    )


def decide(
    request: HttpRequest, territory_slug: str, content_type_id: int, object_id: int
) -> HttpResponse:
    """One content and its decision form; the queue's inline forms post here too."""
    territory = require_territory(request)
    access_moderation_queue(user=request.user, territory=territory)
    content = content_of(territory=territory, content_type_id=content_type_id, object_id=object_id)
    if content is None:
        raise Http404
    entry = queue_entries(territory=territory, rows=[(content_type_id, object_id)])[0]
    back = request.POST.get("tab") or request.GET.get("tab") or QueueTab.PENDING
    if back not in TAB_URLS:
        back = QueueTab.PENDING
    form = ModerationForm(
        request.POST if request.method == "POST" else None,
        visibility=content.visibility,
        has_reports=bool(entry.reports),
        prefix=f"d{entry.key}",
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = content_moderate(
                moderator=request.user,
                content=content,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("Décision enregistrée (%(decision)s) : l'auteur en est informé.")
                % {"decision": ModerationDecision(action.decision).label},
            )
            return redirect(TAB_URLS[back], territory_slug=territory.slug)
    return render(
        request,
        "community/decide.html",
        {
            "territory": territory,
            "current_door": "values",
            "entry": entry,
            "form": form,
            "tab": back,
            "breadcrumb_items": _trail(territory, entry.title),
        },
        status=400 if request.method == "POST" else 200,
    )
