"""Dates of a recurring event: RFC 5545 RRULE text and the materialised start times.

Rules are computed on Paris wall-clock time, so a weekly 18:00 workshop stays at 18:00 across
the daylight-saving changes; only the stored instants are aware datetimes.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du

from pmvt.agenda.models import Recurrence

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
# Occurrences are materialised this far ahead; `manage.py agenda_extend_horizon` rolls it on.
HORIZON = timedelta(days=365)
MAX_OCCURRENCES = 120
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def paris(value: datetime) -> datetime:
    return value.astimezone(PARIS)


def paris_datetime(day: date, at: time) -> datetime:
    """The aware instant of a Paris wall-clock date and time."""
    return datetime.combine(day, at).replace(tzinfo=PARIS)


def weekday_position(day: date) -> int:
    """Which weekday of its month the day is: 1..4, or -1 for a fifth (the last one)."""
    position = (day.day - 1) // 7 + 1
    return -1 if position == 5 else position


def until_instant(until: date) -> datetime:
    """The last instant of the `until` day in Paris (the recurrence includes that day)."""
    return paris_datetime(until, time(23, 59, 59))


def rrule_text(*, recurrence: str, starts_at: datetime, until: date | None) -> str:
    """The RRULE value (without the "RRULE:" prefix), "" for a one-off event."""
    if recurrence == Recurrence.NONE:
        return ""
    local = paris(starts_at).date()
    code = WEEKDAY_CODES[local.weekday()]
    if recurrence == Recurrence.WEEKLY:
        parts = ["FREQ=WEEKLY", f"BYDAY={code}"]
    else:
        parts = ["FREQ=MONTHLY", f"BYDAY={weekday_position(local)}{code}"]
    if until is not None:
        parts.append(f"UNTIL={until_instant(until).astimezone(UTC):%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def occurrence_starts(
    *, recurrence: str, starts_at: datetime, until: date | None, horizon_end: datetime
) -> list[datetime]:
    """The start of every occurrence up to `until` (included) and the horizon."""
    if recurrence == Recurrence.NONE:
        return [starts_at]
    local_start = paris(starts_at).replace(tzinfo=None)
    end = paris(horizon_end).replace(tzinfo=None)
    if until is not None:
        end = min(end, until_instant(until).replace(tzinfo=None))
    weekday = du.weekdays[local_start.weekday()]
    if recurrence == Recurrence.WEEKLY:
        rule = du.rrule(du.WEEKLY, dtstart=local_start, byweekday=weekday, until=end)
    else:
        rule = du.rrule(
            du.MONTHLY,
            dtstart=local_start,
            byweekday=weekday(weekday_position(local_start.date())),
            until=end,
        )
    starts: list[datetime] = []
    for local in rule:
        if len(starts) >= MAX_OCCURRENCES:
            break
        starts.append(local.replace(tzinfo=PARIS))
    return starts
