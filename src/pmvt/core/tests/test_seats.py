"""The dates of the seat engine (pmvt.core.seats.session_starts); the seats themselves are
tested through the apps that use them (volunteering, activities), on SQLite and PostgreSQL."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pmvt.core.exceptions import ApplicationError
from pmvt.core.seats import MAX_WEEKLY_SESSIONS, session_starts

PARIS = ZoneInfo("Europe/Paris")
FIRST = datetime(2026, 3, 17, 18, 0, tzinfo=PARIS)  # A Tuesday, before the spring change.


def test_one_off_is_one_date():
    assert session_starts(first=FIRST, weekly=False) == [FIRST]


def test_weekly_for_n_weeks_keeps_the_wall_clock_time_across_daylight_saving():
    starts = session_starts(first=FIRST, weekly=True, weeks=3)

    assert [s.date() for s in starts] == [date(2026, 3, 17), date(2026, 3, 24), date(2026, 3, 31)]
    assert {s.astimezone(PARIS).hour for s in starts} == {18}
    utc = ZoneInfo("UTC")
    assert starts[2].astimezone(utc) - starts[1].astimezone(utc) == timedelta(days=7, hours=-1)


def test_weekly_until_a_date_includes_that_day():
    starts = session_starts(first=FIRST, weekly=True, until=date(2026, 4, 7))
    assert len(starts) == 4


@pytest.mark.parametrize(
    ("weeks", "until", "message"),
    [
        (None, None, "nombre de semaines"),
        (0, None, "entre 1 et"),
        (MAX_WEEKLY_SESSIONS + 1, None, "entre 1 et"),
        (None, date(2026, 3, 1), "doit suivre"),
    ],
)
def test_refuses_bad_series(weeks, until, message):
    with pytest.raises(ApplicationError, match=message):
        session_starts(first=FIRST, weekly=True, weeks=weeks, until=until)
