"""Sign up to a date of a mission, cancel, and promote the first person waiting.

The seat engine (pmvt.core.seats) counts the places under a lock on the session row.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.core.seats import ACTIVE_SEAT_STATUSES, seat_lock, seat_release, seat_take
from pmvt.volunteering.access import access_sign_up, access_signup_cancel
from pmvt.volunteering.errors import VolunteeringErrorCode
from pmvt.volunteering.models import Session, Signup
from pmvt.volunteering.services.notices import tell_promoted, tell_signed_up


def _locked(session: Session) -> Session:
    locked = seat_lock(Session, session.pk)
    locked.mission = session.mission
    return locked


@transaction.atomic
def signup_create(*, session: Session, user: User, send_email: bool = True) -> Signup:
    """A confirmed place while places remain, else a place on the waiting list; the volunteer
    gets a confirmation either way (`send_email=False`: the demo data only)."""
    session = _locked(session)
    access_sign_up(user=user, session=session)
    signup = seat_take(
        session=session,
        seat_model=Signup,
        same_person={"user": user},
        values={"territory": session.territory},
    )
    if send_email:
        tell_signed_up(signup=signup, session=session)
    return signup


@transaction.atomic
def signup_cancel(*, session: Session, user: User) -> Signup | None:
    """Cancel the user's sign-up to this date; a freed place goes to the first person waiting,
    who is told. Returns the promoted sign-up, if any."""
    session = _locked(session)
    signup = (
        Signup.objects.select_for_update(of=("self",))
        .filter(session=session, user=user, status__in=ACTIVE_SEAT_STATUSES)
        .first()
    )
    if signup is None:
        raise ApplicationError(
            _("Vous n'êtes pas inscrit à cette date."), code=VolunteeringErrorCode.NOT_SIGNED_UP
        )
    signup.session = session
    access_signup_cancel(user=user, signup=signup)
    release = seat_release(session=session, seat=signup)
    for promoted in release.promoted:
        tell_promoted(signup=promoted, session=session)
    return release.promoted[0] if release.promoted else None
