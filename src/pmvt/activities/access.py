"""Permission rules of activities: who organises them, who sees them, who registers.

- organising (writing activities, their sessions, seeing who registered): the team (any role)
  of any verified actor of the territory, for that actor's activities; the territory's admins
  for the collectivité's own activities; the operator;
- seeing an activity: everyone once it is published or cancelled; a draft, its organisers only;
- registering: a member of the territory, to a future, not cancelled session of a published
  activity; cancelling: the member who registered, before the session.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, is_operator, membership_of
from pmvt.activities.models import Activity, ActivityStatus, Registration, Session
from pmvt.actors.access import staff_role_of
from pmvt.actors.models import Actor, ActorStatus
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory


def can_actor_organise(actor: Actor) -> bool:
    """Any verified actor (association, public body or business) may offer activities."""
    return actor.status == ActorStatus.VERIFIED


def can_organise(*, user: AnyUser, territory: Territory, actor: Actor | None) -> bool:
    """Manage the activities of `actor`, or of the collectivité when `actor` is None."""
    if not user.is_authenticated:
        return False
    if actor is None:
        return can_administer_territory(user=user, territory=territory)
    if actor.territory_id != territory.pk:
        return False
    if not can_actor_organise(actor):
        return False
    if is_operator(user):
        return True
    return staff_role_of(user=user, actor=actor) is not None


def access_activities_as_organiser(*, user: AnyUser, territory: Territory, actor: Actor | None):
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer les activités."))
    if actor is not None and not can_actor_organise(actor):
        raise PermissionDeniedError(
            _("Les activités sont proposées par les acteurs vérifiés par le territoire.")
        )
    if not can_organise(user=user, territory=territory, actor=actor):
        if actor is None:
            raise PermissionDeniedError(
                _(
                    "Seuls les administrateurs du territoire gèrent les activités de la collectivité."
                )
            )
        raise PermissionDeniedError(_("Seule l'équipe de cet acteur gère ses activités."))


def can_manage_activity(*, user: AnyUser, activity: Activity) -> bool:
    return can_organise(user=user, territory=activity.territory, actor=activity.organiser)


def access_activity_as_organiser(*, user: AnyUser, activity: Activity) -> None:
    access_activities_as_organiser(
        user=user, territory=activity.territory, actor=activity.organiser
    )


def can_view_activity(*, user: AnyUser, activity: Activity) -> bool:
    if activity.status != ActivityStatus.DRAFT:
        return True
    return can_manage_activity(user=user, activity=activity)


def is_member(*, user: AnyUser, territory: Territory) -> bool:
    if is_operator(user):
        return True
    return membership_of(user=user, territory=territory) is not None


def registration_refusal(*, user: AnyUser, session: Session) -> str:
    """Why the user may not register to this session ("" when they may)."""
    activity = session.activity
    if activity.status != ActivityStatus.PUBLISHED:
        return str(_("Cette activité n'est pas ouverte aux inscriptions."))
    if session.is_cancelled:
        return str(_("Cette séance est annulée."))
    if session.starts_at <= timezone.now():
        return str(_("Cette séance est passée : les inscriptions sont closes."))
    if not user.is_authenticated:
        return str(_("Connectez-vous pour vous inscrire."))
    if not is_member(user=user, territory=activity.territory):
        return str(_("Rejoignez ce territoire pour vous inscrire à ses activités."))
    return ""


def can_register(*, user: AnyUser, session: Session) -> bool:
    return registration_refusal(user=user, session=session) == ""


def access_register(*, user: AnyUser, session: Session) -> None:
    refusal = registration_refusal(user=user, session=session)
    if refusal:
        raise PermissionDeniedError(refusal)


def access_registration_cancel(*, user: AnyUser, registration: Registration) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour annuler votre inscription."))
    if registration.user_id != user.pk:
        raise PermissionDeniedError(_("Seule la personne inscrite peut annuler son inscription."))
    if registration.session.starts_at <= timezone.now():
        raise PermissionDeniedError(
            _("Cette séance est passée : l'inscription ne peut plus être annulée.")
        )
