"""Activities' share of "download my data" and "delete my account".

Exported: the person's registrations (with the relatives they registered). On erasure the
registrations go (a confirmed seat is freed without promoting anyone: the sessions may be
past, and nobody should be registered without being told). Activities the person wrote stay
with their organiser.
"""

from typing import Any

from pmvt.accounts.models import User
from pmvt.activities.models import Registration, Session
from pmvt.core.seats import seats_recount


def export_activities_data(user: User) -> dict[str, list[dict[str, Any]]]:
    registrations = Registration.objects.filter(user=user).select_related(
        "territory", "session__activity"
    )
    return {
        "registrations": [
            {
                "territory": r.territory.name,
                "activity": r.session.activity.title,
                "starts_at": r.session.starts_at.isoformat(),
                "participant_name": r.participant_name,
                "contact_phone": r.contact_phone,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in registrations.order_by("created_at", "pk")
        ]
    }


def erase_activities_data(user: User) -> None:
    session_ids = list(Registration.objects.filter(user=user).values_list("session_id", flat=True))
    Registration.objects.filter(user=user).delete()
    for session in Session.objects.filter(pk__in=set(session_ids)).order_by("pk"):
        seats_recount(session=session, seat_model=Registration)
