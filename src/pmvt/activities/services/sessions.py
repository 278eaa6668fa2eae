"""Write the sessions of an activity: add one or a weekly series, change the places, cancel one."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.activities.access import access_activity_as_organiser
from pmvt.activities.errors import ActivityFieldError
from pmvt.activities.models import Activity, Registration, Session
from pmvt.activities.services.activities import _cancel_session
from pmvt.activities.services.notices import tell_promoted
from pmvt.core.seats import seat_lock, seats_promote, session_starts

MAX_CAPACITY = 500


def _check_capacity(capacity: int) -> None:
    if capacity < 1:
        raise ActivityFieldError(_("Indiquez au moins une place."), field="capacity")
    if capacity > MAX_CAPACITY:
        raise ActivityFieldError(
            _("Indiquez au plus %(max)s places.") % {"max": MAX_CAPACITY}, field="capacity"
        )


@transaction.atomic
def sessions_add(
    *,
    activity: Activity,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    weekly: bool = False,
    weeks: int | None = None,
    until: date | None = None,
) -> list[Session]:
    """One session, or one a week for `weeks` weeks or until `until`; each with `capacity` places.
    A session the activity already has is skipped."""
    access_activity_as_organiser(user=by, activity=activity)
    if starts_at <= timezone.now():
        raise ActivityFieldError(_("La date doit être dans le futur."), field="starts_at")
    if ends_at <= starts_at:
        raise ActivityFieldError(_("La fin doit suivre le début."), field="ends_at")
    _check_capacity(capacity)
    length = ends_at - starts_at
    existing = set(Session.objects.filter(activity=activity).values_list("starts_at", flat=True))
    sessions = [
        Session(
            territory=activity.territory,
            activity=activity,
            starts_at=start,
            ends_at=start + length,
            capacity=capacity,
        )
        for start in session_starts(first=starts_at, weekly=weekly, weeks=weeks, until=until)
        if start not in existing
    ]
    return Session.objects.bulk_create(sessions)


@transaction.atomic
def session_set_capacity(*, session: Session, by: User, capacity: int) -> Session:
    """Change the places of a session: never below the seats already given; more places go to
    the people waiting, in order."""
    session = seat_lock(Session, session.pk)
    access_activity_as_organiser(user=by, activity=session.activity)
    _check_capacity(capacity)
    if capacity < session.confirmed_count:
        raise ActivityFieldError(
            _("%(count)s personnes sont déjà inscrites : indiquez au moins autant de places.")
            % {"count": session.confirmed_count},
            field="capacity",
        )
    session.capacity = capacity
    session.save(update_fields=["capacity"])
    for registration in seats_promote(session=session, seat_model=Registration):
        tell_promoted(registration=registration, session=session)
    return session


@transaction.atomic
def session_cancel(*, session: Session, by: User) -> Session:
    """Cancel one session; the people registered to it are told."""
    session = seat_lock(Session, session.pk)
    access_activity_as_organiser(user=by, activity=session.activity)
    if session.is_cancelled:
        raise ActivityFieldError(_("Cette séance est déjà annulée."), field="session")
    _cancel_session(session)
    return session
