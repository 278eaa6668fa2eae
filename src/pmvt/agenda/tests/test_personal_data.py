"""The agenda's share of "download my data" and "delete my account"."""

from pmvt.agenda.models import Event, Occurrence, Registration
from pmvt.agenda.personal_data import erase_agenda_data, export_agenda_data
from pmvt.agenda.services.registrations import registration_create


def test_exports_then_erases_registrations_and_unlinks_events(make_event, member, admin):
    workshop = make_event(title="Atelier", registration_enabled=True, capacity=2)
    occurrence = Occurrence.objects.get(event=workshop)
    registration_create(occurrence=occurrence, user=member)
    proposal = make_event(title="Ma balade", by=member)
    exported = export_agenda_data(member)
    assert [r["event"] for r in exported["registrations"]] == ["Atelier"]
    assert [e["title"] for e in exported["events"]] == ["Ma balade"]
    erase_agenda_data(member)
    assert not Registration.objects.filter(user=member).exists()
    occurrence.refresh_from_db()
    assert occurrence.confirmed_count == 0
    assert Event.objects.get(pk=proposal.pk).author is None
    assert Event.objects.get(pk=workshop.pk).author == admin
