"""The notifications' share of "download my data" and "delete my account"."""

from typing import Any

from pmvt.accounts.models import User
from pmvt.notifications.models import DigestDelivery, Notification, NotificationPreference


def export_notifications(user: User) -> dict[str, Any]:
    notifications = (
        Notification.objects.filter(user=user).select_related("territory").order_by("pk")
    )
    return {
        "preferences": [
            {"kind": p.kind, "mode": p.mode, "updated_at": p.updated_at.isoformat()}
            for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
        "notifications": [
            {
                "territory": n.territory.name,
                "kind": n.kind,
                "title": n.title,
                "body": n.body,
                "url": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
                "digested_at": n.digested_at.isoformat() if n.digested_at else None,
            }
            for n in notifications
        ],
        "daily_digests": [
            {"day": d.day.isoformat(), "notifications": d.item_count}
            for d in DigestDelivery.objects.filter(user=user).order_by("day")
        ],
    }


def erase_notifications(user: User) -> None:
    """Nothing here must be kept: delete it all."""
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    DigestDelivery.objects.filter(user=user).delete()
