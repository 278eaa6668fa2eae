"""French formatting of the actors' data: times ("8 h 30"), seasons, opening hours by day."""

from collections.abc import Iterable
from datetime import time

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from pmvt.actors.models import OpeningHours, Weekday

NBSP = "\u00a0"


def format_time(value: time) -> str:
    """French time of day: 8 h 30, 13 h (no-break spaces)."""
    if value.minute:
        return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"
    return f"{value.hour}{NBSP}h"


def format_range(opens: time, closes: time) -> str:
    return f"{format_time(opens)} – {format_time(closes)}"


def month_name(month: int) -> str:
    """Django's own translated month names: "janvier" in French."""
    return str(MONTHS[month]) if month in MONTHS else ""


def hours_by_day(hours: Iterable[OpeningHours]) -> list[tuple[str, list[str]]]:
    """[("lundi", ["9 h – 12 h", "14 h – 19 h"]), ("mardi", []), ...] for the seven days."""
    ranges: dict[int, list[str]] = {day: [] for day in Weekday.values}
    for item in sorted(hours, key=lambda h: (h.weekday, h.opens)):
        ranges[item.weekday].append(format_range(item.opens, item.closes))
    return [(str(Weekday(day).label), ranges[day]) for day in Weekday.values]


def season_label(start_month: int, end_month: int) -> str:
    """ "toute l'année", "d'avril à octobre", "de mai à septembre" (French elision)."""
    if (start_month, end_month) == (1, 12):
        return _("toute l'année")
    start, end = month_name(start_month), month_name(end_month)
    if start[:1] in {"a", "e", "i", "o", "u", "é"}:
        return _("d'%(start)s à %(end)s") % {"start": start, "end": end}
    return _("de %(start)s à %(end)s") % {"start": start, "end": end}
