"""iCalendar exports: one event and the territory's feed, parsed back with icalendar."""

from datetime import time, timedelta
from decimal import Decimal

from django.test import Client
from icalendar import Calendar

from pmvt.agenda.models import Event, Recurrence
from pmvt.agenda.recurrence import PARIS, paris
from pmvt.community.models import Theme, Visibility

from .conftest import AGENDA, in_days


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def test_one_event_exports_every_field(client: Client, make_event, territory):
    theme = Theme.objects.create(territory=territory, name="Culture", slug="culture")
    event = make_event(
        title="Concert au théâtre",
        description="Chorale et *orchestre*.",
        address="Place du Septier",
        latitude=Decimal("43.876100"),
        longitude=Decimal("5.396500"),
        contact_email="contact@chorale.example",
        organiser_name="Chorale d'Apt",
        themes=[theme],
        starts_at=in_days(5, time(20, 30)),
        ends_at=in_days(5, time(22)),
    )
    response = client.get(f"{AGENDA}{event.slug}.ics")
    calendar = parse(response)
    assert response["Content-Disposition"] == 'attachment; filename="concert-au-theatre.ics"'
    assert str(calendar["PRODID"]) == "-//PM-VT//Agenda du territoire//FR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Concert au théâtre"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    [vevent] = vevents(calendar)
    assert str(vevent["UID"]) == f"evenement-{event.pk}@pays-dapt-luberon.pmvt"
    assert str(vevent["SUMMARY"]) == "Concert au théâtre"
    assert vevent.decoded("DTSTART") == in_days(5, time(20, 30))
    assert vevent.decoded("DTSTART").tzinfo.key == "Europe/Paris"
    assert vevent.decoded("DTEND") == in_days(5, time(22))
    assert vevent["DTSTAMP"] is not None
    assert vevent.decoded("SEQUENCE") == 0
    assert str(vevent["LOCATION"]) == "Place de la Bouquerie, Place du Septier, Apt"
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (43.8761, 5.3965)
    url = f"http://testserver{AGENDA}concert-au-theatre/"
    assert str(vevent["URL"]) == url
    assert str(vevent["DESCRIPTION"]) == f"Chorale et *orchestre*.\n\n{url}"
    assert str(vevent["ORGANIZER"]) == "mailto:contact@chorale.example"
    assert vevent["ORGANIZER"].params["CN"] == "Chorale d'Apt"
    assert vevent["CATEGORIES"].cats == ["Culture"]
    assert "RRULE" not in vevent


def test_recurring_event_carries_its_rule_and_cancelled_dates(client, make_event):
    start = in_days(3, time(9, 30))
    until = paris(start).date() + timedelta(days=21)
    event = make_event(recurrence=Recurrence.WEEKLY, starts_at=start, recurrence_until=until)
    second = event.occurrences.order_by("starts_at")[1]
    event.occurrences.filter(pk=second.pk).update(is_cancelled=True)
    [vevent] = vevents(parse(client.get(f"{AGENDA}{event.slug}.ics")))
    rule = vevent["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["UNTIL"][0].date() >= until
    exdates = (
        [d.dt for d in vevent["EXDATE"].dts]
        if not isinstance(vevent["EXDATE"], list)
        else [d.dt for e in vevent["EXDATE"] for d in e.dts]
    )
    assert exdates == [second.starts_at.astimezone(PARIS)]
    # No ORGANIZER without a contact email; the commune's centre is the point when none given.
    assert "ORGANIZER" not in vevent


def test_sequence_grows_with_each_change(client, make_event, admin, territory):
    from pmvt.agenda.services.events import event_update

    from .conftest import event_data

    event = make_event()
    event_update(
        event=event,
        by=admin,
        data=event_data(territory, title="Concert déplacé", starts_at=in_days(11)),
    )
    [vevent] = vevents(parse(client.get(f"{AGENDA}{event.slug}.ics")))
    assert vevent.decoded("SEQUENCE") == 1
    assert str(vevent["UID"]) == f"evenement-{event.pk}@pays-dapt-luberon.pmvt"


def test_feed_lists_upcoming_published_events_of_the_territory_only(
    client, make_event, member, other_territory, make_member
):
    published = make_event(title="Fête du village")
    make_event(title="Proposition en attente", by=member)  # Pending.
    past = make_event(title="Fête passée")
    Event.objects.filter(pk=past.pk).update(visibility=Visibility.PUBLISHED)
    past.occurrences.update(starts_at=in_days(-3), ends_at=in_days(-3) + timedelta(hours=1))
    elsewhere = make_member(other_territory, "admin", email="admin@thann.test")
    make_event(title="Fête à Thann", by=elsewhere, in_territory=other_territory)
    response = client.get(f"{AGENDA}agenda.ics")
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Agenda – CC Pays d'Apt-Luberon"
    assert [str(v["SUMMARY"]) for v in vevents(calendar)] == [published.title]
    assert str(vevents(calendar)[0]["UID"]) == published.uid
    assert "REFRESH-INTERVAL" in calendar


def test_pending_event_ics_is_hidden_from_visitors(client, make_event, member):
    event = make_event(by=member)
    assert client.get(f"{AGENDA}{event.slug}.ics").status_code == 404
    client.force_login(member)
    assert client.get(f"{AGENDA}{event.slug}.ics").status_code == 200
