"""RRULE text and materialised dates of recurring events (pmvt.agenda.recurrence)."""

from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr

from pmvt.agenda.models import Recurrence
from pmvt.agenda.recurrence import (
    PARIS,
    occurrence_starts,
    paris_datetime,
    rrule_text,
    weekday_position,
)


def test_one_off_event_has_no_rule_and_one_date():
    start = paris_datetime(date(2026, 3, 14), time(10))
    assert rrule_text(recurrence=Recurrence.NONE, starts_at=start, until=None) == ""
    assert occurrence_starts(
        recurrence=Recurrence.NONE, starts_at=start, until=None, horizon_end=start
    ) == [start]


def test_weekly_rule_names_the_weekday_and_ends_in_utc():
    start = paris_datetime(date(2026, 3, 14), time(10))  # A Saturday.
    text = rrule_text(recurrence=Recurrence.WEEKLY, starts_at=start, until=date(2026, 4, 4))
    # The end of 4 April in Paris (summer time, UTC+2) is 21:59:59 UTC.
    assert text == "FREQ=WEEKLY;BYDAY=SA;UNTIL=20260404T215959Z"


def test_monthly_rule_keeps_the_weekday_of_the_month():
    second_saturday = paris_datetime(date(2026, 3, 14), time(9, 30))
    assert (
        rrule_text(recurrence=Recurrence.MONTHLY, starts_at=second_saturday, until=None)
        == "FREQ=MONTHLY;BYDAY=2SA"
    )
    fifth_tuesday = paris_datetime(date(2026, 3, 31), time(9))
    assert weekday_position(date(2026, 3, 31)) == -1
    assert (
        rrule_text(recurrence=Recurrence.MONTHLY, starts_at=fifth_tuesday, until=None)
        == "FREQ=MONTHLY;BYDAY=-1TU"
    )


def test_weekly_dates_keep_the_wall_clock_time_across_daylight_saving():
    start = paris_datetime(date(2026, 3, 21), time(18))  # Summer time starts on 29 March.
    starts = occurrence_starts(
        recurrence=Recurrence.WEEKLY,
        starts_at=start,
        until=date(2026, 4, 4),
        horizon_end=start + timedelta(days=365),
    )
    assert [s.astimezone(PARIS).strftime("%Y-%m-%d %H:%M %Z") for s in starts] == [
        "2026-03-21 18:00 CET",
        "2026-03-28 18:00 CET",
        "2026-04-04 18:00 CEST",
    ]


def test_monthly_dates_fall_on_the_same_weekday_of_each_month():
    start = paris_datetime(date(2026, 1, 10), time(14))  # 2nd Saturday.
    starts = occurrence_starts(
        recurrence=Recurrence.MONTHLY,
        starts_at=start,
        until=None,
        horizon_end=paris_datetime(date(2026, 5, 1), time()),
    )
    assert [s.date() for s in starts] == [
        date(2026, 1, 10),
        date(2026, 2, 14),
        date(2026, 3, 14),
        date(2026, 4, 11),
    ]
    assert all(s.hour == 14 for s in starts)


def test_dates_stop_at_the_horizon_without_an_end_date():
    start = paris_datetime(date(2026, 1, 5), time(9))
    starts = occurrence_starts(
        recurrence=Recurrence.WEEKLY,
        starts_at=start,
        until=None,
        horizon_end=start + timedelta(days=365),
    )
    assert len(starts) == 53
    assert starts[-1] <= start + timedelta(days=365)


def test_the_stored_rule_gives_the_same_dates_as_the_materialised_ones():
    start = paris_datetime(date(2026, 3, 14), time(10))
    until = date(2026, 9, 30)
    text = rrule_text(recurrence=Recurrence.MONTHLY, starts_at=start, until=until)
    expected = occurrence_starts(
        recurrence=Recurrence.MONTHLY,
        starts_at=start,
        until=until,
        horizon_end=start + timedelta(days=365),
    )
    parsed = list(rrulestr(text, dtstart=start.astimezone(PARIS)))
    assert [d.date() for d in parsed] == [d.date() for d in expected]
    assert isinstance(parsed[0], datetime)
