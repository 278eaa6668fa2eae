"""Booking an asset: request, accept, decline, cancel; the period's rules; who is told."""

from datetime import time, timedelta

import pytest
from django.core import mail

from pmvt.agenda.recurrence import paris
from pmvt.assets.errors import AssetStateError, BookingOverlapError, BookingPeriodError
from pmvt.assets.models import Booking, BookingStatus
from pmvt.assets.selectors import asset_is_free
from pmvt.assets.services.assets import asset_unavailability_add, asset_withdraw
from pmvt.assets.services.bookings import (
    booking_accept,
    booking_cancel,
    booking_decline,
    booking_request,
)
from pmvt.assets.tests.conftest import in_days
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.notifications.models import Notification


def _request(asset, requester, start=3, end=4, **kwargs):
    return booking_request(
        asset=asset, requester=requester, starts_at=in_days(start), ends_at=in_days(end), **kwargs
    )


def test_request_tells_the_owner_in_app_and_by_email(
    asset, owner, requester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = _request(asset, requester, message="Pour un déménagement.")
    assert booking.status == BookingStatus.REQUESTED
    notification = Notification.objects.get(user=owner)
    assert notification.title == "Nouvelle demande de réservation : Remorque bâchée 750 kg"
    assert "Marc Emprunte demande à réserver" in notification.body
    assert "Pour un déménagement." in notification.body
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert requester.email not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 1, "La réservation doit commencer dans le futur."),
        (4, 3, "La fin de la réservation doit suivre son début."),
        (2, 93, "Une réservation dure 90 jours au plus."),
    ],
)
def test_request_refuses_bad_period(asset, requester, start, end, message):
    with pytest.raises(BookingPeriodError) as error:
        _request(asset, requester, start, end)
    assert str(error.value.message) == message
    assert Booking.objects.count() == 0


def test_request_refuses_outside_availability_window(territory, make_asset, owner, requester):
    today = paris(in_days(0)).date()
    asset = make_asset(territory, owner, available_from=today + timedelta(days=10), title="Salle")
    with pytest.raises(BookingPeriodError) as error:
        _request(asset, requester, 3, 4)
    assert str(error.value.message).startswith("Le bien n'est pas proposé sur toute")
    assert _request(asset, requester, 11, 12).status == BookingStatus.REQUESTED


def test_request_refuses_blocked_days(asset, owner, requester):
    day = paris(in_days(5)).date()
    asset_unavailability_add(asset=asset, by=owner, starts_on=day, ends_on=day)
    with pytest.raises(BookingPeriodError) as error:
        _request(asset, requester, 4, 6)
    assert (
        str(error.value.message) == "Le bien n'est pas disponible certains jours de cette période."
    )
    assert Booking.objects.count() == 0


def test_request_refuses_period_overlapping_accepted_booking(asset, owner, requester, stranger):
    booking_accept(booking=_request(asset, requester, 3, 5), by=owner)
    with pytest.raises(BookingOverlapError) as error:
        _request(asset, stranger, 4, 6)
    assert str(error.value.message) == "Le bien est déjà réservé sur cette période."
    # Back-to-back is fine: the first ends when the second starts.
    assert (
        booking_request(
            asset=asset, requester=stranger, starts_at=in_days(5), ends_at=in_days(6)
        ).status
        == BookingStatus.REQUESTED
    )


def test_request_refused_to_owner_outsider_and_on_withdrawn_asset(
    asset, owner, requester, other_territory, make_member
):
    with pytest.raises(PermissionDeniedError):
        _request(asset, owner)
    with pytest.raises(PermissionDeniedError):
        _request(asset, make_member(other_territory))
    asset_withdraw(asset=asset, by=owner)
    with pytest.raises(PermissionDeniedError):
        _request(asset, requester)
    assert Booking.objects.count() == 0


def test_request_refuses_duplicate(asset, requester):
    _request(asset, requester)
    with pytest.raises(BookingOverlapError):
        _request(asset, requester)
    assert Booking.objects.count() == 1


def test_accept_by_manager_tells_requester_and_declines_overlapping_requests(
    asset, owner, requester, stranger, django_capture_on_commit_callbacks
):
    first = _request(asset, requester, 3, 5)
    second = _request(asset, stranger, 4, 6)
    untouched = _request(asset, stranger, 6, 7)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking_accept(booking=first, by=owner, answer="Les clés sont chez moi.")
    first.refresh_from_db()
    second.refresh_from_db()
    untouched.refresh_from_db()
    assert (first.status, first.answer) == (BookingStatus.ACCEPTED, "Les clés sont chez moi.")
    assert second.status == BookingStatus.DECLINED
    assert second.answer == "Le bien a été réservé par une autre personne sur cette période."
    assert untouched.status == BookingStatus.REQUESTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([requester.email, stranger.email])
    assert Notification.objects.get(user=requester).title == (
        "Réservation acceptée : Remorque bâchée 750 kg"
    )


def test_accept_and_decline_denied_to_requester_and_stranger(asset, requester, stranger):
    booking = _request(asset, requester)
    for user in (requester, stranger):
        with pytest.raises(PermissionDeniedError):
            booking_accept(booking=booking, by=user)
        with pytest.raises(PermissionDeniedError):
            booking_decline(booking=booking, by=user)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


def test_decline_with_answer_then_no_second_answer(asset, owner, requester):
    booking = _request(asset, requester)
    booking_decline(booking=booking, by=owner, answer="Elle est en réparation.")
    booking.refresh_from_db()
    assert (booking.status, booking.answer) == (BookingStatus.DECLINED, "Elle est en réparation.")
    assert booking.answered_at is not None
    with pytest.raises(AssetStateError):
        booking_accept(booking=booking, by=owner)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.DECLINED


def test_accept_refused_when_owner_blocked_the_days_since(asset, owner, requester):
    booking = _request(asset, requester, 3, 4)
    day = paris(in_days(3)).date()
    asset_unavailability_add(asset=asset, by=owner, starts_on=day, ends_on=day)
    with pytest.raises(BookingPeriodError):
        booking_accept(booking=booking, by=owner)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


def test_requester_cancels_and_owner_is_told(asset, owner, requester):
    booking = _request(asset, requester)
    booking_accept(booking=booking, by=owner)
    booking_cancel(booking=booking, by=requester, reason="Finalement, plus besoin.")
    booking.refresh_from_db()
    assert (booking.status, booking.cancel_reason, booking.cancelled_by) == (
        BookingStatus.CANCELLED,
        "Finalement, plus besoin.",
        requester,
    )
    assert (
        Notification.objects.filter(user=owner, title__startswith="Réservation annulée").count()
        == 1
    )


def test_manager_cancel_needs_a_reason(asset, owner, requester):
    booking = _request(asset, requester)
    booking_accept(booking=booking, by=owner)
    with pytest.raises(BookingPeriodError) as error:
        booking_cancel(booking=booking, by=owner)
    assert error.value.field == "reason"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ACCEPTED
    booking_cancel(booking=booking, by=owner, reason="La remorque est crevée.")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert (
        Notification.objects.filter(user=requester, title__startswith="Réservation annulée").count()
        == 1
    )


def test_cancel_denied_to_stranger_and_twice(asset, requester, stranger):
    booking = _request(asset, requester)
    with pytest.raises(PermissionDeniedError):
        booking_cancel(booking=booking, by=stranger, reason="Non")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    booking_cancel(booking=booking, by=requester)
    with pytest.raises(AssetStateError):
        booking_cancel(booking=booking, by=requester)


def test_cancelled_period_is_free_again(asset, owner, requester, stranger):
    booking = _request(asset, requester)
    booking_accept(booking=booking, by=owner)
    assert not asset_is_free(asset=asset, starts_at=in_days(3), ends_at=in_days(4))
    booking_cancel(booking=booking, by=requester)
    assert asset_is_free(asset=asset, starts_at=in_days(3), ends_at=in_days(4))
    assert _request(asset, stranger).status == BookingStatus.REQUESTED


def test_asset_is_free_rules(territory, make_asset, owner):
    today = paris(in_days(0)).date()
    asset = make_asset(territory, owner, available_until=today + timedelta(days=10))
    asset_unavailability_add(
        asset=asset,
        by=owner,
        starts_on=today + timedelta(days=4),
        ends_on=today + timedelta(days=4),
    )
    assert asset_is_free(asset=asset, starts_at=in_days(2), ends_at=in_days(3))
    assert not asset_is_free(asset=asset, starts_at=in_days(3), ends_at=in_days(5))
    assert not asset_is_free(asset=asset, starts_at=in_days(9), ends_at=in_days(12))
    assert not asset_is_free(asset=asset, starts_at=in_days(3), ends_at=in_days(2))
    # A booking ending at midnight does not touch the next day.
    assert asset_is_free(asset=asset, starts_at=in_days(3, time(10)), ends_at=in_days(4, time(0)))
