"""Permission rules of the agenda: who sees, proposes, edits an event and registers to it.

- a published event: everyone; a pending or hidden one: its author, its editors and the
  territory's moderators; a removed one: the territory's moderators only;
- proposing an event: a member of the territory (or the operator); it may be organised in the
  name of a verified actor on whose team the person is;
- editing: the author, the team of the organising actor, the territory's moderators and
  admins (a removed event: the moderators only);
- registering: a member of the territory, to a future, not cancelled date of a published
  event that takes registrations.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_moderate_territory, is_operator, membership_of
from pmvt.actors.models import Actor
from pmvt.actors.selectors import verified_actors
from pmvt.agenda.models import Event, Occurrence
from pmvt.community.models import Visibility
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory


def organiser_actors(*, user: AnyUser, territory: Territory) -> QuerySet[Actor]:
    """The verified actors in whose name the user may organise an event."""
    if not user.is_authenticated:
        return Actor.objects.none()
    return verified_actors(territory=territory).filter(staff__user=user)


def is_organiser_staff(*, user: AnyUser, event: Event) -> bool:
    if not user.is_authenticated or event.organiser_id is None:
        return False
    return (
        organiser_actors(user=user, territory=event.territory)
        .filter(pk=event.organiser_id)
        .exists()
    )


def is_member(*, user: AnyUser, territory: Territory) -> bool:
    if is_operator(user):
        return True
    return membership_of(user=user, territory=territory) is not None


# --- seeing ------------------------------------------------------------------------------------


def can_view_event(*, user: AnyUser, event: Event) -> bool:
    if event.visibility == Visibility.PUBLISHED:
        return True
    if can_moderate_territory(user=user, territory=event.territory):
        return True
    if event.visibility == Visibility.REMOVED:
        return False
    if user.is_authenticated and event.author_id == user.pk:
        return True
    return is_organiser_staff(user=user, event=event)


# --- proposing and editing ---------------------------------------------------------------------


def can_create_event(*, user: AnyUser, territory: Territory) -> bool:
    if not user.is_authenticated:
        return False
    return is_member(user=user, territory=territory)


def access_event_create(*, user: AnyUser, territory: Territory) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour proposer un événement."))
    if not can_create_event(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Rejoignez ce territoire pour proposer un événement à son agenda.")
        )


def can_edit_event(*, user: AnyUser, event: Event) -> bool:
    if not user.is_authenticated:
        return False
    if can_moderate_territory(user=user, territory=event.territory):
        return True
    if event.visibility == Visibility.REMOVED:
        return False
    if event.author_id == user.pk and is_member(user=user, territory=event.territory):
        return True
    return is_organiser_staff(user=user, event=event)


def access_event_edit(*, user: AnyUser, event: Event) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour modifier cet événement."))
    if not can_edit_event(user=user, event=event):
        raise PermissionDeniedError(
            _(
                "Seuls l'auteur de l'événement, l'équipe qui l'organise et les modérateurs du "
                "territoire peuvent le modifier."
            )
        )


# --- registering -------------------------------------------------------------------------------


def registration_refusal(*, user: AnyUser, occurrence: Occurrence) -> str:
    """Why the user may not register to this date ("" when they may)."""
    event = occurrence.event
    if not event.registration_enabled:
        return str(_("Cet événement ne prend pas d'inscription."))
    if event.visibility != Visibility.PUBLISHED:
        return str(_("Les inscriptions ouvriront quand l'événement sera publié."))
    if occurrence.is_cancelled:
        return str(_("Cette date est annulée."))
    if occurrence.starts_at <= timezone.now():
        return str(_("Cette date est passée : les inscriptions sont closes."))
    if not user.is_authenticated:
        return str(_("Connectez-vous pour vous inscrire."))
    if not is_member(user=user, territory=event.territory):
        return str(_("Rejoignez ce territoire pour vous inscrire à ses événements."))
    return ""


def can_register(*, user: AnyUser, occurrence: Occurrence) -> bool:
    return registration_refusal(user=user, occurrence=occurrence) == ""


def access_event_register(*, user: AnyUser, occurrence: Occurrence) -> None:
    refusal = registration_refusal(user=user, occurrence=occurrence)
    if refusal:
        raise PermissionDeniedError(refusal)
