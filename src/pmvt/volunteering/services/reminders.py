"""The reminder of the day before, sent once (`reminded_at`) by
`manage.py volunteering_send_reminders`."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.agenda.recurrence import PARIS, paris
from pmvt.core.seats import SeatStatus
from pmvt.volunteering.models import MissionStatus, Signup
from pmvt.volunteering.services.notices import send_reminder


def send_reminders(*, now: datetime | None = None) -> int:
    """Remind every confirmed volunteer of a date that falls tomorrow (Paris time), once.
    Returns the number of reminders sent; a second run the same day sends none."""
    now = now or timezone.now()
    tomorrow = paris(now).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, datetime.min.time(), tzinfo=PARIS)
    sent = 0
    with scopes_disabled(), transaction.atomic():
        signups = (
            Signup.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(
                status=SeatStatus.CONFIRMED,
                reminded_at__isnull=True,
                session__is_cancelled=False,
                session__mission__status=MissionStatus.PUBLISHED,
                session__starts_at__gte=start,
                session__starts_at__lt=start + timedelta(days=1),
            )
            .select_related("user", "session__mission__commune", "session__mission__organiser")
            .select_related("session__mission__territory", "session__territory")
            .order_by("pk")
        )
        for signup in signups:
            send_reminder(signup=signup, session=signup.session)
            signup.reminded_at = now
            signup.save(update_fields=["reminded_at"])
            sent += 1
    return sent
