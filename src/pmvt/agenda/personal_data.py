"""The agenda's share of "download my data" and "delete my account".

Exported: the person's registrations and the events they proposed. On erasure the
registrations go (a confirmed seat is freed without promoting anyone: the dates may be past);
the events stay for the territory but lose their link to the account.
"""

from typing import Any

from pmvt.accounts.models import User
from pmvt.agenda.models import Event, Registration


def export_agenda_data(user: User) -> dict[str, list[dict[str, Any]]]:
    registrations = Registration.objects.filter(user=user).select_related(
        "territory", "occurrence__event"
    )
    events = Event.objects.filter(author=user).select_related("territory")
    return {
        "registrations": [
            {
                "territory": r.territory.name,
                "event": r.occurrence.event.title,
                "starts_at": r.occurrence.starts_at.isoformat(),
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in registrations.order_by("created_at", "pk")
        ],
        "events": [
            {
                "territory": e.territory.name,
                "title": e.title,
                "description": e.description,
                "starts_at": e.starts_at.isoformat(),
                "place": e.place_name,
                "visibility": e.visibility,
                "created_at": e.created_at.isoformat(),
            }
            for e in events.order_by("created_at", "pk")
        ],
    }


def erase_agenda_data(user: User) -> None:
    from pmvt.agenda.models import Occurrence, RegistrationStatus

    occurrence_ids = list(
        Registration.objects.filter(user=user).values_list("occurrence_id", flat=True)
    )
    Registration.objects.filter(user=user).delete()
    for occurrence in Occurrence.objects.filter(pk__in=occurrence_ids):
        registrations = Registration.objects.filter(occurrence=occurrence)
        Occurrence.objects.filter(pk=occurrence.pk).update(
            confirmed_count=registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
            waiting_count=registrations.filter(status=RegistrationStatus.WAITING).count(),
        )
    Event.objects.filter(author=user).update(author=None)
