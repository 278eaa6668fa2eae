"""Write the dates of a mission: add one or a weekly series, change the places, cancel one."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.seats import seat_lock, seats_promote, session_starts
from pmvt.volunteering.access import access_mission_as_organiser
from pmvt.volunteering.errors import MissionFieldError
from pmvt.volunteering.models import Mission, Session, Signup
from pmvt.volunteering.services.missions import _cancel_session
from pmvt.volunteering.services.notices import tell_promoted

MAX_CAPACITY = 500


def _check_capacity(capacity: int) -> None:
    if capacity < 1:
        raise MissionFieldError(_("Indiquez au moins une place."), field="capacity")
    if capacity > MAX_CAPACITY:
        raise MissionFieldError(
            _("Indiquez au plus %(max)s places.") % {"max": MAX_CAPACITY}, field="capacity"
        )


@transaction.atomic
def sessions_add(
    *,
    mission: Mission,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    weekly: bool = False,
    weeks: int | None = None,
    until: date | None = None,
) -> list[Session]:
    """One date, or one a week for `weeks` weeks or until `until`; each with `capacity` places.
    A date the mission already has is skipped."""
    access_mission_as_organiser(user=by, mission=mission)
    if starts_at <= timezone.now():
        raise MissionFieldError(_("La date doit être dans le futur."), field="starts_at")
    if ends_at <= starts_at:
        raise MissionFieldError(_("La fin doit suivre le début."), field="ends_at")
    _check_capacity(capacity)
    length = ends_at - starts_at
    existing = set(Session.objects.filter(mission=mission).values_list("starts_at", flat=True))
    sessions = [
        Session(
            territory=mission.territory,
            mission=mission,
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
    """Change the places of a date: never below the seats already given; more places go to
    the people waiting, in order."""
    session = seat_lock(Session, session.pk)
    access_mission_as_organiser(user=by, mission=session.mission)
    _check_capacity(capacity)
    if capacity < session.confirmed_count:
        raise MissionFieldError(
            _("%(count)s personnes sont déjà inscrites : indiquez au moins autant de places.")
            % {"count": session.confirmed_count},
            field="capacity",
        )
    session.capacity = capacity
    session.save(update_fields=["capacity"])
    for signup in seats_promote(session=session, seat_model=Signup):
        tell_promoted(signup=signup, session=session)
    return session


@transaction.atomic
def session_cancel(*, session: Session, by: User) -> Session:
    """Cancel one date; the volunteers signed up to it are told."""
    session = seat_lock(Session, session.pk)
    access_mission_as_organiser(user=by, mission=session.mission)
    if session.is_cancelled:
        raise MissionFieldError(_("Cette date est déjà annulée."), field="session")
    _cancel_session(session)
    return session
