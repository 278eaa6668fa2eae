"""The ideas' share of "download my data" and "delete my account".

Exported: the member's ideas, comments, supports and follows. On erasure, ideas and comments
stay in the public debate (answers and other people's supports hang on them) but lose the link
to the account; supports and follows go, and each idea's support count is kept exact.
"""

from typing import Any

from django.db.models import Count, F

from pmvt.accounts.models import User
from pmvt.ideas.models import Comment, Follow, Idea, Support


def export_ideas_data(user: User) -> dict[str, list[Any]]:
    ideas = Idea.objects.filter(author=user).select_related("territory", "campaign")
    comments = Comment.objects.filter(author=user).select_related("idea")
    return {
        "ideas": [
            {
                "territory": idea.territory.name,
                "campaign": idea.campaign.title,
                "title": idea.title,
                "description": idea.description,
                "status": idea.status,
                "visibility": idea.visibility,
                "created_at": idea.created_at.isoformat(),
            }
            for idea in ideas.order_by("created_at", "pk")
        ],
        "comments": [
            {
                "idea": comment.idea.title,
                "text": comment.text,
                "visibility": comment.visibility,
                "created_at": comment.created_at.isoformat(),
            }
            for comment in comments.order_by("created_at", "pk")
        ],
        "supports": list(
            Support.objects.filter(user=user)
            .order_by("idea__title")
            .values_list("idea__title", flat=True)
        ),
        "follows": list(
            Follow.objects.filter(user=user)
            .order_by("idea__title")
            .values_list("idea__title", flat=True)
        ),
    }


def erase_ideas_data(user: User) -> None:
    supported = dict(
        Support.objects.filter(user=user)
        .values("idea_id")
        .annotate(n=Count("pk"))
        .values_list("idea_id", "n")
    )
    Support.objects.filter(user=user).delete()
    for idea_id, n in supported.items():
        Idea.objects.filter(pk=idea_id).update(support_count=F("support_count") - n)
    Follow.objects.filter(user=user).delete()
    Idea.objects.filter(author=user).update(author=None)
    Comment.objects.filter(author=user).update(author=None)
