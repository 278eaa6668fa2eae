"""Permission rules of volunteering: who organises missions, who sees them, who signs up.

- organising (writing missions, their dates, the volunteers' attendance and hours): the team
  (any role) of a verified association or public body of the territory, for that actor's
  missions; the territory's admins for the collectivité's own missions; the operator;
- seeing a mission: everyone once it is published or cancelled; a draft, its organisers only;
- signing up: a member of the territory, to a future, not cancelled date of a published
  mission; cancelling: the volunteer, before the date.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, is_operator, membership_of
from pmvt.actors.access import staff_role_of
from pmvt.actors.models import Actor, ActorKind, ActorStatus
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.territories.models import Territory
from pmvt.volunteering.models import Mission, MissionStatus, Session, Signup

ORGANISER_KINDS = {ActorKind.ASSOCIATION, ActorKind.PUBLIC_BODY}


def can_actor_organise(actor: Actor) -> bool:
    """Only verified associations (and social-economy bodies) and public bodies offer missions."""
    if actor.status != ActorStatus.VERIFIED:
        return False
    return actor.kind in ORGANISER_KINDS


def can_organise(*, user: AnyUser, territory: Territory, actor: Actor | None) -> bool:
    """Manage the missions of `actor`, or of the collectivité when `actor` is None."""
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


def access_missions_as_organiser(*, user: AnyUser, territory: Territory, actor: Actor | None):
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour gérer les missions de bénévolat."))
    if actor is not None and not can_actor_organise(actor):
        raise PermissionDeniedError(
            _(
                "Les missions de bénévolat sont proposées par les associations et les "
                "organismes publics vérifiés par le territoire."
            )
        )
    if not can_organise(user=user, territory=territory, actor=actor):
        if actor is None:
            raise PermissionDeniedError(
                _("Seuls les administrateurs du territoire gèrent les missions de la collectivité.")
            )
        raise PermissionDeniedError(_("Seule l'équipe de cet acteur gère ses missions."))


def can_manage_mission(*, user: AnyUser, mission: Mission) -> bool:
    return can_organise(user=user, territory=mission.territory, actor=mission.organiser)


def access_mission_as_organiser(*, user: AnyUser, mission: Mission) -> None:
    access_missions_as_organiser(user=user, territory=mission.territory, actor=mission.organiser)


def can_view_mission(*, user: AnyUser, mission: Mission) -> bool:
    if mission.status != MissionStatus.DRAFT:
        return True
    return can_manage_mission(user=user, mission=mission)


def is_member(*, user: AnyUser, territory: Territory) -> bool:
    if is_operator(user):
        return True
    return membership_of(user=user, territory=territory) is not None


def signup_refusal(*, user: AnyUser, session: Session) -> str:
    """Why the user may not sign up to this date ("" when they may)."""
    mission = session.mission
    if mission.status != MissionStatus.PUBLISHED:
        return str(_("Cette mission n'est pas ouverte aux inscriptions."))
    if session.is_cancelled:
        return str(_("Cette date est annulée."))
    if session.starts_at <= timezone.now():
        return str(_("Cette date est passée : les inscriptions sont closes."))
    if not user.is_authenticated:
        return str(_("Connectez-vous pour vous inscrire."))
    if not is_member(user=user, territory=mission.territory):
        return str(_("Rejoignez ce territoire pour vous inscrire à ses missions."))
    return ""


def can_sign_up(*, user: AnyUser, session: Session) -> bool:
    return signup_refusal(user=user, session=session) == ""


def access_sign_up(*, user: AnyUser, session: Session) -> None:
    refusal = signup_refusal(user=user, session=session)
    if refusal:
        raise PermissionDeniedError(refusal)


def access_signup_cancel(*, user: AnyUser, signup: Signup) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour annuler votre inscription."))
    if signup.user_id != user.pk:
        raise PermissionDeniedError(_("Seule la personne inscrite peut annuler son inscription."))
    if signup.session.starts_at <= timezone.now():
        raise PermissionDeniedError(
            _("Cette date est passée : l'inscription ne peut plus être annulée.")
        )
