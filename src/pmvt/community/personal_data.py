"""The community's share of "download my data" and "delete my account".

Exported: the reports the member made and the moderation decisions they took. On erasure the
reports stay (the moderation record and the report counts must hold) without the link to the
account; so do the decisions, logged without their moderator.
"""

from typing import Any

from pmvt.accounts.models import User
from pmvt.community.models import ModerationAction, Report
from pmvt.community.selectors import reports_by_user


def export_community_data(user: User) -> dict[str, list[dict[str, Any]]]:
    actions = ModerationAction.objects.filter(moderator=user).select_related("territory")
    return {
        "reports": [
            {
                "territory": report.territory.name,
                "content_type": report.content_type.model,
                "content_id": report.object_id,
                "reason": report.reason,
                "details": report.details,
                "created_at": report.created_at.isoformat(),
                "resolved_at": report.resolved_at.isoformat() if report.resolved_at else None,
            }
            for report in reports_by_user(user=user)
        ],
        "moderation_decisions": [
            {
                "territory": action.territory.name,
                "content": action.content_title,
                "decision": action.decision,
                "reason": action.reason,
                "created_at": action.created_at.isoformat(),
            }
            for action in actions.order_by("created_at", "pk")
        ],
    }


def erase_community_data(user: User) -> None:
    Report.objects.filter(reporter=user).update(reporter=None)
    ModerationAction.objects.filter(moderator=user).update(moderator=None)
