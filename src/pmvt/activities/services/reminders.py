"""The reminder of the day before, sent once (`reminded_at`) by
`manage.py activities_send_reminders`."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.activities.models import ActivityStatus, Registration
from pmvt.activities.services.notices import send_reminder
from pmvt.agenda.recurrence import PARIS, paris
from pmvt.core.seats import SeatStatus


def send_reminders(*, now: datetime | None = None) -> int:
    """Remind every confirmed registration to a session that falls tomorrow (Paris time), once.
    Returns the number of reminders sent; a second run the same day sends none."""
    now = now or timezone.now()
    tomorrow = paris(now).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, datetime.min.time(), tzinfo=PARIS)
    sent = 0
    with scopes_disabled(), transaction.atomic():
        registrations = (
            Registration.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(
                status=SeatStatus.CONFIRMED,
                reminded_at__isnull=True,
                session__is_cancelled=False,
                session__activity__status=ActivityStatus.PUBLISHED,
                session__starts_at__gte=start,
                session__starts_at__lt=start + timedelta(days=1),
            )
            .select_related("user", "session__activity__commune", "session__activity__organiser")
            .select_related("session__activity__territory", "session__territory")
            .order_by("pk")
        )
        for registration in registrations:
            send_reminder(registration=registration, session=registration.session)
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            sent += 1
    return sent
