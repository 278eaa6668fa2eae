"""French formatting of the agenda's dates: "samedi 14 mars 2026, 10 h – 12 h 30"."""

from datetime import datetime

from django.utils import formats
from django.utils.translation import gettext as _

from pmvt.agenda.recurrence import paris

NBSP = "\u00a0"


def time_fr(value: datetime) -> str:
    """The Paris time of day: 8 h 30, 13 h (no-break spaces)."""
    local = paris(value)
    if local.minute:
        return f"{local.hour}{NBSP}h{NBSP}{local.minute:02d}"
    return f"{local.hour}{NBSP}h"


def date_fr(value: datetime, *, year: bool = True) -> str:
    return formats.date_format(paris(value), "l j F Y" if year else "l j F")


def hours_fr(starts_at: datetime, ends_at: datetime) -> str:
    """The hours within a day ("10 h – 12 h"), or until when a longer event runs."""
    if paris(starts_at).date() == paris(ends_at).date():
        return f"{time_fr(starts_at)} – {time_fr(ends_at)}"
    return _("%(start)s, jusqu'au %(end)s") % {
        "start": time_fr(starts_at),
        "end": f"{date_fr(ends_at, year=False)} {time_fr(ends_at)}",
    }


def when_fr(starts_at: datetime, ends_at: datetime) -> str:
    """The whole span: "samedi 14 mars 2026, 10 h – 12 h", or from one day to another."""
    if paris(starts_at).date() == paris(ends_at).date():
        return f"{date_fr(starts_at)}, {time_fr(starts_at)} – {time_fr(ends_at)}"
    return _("du %(start)s au %(end)s") % {
        "start": f"{date_fr(starts_at, year=False)} {time_fr(starts_at)}",
        "end": f"{date_fr(ends_at)} {time_fr(ends_at)}",
    }
