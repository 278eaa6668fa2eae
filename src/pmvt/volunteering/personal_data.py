"""Volunteering's share of "download my data" and "delete my account".

Exported: the person's sign-ups, with attendance and hours. On erasure the sign-ups go (a
confirmed place is freed without promoting anyone: the dates may be past, and nobody should
be signed up without being told); the hours given disappear with them, as the observatory
only needs totals, which it reads before. Missions the person wrote stay with their organiser.
"""

from typing import Any

from pmvt.accounts.models import User
from pmvt.core.seats import seats_recount
from pmvt.volunteering.models import Session, Signup


def export_volunteering_data(user: User) -> dict[str, list[dict[str, Any]]]:
    signups = Signup.objects.filter(user=user).select_related("territory", "session__mission")
    return {
        "signups": [
            {
                "territory": s.territory.name,
                "mission": s.session.mission.title,
                "starts_at": s.session.starts_at.isoformat(),
                "status": s.status,
                "created_at": s.created_at.isoformat(),
                "attended": s.attended,
                "hours": str(s.hours) if s.hours is not None else None,
            }
            for s in signups.order_by("created_at", "pk")
        ]
    }


def erase_volunteering_data(user: User) -> None:
    session_ids = list(Signup.objects.filter(user=user).values_list("session_id", flat=True))
    Signup.objects.filter(user=user).delete()
    for session in Session.objects.filter(pk__in=set(session_ids)).order_by("pk"):
        seats_recount(session=session, seat_model=Signup)
