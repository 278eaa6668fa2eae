"""The clubs' share of "download my data" and "delete my account".

Exported: the member's club memberships, threads and replies. On erasure the memberships go;
threads, replies and shared resources stay for the club's other members but lose their link to
the account (they show "compte supprimé").
"""

from typing import Any

from pmvt.accounts.models import User
from pmvt.clubs.models import ClubMembership, Reply, Resource, Thread


def export_club_data(user: User) -> dict[str, list[dict[str, Any]]]:
    memberships = ClubMembership.objects.filter(user=user).select_related("club__territory")
    threads = Thread.objects.filter(author=user).select_related("club__territory")
    replies = Reply.objects.filter(author=user).select_related("thread__club__territory")
    return {
        "memberships": [
            {
                "territory": m.club.territory.name,
                "club": m.club.name,
                "role": m.role,
                "status": m.status,
                "requested_at": m.requested_at.isoformat(),
                "decided_at": m.decided_at.isoformat() if m.decided_at else None,
            }
            for m in memberships.order_by("requested_at", "pk")
        ],
        "threads": [
            {
                "territory": t.club.territory.name,
                "club": t.club.name,
                "title": t.title,
                "category": t.category,
                "body": t.body,
                "created_at": t.created_at.isoformat(),
            }
            for t in threads.order_by("created_at", "pk")
        ],
        "replies": [
            {
                "territory": r.thread.club.territory.name,
                "club": r.thread.club.name,
                "thread": r.thread.title,
                "body": r.body,
                "created_at": r.created_at.isoformat(),
            }
            for r in replies.order_by("created_at", "pk")
        ],
    }


def erase_club_data(user: User) -> None:
    ClubMembership.objects.filter(user=user).delete()
    ClubMembership.objects.filter(decided_by=user).update(decided_by=None)
    Thread.objects.filter(author=user).update(author=None)
    Reply.objects.filter(author=user).update(author=None)
    Resource.objects.filter(added_by=user).update(added_by=None)
