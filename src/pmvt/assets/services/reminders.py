"""The daily run of `manage.py assets_send_reminders`: remind both sides of the bookings that
start tomorrow (once: `reminder_sent_at`), and close the requests nobody answered in time."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from pmvt.agenda.recurrence import paris
from pmvt.assets.models import Booking, BookingStatus
from pmvt.assets.selectors import day_start
from pmvt.assets.services.notices import send_reminder, tell_declined

_RELATED = ("asset__territory", "asset__owner", "asset__actor", "asset__commune", "requester")


def send_reminders(*, now: datetime | None = None) -> int:
    """Remind the requester and the owner of every accepted booking starting tomorrow (Paris
    time), once. Returns the number of bookings reminded; a second run sends none."""
    now = now or timezone.now()
    tomorrow = day_start(paris(now).date() + timedelta(days=1))
    sent = 0
    with scopes_disabled(), transaction.atomic():
        bookings = (
            Booking.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(
                status=BookingStatus.ACCEPTED,
                reminder_sent_at__isnull=True,
                starts_at__gte=tomorrow,
                starts_at__lt=tomorrow + timedelta(days=1),
            )
            .select_related(*_RELATED)
            .order_by("pk")
        )
        for booking in bookings:
            send_reminder(booking=booking)
            booking.reminder_sent_at = now
            booking.save(update_fields=["reminder_sent_at"])
            sent += 1
    return sent


def expire_requests(*, now: datetime | None = None) -> int:
    """Decline the requests whose period has begun without an answer; the requester is told.
    Returns how many were closed."""
    now = now or timezone.now()
    closed = 0
    with scopes_disabled(), transaction.atomic():
        bookings = (
            Booking.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(status=BookingStatus.REQUESTED, starts_at__lte=now)
            .select_related(*_RELATED)
            .order_by("pk")
        )
        for booking in bookings:
            booking.status = BookingStatus.DECLINED
            booking.answer = _(
                "Demande close automatiquement : la période a commencé sans réponse."
            )
            booking.answered_at = now
            booking.save(update_fields=["status", "answer", "answered_at"])
            tell_declined(booking=booking)
            closed += 1
    return closed
