"""The month view of an asset's availability."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pmvt.assets.models import Booking, BookingStatus
from pmvt.assets.selectors import DayState, month_calendar, parse_month
from pmvt.assets.services.assets import asset_unavailability_add

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2030, 3, 10, 12, 0, tzinfo=PARIS)


def _states(calendar) -> dict[int, str]:
    return {cell.day.day: cell.state for week in calendar.weeks for cell in week if cell.day}


def test_each_day_marked(territory, make_asset, owner, requester):
    asset = make_asset(territory, owner, available_until=date(2030, 3, 28))
    asset_unavailability_add(
        asset=asset, by=owner, starts_on=date(2030, 3, 15), ends_on=date(2030, 3, 16)
    )
    # Written directly: the services refuse periods in the past of the real clock's future.
    Booking.objects.create(
        territory=territory,
        asset=asset,
        requester=requester,
        starts_at=datetime(2030, 3, 20, 18, 0, tzinfo=PARIS),
        ends_at=datetime(2030, 3, 22, 0, 0, tzinfo=PARIS),
        status=BookingStatus.ACCEPTED,
    )
    Booking.objects.create(
        territory=territory,
        asset=asset,
        requester=requester,
        starts_at=datetime(2030, 3, 24, 9, 0, tzinfo=PARIS),
        ends_at=datetime(2030, 3, 24, 12, 0, tzinfo=PARIS),
    )
    calendar = month_calendar(asset=asset, month=date(2030, 3, 1), now=NOW)
    states = _states(calendar)
    assert len(states) == 31
    assert states[9] == DayState.PAST
    assert states[10] == DayState.FREE
    assert (states[15], states[16]) == (DayState.BLOCKED, DayState.BLOCKED)
    assert (states[20], states[21], states[22]) == (DayState.BOOKED, DayState.BOOKED, DayState.FREE)
    assert states[24] == DayState.FREE  # A request waiting for an answer holds nothing.
    assert states[29] == DayState.UNAVAILABLE
    # March 2030 starts on a Friday: four empty cells before it.
    assert [cell.day for cell in calendar.weeks[0][:4]] == [None] * 4
    assert (calendar.previous_param, calendar.next_param) == ("2030-02", "2030-04")


def test_parse_month_defaults_and_clamps():
    today = date(2030, 3, 10)
    assert parse_month(None, today=today) == date(2030, 3, 1)
    assert parse_month("2030-07", today=today) == date(2030, 7, 1)
    assert parse_month("n'importe", today=today) == date(2030, 3, 1)
    assert parse_month("2030-13", today=today) == date(2030, 3, 1)
    assert parse_month("2099-01", today=today) == date(2032, 3, 1)


def test_time_zone_edges(territory, make_asset, owner, requester):
    asset = make_asset(territory, owner)
    Booking.objects.create(
        territory=territory,
        asset=asset,
        requester=requester,
        starts_at=datetime(2030, 3, 31, 23, 30, tzinfo=PARIS),
        ends_at=datetime(2030, 4, 1, 1, 0, tzinfo=PARIS),
        status=BookingStatus.ACCEPTED,
    )
    march = _states(month_calendar(asset=asset, month=date(2030, 3, 1), now=NOW))
    april = _states(month_calendar(asset=asset, month=date(2030, 4, 1), now=NOW))
    assert (march[31], april[1], april[2]) == (DayState.BOOKED, DayState.BOOKED, DayState.FREE)
