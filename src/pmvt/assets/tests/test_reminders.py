"""The daily run: reminders the day before (once), expiry of unanswered past requests."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from pmvt.assets.models import Booking, BookingStatus
from pmvt.assets.services.bookings import booking_accept, booking_request
from pmvt.assets.services.reminders import expire_requests, send_reminders
from pmvt.assets.tests.conftest import in_days
from pmvt.notifications.models import Notification


def test_reminder_the_day_before_to_both_sides_once(
    asset, owner, requester, stranger, django_capture_on_commit_callbacks
):
    tomorrow = booking_request(
        asset=asset, requester=requester, starts_at=in_days(1), ends_at=in_days(2)
    )
    booking_accept(booking=tomorrow, by=owner)
    later = booking_request(
        asset=asset, requester=stranger, starts_at=in_days(5), ends_at=in_days(6)
    )
    booking_accept(booking=later, by=owner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, requester.email])
    assert mail.outbox[0].subject == "Rappel : demain, réservation de Remorque bâchée 750 kg"
    tomorrow.refresh_from_db()
    assert tomorrow.reminder_sent_at is not None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
    assert mail.outbox == []


def test_requests_not_accepted_get_no_reminder(asset, requester):
    booking_request(asset=asset, requester=requester, starts_at=in_days(1), ends_at=in_days(2))
    assert send_reminders() == 0


def test_expire_unanswered_past_requests(asset, requester):
    booking = booking_request(
        asset=asset, requester=requester, starts_at=in_days(1), ends_at=in_days(2)
    )
    future = booking_request(
        asset=asset, requester=requester, starts_at=in_days(3), ends_at=in_days(4)
    )
    assert expire_requests(now=timezone.now() + timedelta(days=2)) == 1
    booking.refresh_from_db()
    future.refresh_from_db()
    assert booking.status == BookingStatus.DECLINED
    assert booking.answer == "Demande close automatiquement : la période a commencé sans réponse."
    assert future.status == BookingStatus.REQUESTED
    assert (
        Notification.objects.filter(user=requester, title__startswith="Réservation refusée").count()
        == 1
    )


def test_command_runs_both(asset, owner, requester, capsys):
    booking = booking_request(
        asset=asset, requester=requester, starts_at=in_days(1), ends_at=in_days(2)
    )
    booking_accept(booking=booking, by=owner)
    call_command("assets_send_reminders")
    assert capsys.readouterr().out.strip() == "1 rappel(s) envoyé(s), 0 demande(s) close(s)."
    assert Booking.objects.get().reminder_sent_at is not None
