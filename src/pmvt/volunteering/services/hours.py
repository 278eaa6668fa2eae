"""After a date: the organiser marks who came and records the hours actually given."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.seats import SeatStatus
from pmvt.volunteering.access import access_mission_as_organiser
from pmvt.volunteering.errors import MissionFieldError
from pmvt.volunteering.models import Signup

# Volunteers often stay a little longer than planned (tidying up, a last visitor).
HOURS_MARGIN = timedelta(hours=2)


def max_hours(signup: Signup) -> Decimal:
    """The most hours one may record for a date: its length plus the margin."""
    seconds = (signup.session.length + HOURS_MARGIN).total_seconds()
    return (Decimal(int(seconds)) / Decimal(3600)).quantize(Decimal("0.01"))


@transaction.atomic
def signup_record_attendance(
    *, signup: Signup, by: User, attended: bool, hours: Decimal | None
) -> Signup:
    """Mark a confirmed volunteer present (with the hours given) or absent (no hours)."""
    signup = (
        Signup.objects.select_for_update(of=("self",))
        .select_related("session__mission__territory", "session__mission__organiser")
        .get(pk=signup.pk)
    )
    access_mission_as_organiser(user=by, mission=signup.session.mission)
    if signup.status != SeatStatus.CONFIRMED:
        raise MissionFieldError(
            _("Seules les personnes dont l'inscription est confirmée peuvent être pointées."),
            field="hours",
        )
    if signup.session.starts_at > timezone.now():
        raise MissionFieldError(
            _("Les heures se saisissent une fois la mission commencée."), field="hours"
        )
    if not attended and hours is not None:
        raise MissionFieldError(
            _("Une personne absente n'a pas d'heures à compter."), field="hours"
        )
    if hours is not None:
        if hours <= 0:
            raise MissionFieldError(_("Indiquez un nombre d'heures positif."), field="hours")
        limit = max_hours(signup)
        if hours > limit:
            raise MissionFieldError(
                _("Indiquez au plus %(max)s heures pour cette date.")
                % {"max": str(limit.normalize()).replace(".", ",")},
                field="hours",
            )
    signup.attended = attended
    signup.hours = hours
    signup.hours_recorded_at = timezone.now()
    signup.hours_recorded_by = by
    signup.save(
        update_fields=["attended", "hours", "hours_recorded_at", "hours_recorded_by", "updated_at"]
    )
    return signup
