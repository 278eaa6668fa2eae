"""iCalendar (RFC 5545) export: one event, and the territory's subscribable feed.

Times are written in Europe/Paris with its VTIMEZONE, so a recurring event keeps its wall
clock time across daylight-saving changes; the RRULE is the one stored on the event (its UNTIL
is in UTC, as RFC 5545 requires with a TZID start), cancelled dates are EXDATEs.
"""

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress, vRecur, vText
from icalendar import Event as VEvent

from pmvt.agenda.models import Event, Occurrence
from pmvt.agenda.recurrence import paris
from pmvt.territories.models import Territory

PRODID = "-//PM-VT//Agenda du territoire//FR"
CONTENT_TYPE = "text/calendar; charset=utf-8"
REFRESH = timedelta(hours=6)


def _calendar(*, name: str, description: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    if description:
        calendar.add("x-wr-caldesc", description)
    return calendar


def _vevent(
    event: Event, *, absolute: Callable[[str], str], cancelled: Iterable[Occurrence]
) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", event.updated_at or timezone.now())
    vevent.add("created", event.created_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.title)
    vevent.add("dtstart", paris(event.starts_at))
    vevent.add("dtend", paris(event.ends_at))
    if event.rrule:
        vevent.add("rrule", vRecur.from_ical(event.rrule))
        for occurrence in cancelled:
            vevent.add("exdate", paris(occurrence.starts_at))
    url = absolute(event.get_absolute_url())
    vevent.add("url", url)
    vevent.add("description", f"{event.description}\n\n{url}")
    vevent.add("location", event.location)
    point = event.point()
    if point is not None:
        vevent.add("geo", point)
    if event.contact_email:
        organizer = vCalAddress(f"mailto:{event.contact_email}")
        name = event.organiser_display or event.territory.public_name
        organizer.params["cn"] = vText(name)
        vevent.add("organizer", organizer)
    themes = [theme.name for theme in event.themes.all()]
    if themes:
        vevent.add("categories", themes)
    vevent.add("status", "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    return vevent


def _add_timezone(calendar: Calendar, events: list[Event]) -> None:
    """The Europe/Paris VTIMEZONE, from a year before the first start (its default ends in
    2038, which covers recurring events without an end)."""
    if not events:
        return
    first = min(paris(event.starts_at).date() for event in events)
    calendar.add_missing_timezones(first_date=first - timedelta(days=366))


def event_ical(*, event: Event, absolute: Callable[[str], str]) -> bytes:
    calendar = _calendar(name=event.title)
    cancelled = event.occurrences.filter(is_cancelled=True) if event.rrule else []
    calendar.add_component(_vevent(event, absolute=absolute, cancelled=cancelled))
    _add_timezone(calendar, [event])
    return calendar.to_ical()


def territory_ical(
    *, territory: Territory, events: list[Event], absolute: Callable[[str], str]
) -> bytes:
    calendar = _calendar(
        name=_("Agenda – %(territory)s") % {"territory": territory.public_name},
        description=_("Les événements à venir sur le territoire %(territory)s.")
        % {"territory": territory.public_name},
    )
    # Ask subscribed calendars to refresh every few hours (RFC 7986, and Outlook's name).
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for event in events:
        cancelled = getattr(event, "cancelled_occurrences", [])
        calendar.add_component(_vevent(event, absolute=absolute, cancelled=cancelled))
    _add_timezone(calendar, [event])
    return calendar.to_ical()
