"""Permission rules of the Maison: who invites, who answers, who records hours.

- inviting people or assets to a need, seeing its suggestions and invitations: the project's
  team (carriers and members);
- offering to help: a member of the territory who is not in the team;
- answering an invitation: the invited person, or the manager of the invited asset; answering
  an offer of help: the team;
- withdrawing: the side that sent it (the team for an invitation, the person for an offer);
- recording hours: the person who contributes, or a carrier of the project.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import AnyUser, is_operator, membership_of
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.maison import selectors
from pmvt.maison.models import Direction, Invitation
from pmvt.projects.models import Need
from pmvt.territories.models import Territory


def is_member(*, user: AnyUser, territory: Territory) -> bool:
    return membership_of(user=user, territory=territory) is not None


def can_manage_need(*, user: AnyUser, need: Need) -> bool:
    if not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    return selectors.is_team_member(user=user, project=need.project)


def access_need_as_team(*, user: AnyUser, need: Need) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour inviter des personnes au projet."))
    if not can_manage_need(user=user, need=need):
        raise PermissionDeniedError(_("Seule l'équipe du projet peut inviter à contribuer."))


def access_help_offer(*, user: AnyUser, need: Need) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour proposer votre aide."))
    if not is_member(user=user, territory=need.territory):
        raise PermissionDeniedError(
            _("Rejoignez ce territoire pour proposer votre aide à ses projets.")
        )
    if selectors.is_team_member(user=user, project=need.project):
        raise PermissionDeniedError(_("Vous faites déjà partie de l'équipe de ce projet."))


def can_answer(*, user: AnyUser, invitation: Invitation) -> bool:
    """The receiving side: the person or the asset's manager; the team for an offer."""
    if not user.is_authenticated:
        return False
    if invitation.direction == Direction.PERSON_OFFERS:
        return selectors.is_team_member(user=user, project=invitation.need.project)
    if invitation.person_id is not None:
        return invitation.person_id == user.pk
    assert invitation.asset is not None
    return selectors.can_manage_asset(user=user, asset=invitation.asset)


def access_invitation_as_recipient(*, user: AnyUser, invitation: Invitation) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour répondre à cette invitation."))
    if not can_answer(user=user, invitation=invitation):
        if invitation.direction == Direction.PERSON_OFFERS:
            raise PermissionDeniedError(
                _("Seule l'équipe du projet peut répondre à une proposition d'aide.")
            )
        raise PermissionDeniedError(_("Seule la personne invitée peut répondre à l'invitation."))


def can_withdraw(*, user: AnyUser, invitation: Invitation) -> bool:
    if not user.is_authenticated:
        return False
    if invitation.direction == Direction.PERSON_OFFERS:
        return invitation.person_id == user.pk
    return selectors.is_team_member(user=user, project=invitation.need.project)


def access_invitation_as_sender(*, user: AnyUser, invitation: Invitation) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour retirer cette invitation."))
    if not can_withdraw(user=user, invitation=invitation):
        raise PermissionDeniedError(
            _("Seul l'auteur de l'invitation ou de la proposition peut la retirer.")
        )


def can_record_hours(*, user: AnyUser, invitation: Invitation) -> bool:
    if not user.is_authenticated or invitation.person_id is None:
        return False
    if invitation.person_id == user.pk:
        return True
    return selectors.is_carrier(user=user, project=invitation.need.project)


def access_hours_record(*, user: AnyUser, invitation: Invitation) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour saisir des heures."))
    if not can_record_hours(user=user, invitation=invitation):
        raise PermissionDeniedError(
            _(
                "Seules la personne qui contribue et les porteurs du projet peuvent saisir "
                "les heures données."
            )
        )


def can_see_need_invitations(*, user: AnyUser, need: Need) -> bool:
    return can_manage_need(user=user, need=need)
