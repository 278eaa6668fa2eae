"""Register to a session of an activity (oneself or a relative), cancel, and promote the first
person waiting.

The seat engine (pmvt.core.seats) counts the places under a lock on the session row. One
registration is one seat; a member registers a relative by giving the relative's name.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.activities.access import access_register, access_registration_cancel
from pmvt.activities.errors import ActivitiesErrorCode, ActivityFieldError
from pmvt.activities.models import Registration, Session
from pmvt.activities.services.notices import tell_promoted, tell_registered
from pmvt.core.exceptions import ApplicationError
from pmvt.core.seats import ACTIVE_SEAT_STATUSES, seat_lock, seat_release, seat_take


def _locked(session: Session) -> Session:
    locked = seat_lock(Session, session.pk)
    locked.activity = session.activity
    return locked


@transaction.atomic
def registration_create(
    *,
    session: Session,
    user: User,
    participant_name: str = "",
    contact_phone: str = "",
    send_email: bool = True,
) -> Registration:
    """A confirmed seat while seats remain, else a place on the waiting list; the member gets
    a confirmation either way (`send_email=False`: the demo data only)."""
    participant_name = " ".join(participant_name.split())
    if len(participant_name) > 150:
        raise ActivityFieldError(_("Le nom est trop long."), field="participant_name")
    session = _locked(session)
    access_register(user=user, session=session)
    try:
        registration = seat_take(
            session=session,
            seat_model=Registration,
            same_person={"user": user, "participant_name": participant_name},
            values={"territory": session.territory, "contact_phone": contact_phone.strip()},
        )
    except ApplicationError as error:
        if participant_name and error.code == "already_signed_up":
            raise ApplicationError(
                _("%(name)s est déjà inscrit à cette séance.") % {"name": participant_name},
                code=error.code,
            ) from None
        raise
    if send_email:
        tell_registered(registration=registration, session=session)
    return registration


@transaction.atomic
def registration_cancel(
    *, session: Session, user: User, registration_id: int
) -> Registration | None:
    """Cancel one of the user's registrations to this session; a freed seat goes to the first
    person waiting, who is told. Returns the promoted registration, if any."""
    session = _locked(session)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .filter(pk=registration_id, session=session, user=user, status__in=ACTIVE_SEAT_STATUSES)
        .first()
    )
    if registration is None:
        raise ApplicationError(
            _("Cette inscription n'existe pas ou est déjà annulée."),
            code=ActivitiesErrorCode.NOT_REGISTERED,
        )
    registration.session = session
    access_registration_cancel(user=user, registration=registration)
    release = seat_release(session=session, seat=registration)
    for promoted in release.promoted:
        tell_promoted(registration=promoted, session=session)
    return release.promoted[0] if release.promoted else None
