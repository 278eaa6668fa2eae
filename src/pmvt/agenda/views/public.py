"""The agenda: by day, by week, on the map; an event's page; iCalendar exports."""

from datetime import date, timedelta

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pmvt.actors.views.public import map_settings
from pmvt.agenda.access import can_edit_event, registration_refusal
from pmvt.agenda.forms import AgendaFilterForm
from pmvt.agenda.ical import CONTENT_TYPE, event_ical, territory_ical
from pmvt.agenda.selectors import (
    AgendaFilters,
    agenda_occurrences,
    event_map_points,
    event_upcoming_occurrences,
    feed_events,
    group_by_day,
    registrations_by_occurrence,
    today_in_paris,
    week_days,
)
from pmvt.core.markdown import render_markdown
from pmvt.territories.middleware import require_territory

from ._common import agenda_breadcrumbs, agenda_context, event_or_404, querystring_without

OCCURRENCES_PER_PAGE = 20
MAP_EVENTS_PER_PAGE = 20


def agenda_list(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = AgendaFilterForm(request.GET or None, territory=territory)
    occurrences = agenda_occurrences(territory=territory, filters=form.to_filters())
    page_obj = Paginator(occurrences, OCCURRENCES_PER_PAGE).get_page(request.GET.get("page"))
    context = agenda_context(request, territory, "list")
    context.update(
        form=form,
        page_obj=page_obj,
        days=group_by_day(list(page_obj.object_list)),
        querystring_base=querystring_without(request.GET, "page"),
        filtered=bool(querystring_without(request.GET, "page")),
        breadcrumb_items=agenda_breadcrumbs(territory),
    )
    return render(request, "agenda/list.html", context)


def _week_start(value: str | None) -> date:
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        day = today_in_paris()
    return day - timedelta(days=day.weekday())


def agenda_week(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    monday = _week_start(request.GET.get("semaine"))
    sunday = monday + timedelta(days=6)
    form = AgendaFilterForm(request.GET or None, territory=territory, dates=False)
    base = form.to_filters()
    filters = AgendaFilters(
        commune_id=base.commune_id,
        theme_id=base.theme_id,
        free_only=base.free_only,
        date_from=monday,
        date_to=sunday,
    )
    occurrences = list(agenda_occurrences(territory=territory, filters=filters))
    filter_query = querystring_without(request.GET, "semaine", "page")
    context = agenda_context(request, territory, "week")
    context.update(
        form=form,
        monday=monday,
        sunday=sunday,
        days=week_days(monday=monday, occurrences=occurrences),
        today=today_in_paris(),
        count=len(occurrences),
        previous_query=f"?{filter_query}semaine={(monday - timedelta(days=7)).isoformat()}",
        next_query=f"?{filter_query}semaine={(monday + timedelta(days=7)).isoformat()}",
        monday_iso=monday.isoformat(),
        filtered=bool(filter_query),
        breadcrumb_items=agenda_breadcrumbs(territory, (_("Semaine"), "")),
    )
    return render(request, "agenda/week.html", context)


def agenda_map(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = AgendaFilterForm(request.GET or None, territory=territory)
    occurrences = agenda_occurrences(territory=territory, filters=form.to_filters())
    page_obj = Paginator(occurrences, MAP_EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = agenda_context(request, territory, "map")
    context.update(
        form=form,
        page_obj=page_obj,
        days=group_by_day(list(page_obj.object_list)),
        querystring_base=querystring_without(request.GET, "page"),
        filtered=bool(querystring_without(request.GET, "page")),
        map_data=map_settings(event_map_points(territory=territory, occurrences=occurrences)),
        breadcrumb_items=agenda_breadcrumbs(territory, (_("Carte"), "")),
    )
    return render(request, "agenda/map.html", context)


def event_detail(request: HttpRequest, territory_slug: str, event_slug: str) -> HttpResponse:
    territory = require_territory(request)
    event = event_or_404(request, territory, event_slug)
    occurrences = event_upcoming_occurrences(event=event)
    mine = registrations_by_occurrence(user=request.user, event=event)
    rows = [
        {
            "occurrence": occurrence,
            "registration": mine.get(occurrence.pk),
            "refusal": registration_refusal(user=request.user, occurrence=occurrence),
        }
        for occurrence in occurrences
    ]
    point = event.point()
    markers = []
    if point is not None:
        markers.append(
            {
                "name": event.title,
                "meta": event.place_name,
                "url": "",
                "lat": point[0],
                "lng": point[1],
            }
        )
    context = agenda_context(request, territory, "detail")
    context.update(
        event=event,
        description=render_markdown(event.description),
        rows=rows,
        anonymous_refusal=not request.user.is_authenticated,
        can_edit=can_edit_event(user=request.user, event=event),
        map_data=map_settings(markers),
        ics_url=event.url_for("agenda:event_ics"),
        breadcrumb_items=agenda_breadcrumbs(territory, (event.title, "")),
    )
    return render(request, "agenda/detail.html", context)


def event_ics(request: HttpRequest, territory_slug: str, event_slug: str) -> HttpResponse:
    territory = require_territory(request)
    event = event_or_404(request, territory, event_slug)
    response = HttpResponse(
        event_ical(event=event, absolute=request.build_absolute_uri), content_type=CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def agenda_feed(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    body = territory_ical(
        territory=territory,
        events=feed_events(territory=territory),
        absolute=request.build_absolute_uri,
    )
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="agenda-{territory.slug}.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response
