"""Book an asset: request a period, accept or decline it, cancel it.

Two accepted bookings of one asset never overlap. Accepting locks the asset row
(select_for_update, so acceptances of one asset run one at a time), then checks the period
again; PostgreSQL's exclusion constraint (migration 0002) refuses an overlap all the same.
Requests may overlap each other: accepting one declines the other requests it overlaps.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.assets.access import (
    access_asset_booking,
    access_booking_as_manager,
    access_booking_as_party,
)
from pmvt.assets.errors import AssetStateError, BookingOverlapError, BookingPeriodError
from pmvt.assets.models import Asset, Booking, BookingStatus
from pmvt.assets.selectors import blocked_overlap, outside_window, overlapping_accepted
from pmvt.assets.services.notices import (
    tell_accepted,
    tell_cancelled,
    tell_declined,
    tell_requested,
)

MAX_BOOKING_DAYS = 90
MAX_TEXT = 2000


def _text(value: str, *, field: str) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise BookingPeriodError(_("Ce texte tient en 2 000 caractères au plus."), field=field)
    return text


def check_period(
    *, asset: Asset, starts_at: datetime, ends_at: datetime, now: datetime | None = None
) -> None:
    """Raise a French error if the period cannot be booked (overlap with requests aside)."""
    now = now or timezone.now()
    if starts_at is None or ends_at is None:
        raise BookingPeriodError(_("Indiquez le début et la fin de la période."), field="starts_at")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise BookingPeriodError(_("La période doit être datée avec son fuseau horaire."))
    if starts_at <= now:
        raise BookingPeriodError(
            _("La réservation doit commencer dans le futur."), field="starts_at"
        )
    if ends_at <= starts_at:
        raise BookingPeriodError(
            _("La fin de la réservation doit suivre son début."), field="ends_at"
        )
    if ends_at - starts_at > timedelta(days=MAX_BOOKING_DAYS):
        raise BookingPeriodError(_("Une réservation dure 90 jours au plus."), field="ends_at")
    if outside_window(asset=asset, starts_at=starts_at, ends_at=ends_at):
        raise BookingPeriodError(
            _("Le bien n'est pas proposé sur toute cette période : voyez ses disponibilités."),
            field="starts_at",
        )
    if blocked_overlap(asset=asset, starts_at=starts_at, ends_at=ends_at):
        raise BookingPeriodError(
            _("Le bien n'est pas disponible certains jours de cette période."), field="starts_at"
        )


def _check_not_booked(
    *, booking_pk: int | None, asset: Asset, starts_at: datetime, ends_at: datetime
) -> None:
    if overlapping_accepted(
        asset=asset, starts_at=starts_at, ends_at=ends_at, exclude_pk=booking_pk
    ).exists():
        raise BookingOverlapError(_("Le bien est déjà réservé sur cette période."))


@transaction.atomic
def booking_request(
    *, asset: Asset, requester: User, starts_at: datetime, ends_at: datetime, message: str = ""
) -> Booking:
    """Ask the asset's owner for a period; they are told and answer later."""
    access_asset_booking(user=requester, asset=asset)
    check_period(asset=asset, starts_at=starts_at, ends_at=ends_at)
    _check_not_booked(booking_pk=None, asset=asset, starts_at=starts_at, ends_at=ends_at)
    message = _text(message, field="message")
    if Booking.objects.filter(
        asset=asset,
        requester=requester,
        status__in=[BookingStatus.REQUESTED, BookingStatus.ACCEPTED],
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).exists():
        raise BookingOverlapError(
            _("Vous avez déjà une demande en cours pour ce bien sur cette période.")
        )
    booking = Booking.objects.create(
        territory=asset.territory,
        asset=asset,
        requester=requester,
        starts_at=starts_at,
        ends_at=ends_at,
        message=message,
    )
    tell_requested(booking=booking)
    return booking


def _lock(booking: Booking) -> tuple[Asset, Booking]:
    """Lock the asset row, then the booking row (always in this order: no deadlock)."""
    asset = (
        Asset.objects.select_for_update(of=("self",))
        .select_related("territory", "owner", "actor", "commune")
        .get(pk=booking.asset_id)
    )
    locked = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("requester")
        .get(pk=booking.pk)
    )
    locked.asset = asset
    return asset, locked


def _refresh(booking: Booking, locked: Booking, fields: list[str]) -> Booking:
    """Copy the new state to the caller's instance too."""
    for name in fields:
        setattr(booking, name, getattr(locked, name))
    return locked


@transaction.atomic
def booking_accept(*, booking: Booking, by: User, answer: str = "") -> Booking:
    """Accept a request: the period is the requester's. Requests overlapping it are declined."""
    access_booking_as_manager(user=by, booking=booking)
    answer = _text(answer, field="answer")
    asset, locked = _lock(booking)
    if locked.status != BookingStatus.REQUESTED:
        raise AssetStateError(_("Cette demande a déjà reçu une réponse."))
    now = timezone.now()
    if locked.starts_at <= now:
        raise BookingPeriodError(
            _("La période demandée a commencé : la demande ne peut plus être acceptée.")
        )
    if blocked_overlap(asset=asset, starts_at=locked.starts_at, ends_at=locked.ends_at):
        raise BookingPeriodError(
            _("Le bien n'est plus disponible certains jours de cette période.")
        )
    _check_not_booked(
        booking_pk=locked.pk, asset=asset, starts_at=locked.starts_at, ends_at=locked.ends_at
    )
    locked.status = BookingStatus.ACCEPTED
    locked.answer = answer
    locked.answered_at = now
    try:
        with transaction.atomic():
            locked.save(update_fields=["status", "answer", "answered_at"])
    except IntegrityError:  # PostgreSQL's exclusion constraint: the last line of defence.
        raise BookingOverlapError(_("Le bien est déjà réservé sur cette période.")) from None
    tell_accepted(booking=locked)
    overlapping = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("requester")
        .filter(
            asset=asset,
            status=BookingStatus.REQUESTED,
            starts_at__lt=locked.ends_at,
            ends_at__gt=locked.starts_at,
        )
        .exclude(pk=locked.pk)
        .order_by("pk")
    )
    for other in overlapping:
        other.asset = asset
        other.status = BookingStatus.DECLINED
        other.answer = _("Le bien a été réservé par une autre personne sur cette période.")
        other.answered_at = now
        other.save(update_fields=["status", "answer", "answered_at"])
        tell_declined(booking=other)
    return _refresh(booking, locked, ["status", "answer", "answered_at"])


@transaction.atomic
def booking_decline(*, booking: Booking, by: User, answer: str = "") -> Booking:
    """Decline a request, with an answer for the requester."""
    access_booking_as_manager(user=by, booking=booking)
    answer = _text(answer, field="answer")
    _asset, locked = _lock(booking)
    if locked.status != BookingStatus.REQUESTED:
        raise AssetStateError(_("Cette demande a déjà reçu une réponse."))
    locked.status = BookingStatus.DECLINED
    locked.answer = answer
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answer", "answered_at"])
    tell_declined(booking=locked)
    return _refresh(booking, locked, ["status", "answer", "answered_at"])


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User, reason: str = "") -> Booking:
    """Cancel a request or an accepted booking before it ends; the other side is told why.
    A manager cancelling someone's booking must give the reason."""
    access_booking_as_party(user=by, booking=booking)
    reason = _text(reason, field="reason")
    _asset, locked = _lock(booking)
    if locked.status not in (BookingStatus.REQUESTED, BookingStatus.ACCEPTED):
        raise AssetStateError(_("Cette réservation n'est plus en cours."))
    if locked.ends_at <= timezone.now():
        raise AssetStateError(_("Cette réservation est terminée : elle ne peut plus être annulée."))
    if by.pk != locked.requester_id and not reason:
        raise BookingPeriodError(
            _("Expliquez à la personne pourquoi vous annulez sa réservation."), field="reason"
        )
    locked.status = BookingStatus.CANCELLED
    locked.cancel_reason = reason
    locked.cancelled_by = by
    locked.save(update_fields=["status", "cancel_reason", "cancelled_by"])
    tell_cancelled(booking=locked, by=by)
    return _refresh(booking, locked, ["status", "cancel_reason", "cancelled_by"])
