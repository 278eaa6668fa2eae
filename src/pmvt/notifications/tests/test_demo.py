"""The demo inbox of Jean Habitant (pmvt.demo.notifications.load_notifications)."""

from django.core import mail
from django_scopes import scope

from pmvt.demo.loader import load_foundation
from pmvt.demo.notifications import INHABITANT_EMAIL, load_notifications
from pmvt.notifications.models import Notification, NotificationPreference


def snapshot():
    return {
        "notifications": list(
            Notification.objects.order_by("pk").values_list(
                "user__email", "kind", "title", "read_at", "digest_pending"
            )
        ),
        "preferences": list(NotificationPreference.objects.values_list("kind", "mode")),
    }


def test_loads_the_inhabitants_inbox_once_without_email(db, django_capture_on_commit_callbacks):
    territory = load_foundation()
    with django_capture_on_commit_callbacks(execute=True), scope(territory=territory):
        load_notifications(territory)
        first = snapshot()
        load_notifications(territory)
        second = snapshot()

    assert first == second
    rows = first["notifications"]
    assert len(rows) == 4
    assert {row[0] for row in rows} == {INHABITANT_EMAIL}
    assert sum(1 for row in rows if row[3] is None) == 2
    assert first["preferences"] == [("news", "digest")]
    assert mail.outbox == []
