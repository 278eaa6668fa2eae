"""The Maison's share of "download my data" and "delete my account".

Exported: the person's invitations and offers (need, project, status, messages) and the hours
they gave. On erasure the invitations of the person go, with their hours (the observatory
reads totals before); invitations the person sent as a team member stay, without sender.
"""

from typing import Any

from pmvt.accounts.models import User
from pmvt.maison.models import ContributionHours, Invitation


def export_maison_data(user: User) -> dict[str, list[dict[str, Any]]]:
    invitations = Invitation.objects.filter(person=user).select_related(
        "territory", "need__project"
    )
    hours = ContributionHours.objects.filter(invitation__person=user).select_related(
        "invitation__need__project"
    )
    return {
        "invitations": [
            {
                "territory": i.territory.name,
                "project": i.need.project.title,
                "need": i.need.title,
                "direction": i.direction,
                "status": i.status,
                "message": i.message,
                "answer": i.answer,
                "created_at": i.created_at.isoformat(),
            }
            for i in invitations.order_by("created_at", "pk")
        ],
        "contribution_hours": [
            {
                "project": h.invitation.need.project.title,
                "given_on": h.given_on.isoformat(),
                "hours": str(h.hours),
                "note": h.note,
            }
            for h in hours.order_by("given_on", "pk")
        ],
    }


def erase_maison_data(user: User) -> None:
    Invitation.objects.filter(person=user).delete()
