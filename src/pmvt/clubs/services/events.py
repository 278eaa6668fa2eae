"""A club puts forward events of the territory's agenda to its members."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.agenda.models import Event
from pmvt.clubs.access import access_club_manage
from pmvt.clubs.errors import ClubErrorCode
from pmvt.clubs.models import Club, ClubEvent
from pmvt.community.models import Visibility
from pmvt.core.exceptions import ApplicationError


@transaction.atomic
def club_event_attach(*, club: Club, event: Event, by: User) -> ClubEvent:
    """Show a published event of the same territory on the club's page (once)."""
    access_club_manage(user=by, club=club)
    if event.territory_id != club.territory_id or event.visibility != Visibility.PUBLISHED:
        raise ApplicationError(
            _("Choisissez un événement publié dans l'agenda du territoire."),
            code=ClubErrorCode.EVENT_UNAVAILABLE,
        )
    existing = ClubEvent.objects.filter(club=club, event=event).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return ClubEvent.objects.create(
                territory=club.territory, club=club, event=event, added_by=by
            )
    except IntegrityError:  # Attached meanwhile by another moderator.
        return ClubEvent.objects.get(club=club, event=event)


@transaction.atomic
def club_event_detach(*, club_event: ClubEvent, by: User) -> None:
    access_club_manage(user=by, club=club_event.club)
    club_event.delete()
