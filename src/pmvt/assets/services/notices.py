"""What each side of a booking is told: a request, the answer, a cancellation, the reminder.

In-app notifications go through pmvt.notifications (kind "assets", mandatory: these are the
messages of a transaction), which also emails them; the reminder of the day before is an email
to both sides. Nobody's email address or phone number is ever given to the other side: they
answer each other through the booking's page.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.agenda.formatting import when_fr
from pmvt.assets.models import Booking
from pmvt.core.email import email_on_commit
from pmvt.notifications.links import absolute_url
from pmvt.notifications.services.inbox import notify

KIND = "assets"


def booking_url(booking: Booking) -> str:
    return reverse(
        "assets:booking",
        kwargs={"territory_slug": booking.asset.territory.slug, "booking_id": booking.pk},
    )


def person_name(user: User) -> str:
    """A person's public name, never their email address."""
    return user.display_name or _("Une personne du territoire")


def _values(booking: Booking) -> dict[str, str]:
    return {
        "title": booking.asset.title,
        "when": when_fr(booking.starts_at, booking.ends_at),
        "requester": person_name(booking.requester),
        "owner": booking.asset.owner_display,
        "url": absolute_url(booking_url(booking)),
    }


def _tell(*, user: User, booking: Booking, title: str, body: str) -> None:
    notify(
        user=user,
        territory=booking.asset.territory,
        kind=KIND,
        title=title,
        body=body,
        url=booking_url(booking),
    )


def tell_requested(*, booking: Booking) -> None:
    values = _values(booking)
    body = _("%(requester)s demande à réserver « %(title)s » : %(when)s.") % values
    if booking.message:
        body = f"{body}\n\n{booking.message}"
    _tell(
        user=booking.asset.owner,
        booking=booking,
        title=_("Nouvelle demande de réservation : %(title)s") % values,
        body=body,
    )


def tell_accepted(*, booking: Booking) -> None:
    values = _values(booking)
    body = _("Votre réservation de « %(title)s » (%(when)s) est acceptée par %(owner)s.") % values
    if booking.answer:
        body = f"{body}\n\n{booking.answer}"
    _tell(
        user=booking.requester,
        booking=booking,
        title=_("Réservation acceptée : %(title)s") % values,
        body=body,
    )


def tell_declined(*, booking: Booking) -> None:
    values = _values(booking)
    body = (
        _("Votre demande de réservation de « %(title)s » (%(when)s) n'est pas acceptée.") % values
    )
    if booking.answer:
        body = f"{body}\n\n{booking.answer}"
    _tell(
        user=booking.requester,
        booking=booking,
        title=_("Réservation refusée : %(title)s") % values,
        body=body,
    )


def tell_cancelled(*, booking: Booking, by: User) -> None:
    values = _values(booking)
    if by.pk == booking.requester_id:
        recipient = booking.asset.owner
        body = _("%(requester)s a annulé sa réservation de « %(title)s » (%(when)s).") % values
    else:
        recipient = booking.requester
        body = _("%(owner)s a annulé votre réservation de « %(title)s » (%(when)s).") % values
    if recipient.pk == by.pk:
        return
    if booking.cancel_reason:
        body = f"{body}\n\n{booking.cancel_reason}"
    _tell(
        user=recipient,
        booking=booking,
        title=_("Réservation annulée : %(title)s") % values,
        body=body,
    )


def send_reminder(*, booking: Booking) -> None:
    """The day before: both sides get the same practical reminder by email."""
    values = _values(booking)
    asset = booking.asset
    values["place"] = ", ".join(part for part in [asset.place, asset.commune.name] if part)
    for user in {booking.requester, asset.owner}:
        if not user.is_active or not user.email:
            continue
        email_on_commit(
            subject=_("Rappel : demain, réservation de %(title)s") % values,
            body=_(
                "Bonjour,\n\nPetit rappel : la réservation de « %(title)s » commence demain.\n\n"
                "Période : %(when)s\nLieu : %(place)s\nRéservé par : %(requester)s\n"
                "Proposé par : %(owner)s\n\n"
                "En cas d'empêchement, annulez la réservation depuis sa page, en donnant le "
                "motif : l'autre partie sera prévenue.\n%(url)s\n"
            )
            % values,
            to=[user.email],
        )
