"""Permission rules on jobs: who posts offers, who reads applications and CVs.

An actor's offers are written and published by its owner and managers (as its catalog) and
its applications are handled by its whole team (as its orders). The collectivité's own
offers are the territory admins'. A CV is read by the applicant and by the people who handle
the offer, nobody else: not the operator, not the admins of the territory for an actor's
offer, not the staff of another actor.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from collections.abc import Set as AbstractSet

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, can_administer_territory, membership_of
from pmvt.accounts.models import Role
from pmvt.actors.access import CATALOG_EDITORS, ORDER_HANDLERS, staff_role_of
from pmvt.actors.models import Actor, ActorStatus
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.jobs.models import JobApplication, JobOffer
from pmvt.territories.models import Territory

OFFER_EDITORS = CATALOG_EDITORS
APPLICATION_HANDLERS = ORDER_HANDLERS


def _role_in(user: AnyUser, actor: Actor, roles: AbstractSet[str]) -> bool:
    return staff_role_of(user=user, actor=actor) in roles


def is_territory_admin_member(*, user: AnyUser, territory: Territory) -> bool:
    """An admin by membership of the territory (the operator is not one: personal data)."""
    membership = membership_of(user=user, territory=territory)
    return membership is not None and membership.role == Role.ADMIN


def can_publish_for_actor(*, user: AnyUser, actor: Actor) -> bool:
    """Publish an actor's offers: its owner or managers, once it is verified (not suspended)."""
    if actor.status != ActorStatus.VERIFIED:
        return False
    return _role_in(user, actor, OFFER_EDITORS)


def can_write_actor_offers(*, user: AnyUser, actor: Actor) -> bool:
    """Write (draft) an actor's offers: its owner and managers."""
    return user.is_authenticated and _role_in(user, actor, OFFER_EDITORS)


def can_edit_offer(*, user: AnyUser, offer: JobOffer) -> bool:
    if not user.is_authenticated:
        return False
    if offer.actor is None:
        return can_administer_territory(user=user, territory=offer.territory)
    return _role_in(user, offer.actor, OFFER_EDITORS)


def can_publish_offer(*, user: AnyUser, offer: JobOffer) -> bool:
    if offer.actor is None:
        return can_administer_territory(user=user, territory=offer.territory)
    return can_publish_for_actor(user=user, actor=offer.actor)


def can_handle_applications(*, user: AnyUser, offer: JobOffer) -> bool:
    """Read the applications of an offer and move them on."""
    if not user.is_authenticated:
        return False
    if offer.actor is None:
        return is_territory_admin_member(user=user, territory=offer.territory)
    return _role_in(user, offer.actor, APPLICATION_HANDLERS)


def can_read_application(*, user: AnyUser, application: JobApplication) -> bool:
    if not user.is_authenticated:
        return False
    if application.applicant_id == user.pk:
        return True
    return can_handle_applications(user=user, offer=application.offer)


def can_view_offer(*, user: AnyUser, offer: JobOffer) -> bool:
    """Everyone reads a published or closed offer; a draft, only who may edit it."""
    if offer.is_public:
        return True
    return can_edit_offer(user=user, offer=offer)


# --- access_* ---------------------------------------------------------------------------------


def _require_login(user: AnyUser) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour continuer."))


def access_actor_jobs_as_staff(*, user: AnyUser, actor: Actor) -> None:
    """The actor's jobs back office: anyone in its team (any role)."""
    _require_login(user)
    if not _role_in(user, actor, APPLICATION_HANDLERS):
        raise PermissionDeniedError(
            _("Seule l'équipe de cet acteur a accès à ses offres d'emploi.")
        )


def access_actor_jobs_as_editor(*, user: AnyUser, actor: Actor) -> None:
    """Write the actor's offers: its owner and managers."""
    _require_login(user)
    if not _role_in(user, actor, OFFER_EDITORS):
        raise PermissionDeniedError(
            _("Seuls les responsables et gérants de cet acteur peuvent écrire ses offres d'emploi.")
        )


def access_territory_jobs_as_admin(*, user: AnyUser, territory: Territory) -> None:
    """The collectivité's own offers: the territory's admins (and the operator)."""
    _require_login(user)
    if not can_administer_territory(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs du territoire gèrent les offres de la collectivité.")
        )


def access_offer_as_editor(*, user: AnyUser, offer: JobOffer) -> None:
    _require_login(user)
    if not can_edit_offer(user=user, offer=offer):
        raise PermissionDeniedError(_("Vous ne pouvez pas modifier cette offre d'emploi."))


def access_offer_applications(*, user: AnyUser, offer: JobOffer) -> None:
    _require_login(user)
    if not can_handle_applications(user=user, offer=offer):
        raise PermissionDeniedError(
            _("Seules les personnes qui gèrent cette offre voient ses candidatures.")
        )


def access_application_as_handler(*, user: AnyUser, application: JobApplication) -> None:
    access_offer_applications(user=user, offer=application.offer)


def access_application_as_applicant(*, user: AnyUser, application: JobApplication) -> None:
    _require_login(user)
    if application.applicant_id != user.pk:
        raise PermissionDeniedError(_("Cette candidature n'est pas la vôtre."))


def access_application_cv(*, user: AnyUser, application: JobApplication) -> None:
    """The CV: the applicant and the people who handle the offer, nobody else."""
    _require_login(user)
    if not can_read_application(user=user, application=application):
        raise PermissionDeniedError(
            _("Seules la personne candidate et l'équipe de l'employeur peuvent lire ce CV.")
        )


def access_apply(*, user: AnyUser, territory: Territory) -> None:
    """Apply to an offer: a member of the territory."""
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour postuler."))
    if membership_of(user=user, territory=territory) is None:
        raise PermissionDeniedError(
            _("Rejoignez le territoire pour postuler à ses offres d'emploi.")
        )
