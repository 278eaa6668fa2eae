"""Register to a date of an event, cancel, and promote the first person waiting.

Seats are counted under a lock on the occurrence row (select_for_update; SQLite serialises
writers with its IMMEDIATE transactions), and the database allows one active registration
per person and date, so two clicks or two people racing for the last seat cannot overbook.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.agenda.access import access_event_register
from pmvt.agenda.errors import AgendaErrorCode
from pmvt.agenda.formatting import date_fr, time_fr
from pmvt.agenda.models import (
    ACTIVE_STATUSES,
    Occurrence,
    Registration,
    RegistrationStatus,
)
from pmvt.core.email import email_on_commit
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.links import absolute_url
from pmvt.notifications.services import notify


def _locked(occurrence_id: int) -> Occurrence:
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("event__territory", "event__commune")
        .get(pk=occurrence_id)
    )


def _recount(occurrence: Occurrence) -> None:
    registrations = Registration.objects.filter(occurrence=occurrence)
    occurrence.confirmed_count = registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    occurrence.waiting_count = registrations.filter(status=RegistrationStatus.WAITING).count()
    occurrence.save(update_fields=["confirmed_count", "waiting_count"])


def when_text(occurrence: Occurrence) -> str:
    """ "samedi 14 mars 2026 à 10 h" in Paris time."""
    return _("%(date)s à %(time)s") % {
        "date": date_fr(occurrence.starts_at),
        "time": time_fr(occurrence.starts_at),
    }


@transaction.atomic
def registration_create(
    *, occurrence: Occurrence, user: User, send_email: bool = True
) -> Registration:
    """A confirmed seat while seats remain, else a place on the waiting list if the event
    keeps one; a confirmation email either way (`send_email=False`: the demo data only)."""
    occurrence = _locked(occurrence.pk)
    access_event_register(user=user, occurrence=occurrence)
    event = occurrence.event
    if Registration.objects.filter(
        occurrence=occurrence, user=user, status__in=ACTIVE_STATUSES
    ).exists():
        raise ApplicationError(
            _("Vous êtes déjà inscrit à cette date."), code=AgendaErrorCode.ALREADY_REGISTERED
        )
    confirmed = Registration.objects.filter(
        occurrence=occurrence, status=RegistrationStatus.CONFIRMED
    ).count()
    if event.capacity is not None and confirmed < event.capacity:
        status = RegistrationStatus.CONFIRMED
    elif event.waiting_list:
        status = RegistrationStatus.WAITING
    else:
        raise ApplicationError(
            _("Cette date est complète : il n'y a plus de place."), code=AgendaErrorCode.FULL
        )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                territory=event.territory, occurrence=occurrence, user=user, status=status
            )
    except IntegrityError:
        raise ApplicationError(
            _("Vous êtes déjà inscrit à cette date."), code=AgendaErrorCode.ALREADY_REGISTERED
        ) from None
    _recount(occurrence)
    if send_email:
        _confirmation_email(registration=registration, occurrence=occurrence)
    return registration


def _confirmation_email(*, registration: Registration, occurrence: Occurrence) -> None:
    event = occurrence.event
    values = {
        "title": event.title,
        "when": when_text(occurrence),
        "place": event.location,
        "url": absolute_url(event.get_absolute_url()),
    }
    if registration.status == RegistrationStatus.CONFIRMED:
        subject = _("Inscription confirmée : %(title)s") % values
        body = (
            _(
                "Bonjour,\n\nVotre inscription à %(title)s est confirmée.\n\n"
                "Date : %(when)s\nLieu : %(place)s\n\n"
                "Si vous ne pouvez plus venir, annulez votre inscription depuis la page de "
                "l'événement : votre place ira à une autre personne.\n%(url)s\n"
            )
            % values
        )
    else:
        subject = _("Liste d'attente : %(title)s") % values
        body = (
            _(
                "Bonjour,\n\nLa date du %(when)s de %(title)s est complète : vous êtes sur la "
                "liste d'attente. Si une place se libère, elle vous sera attribuée et vous serez "
                "prévenu.\n\nLieu : %(place)s\n%(url)s\n"
            )
            % values
        )
    email_on_commit(subject=subject, body=body, to=[registration.user.email])


@transaction.atomic
def registration_cancel(*, occurrence: Occurrence, user: User) -> Registration | None:
    """Cancel the user's registration to this date; a freed seat goes to the first person
    waiting, who is told. Returns the promoted registration, if any."""
    occurrence = _locked(occurrence.pk)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .filter(occurrence=occurrence, user=user, status__in=ACTIVE_STATUSES)
        .first()
    )
    if registration is None:
        raise ApplicationError(
            _("Vous n'êtes pas inscrit à cette date."), code=AgendaErrorCode.NOT_REGISTERED
        )
    if occurrence.starts_at <= timezone.now():
        raise PermissionDeniedError(
            _("Cette date est passée : l'inscription ne peut plus être annulée.")
        )
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    promoted = _promote_first_waiting(occurrence) if was_confirmed else None
    _recount(occurrence)
    return promoted


def _promote_first_waiting(occurrence: Occurrence) -> Registration | None:
    event = occurrence.event
    confirmed = Registration.objects.filter(
        occurrence=occurrence, status=RegistrationStatus.CONFIRMED
    ).count()
    if event.capacity is None or confirmed >= event.capacity:
        return None
    first = (
        Registration.objects.select_for_update(of=("self",))
        .filter(occurrence=occurrence, status=RegistrationStatus.WAITING)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.CONFIRMED
    first.save(update_fields=["status", "updated_at"])
    notify(
        user=first.user,
        territory=event.territory,
        kind="event",
        title=_("Une place s'est libérée : vous êtes inscrit à %(title)s.")
        % {"title": event.title},
        body=_("Votre inscription pour le %(when)s est confirmée.")
        % {"when": when_text(occurrence)},
        url=event.get_absolute_url(),
    )
    return first
