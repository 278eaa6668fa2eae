"""What the agenda's pages share: finding an event, the breadcrumbs, the query string."""

from typing import Any

from django.http import Http404, HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.agenda.access import can_create_event, can_view_event
from pmvt.agenda.models import Event
from pmvt.agenda.selectors import event_page
from pmvt.core.navigation import breadcrumbs, values_trail
from pmvt.territories.models import Territory


def event_or_404(request: HttpRequest, territory: Territory, event_slug: str) -> Event:
    event = event_page(territory=territory, slug=event_slug)
    if event is None or not can_view_event(user=request.user, event=event):
        raise Http404
    return event


def agenda_trail(territory: Territory) -> tuple[str, str]:
    return (_("Agenda"), reverse("agenda:list", kwargs={"territory_slug": territory.slug}))


def agenda_breadcrumbs(territory: Territory, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    """Home › Valeurs territoriales › Agenda [› ...]; the agenda itself is the last item."""
    if not trail:
        return breadcrumbs(territory, values_trail(territory), (_("Agenda"), ""))
    return breadcrumbs(territory, values_trail(territory), agenda_trail(territory), *trail)


def querystring_without(query: QueryDict, *names: str) -> str:
    """The query string minus `names`, ready to take "page=…" ("" or "a=b&")."""
    copy = query.copy()
    for name in names:
        copy.pop(name, None)
    encoded = copy.urlencode()
    return f"{encoded}&" if encoded else ""


def agenda_context(request: HttpRequest, territory: Territory, view: str) -> dict[str, Any]:
    return {
        "territory": territory,
        "current_door": "values",
        "agenda_view": view,
        "can_create": can_create_event(user=request.user, territory=territory),
        "feed_url": request.build_absolute_uri(
            reverse("agenda:feed", kwargs={"territory_slug": territory.slug})
        ),
    }
