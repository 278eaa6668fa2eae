"""Writes on an actor's team: members, roles, invitations by email.

An actor always keeps at least one owner; owners lock the actor's owner rows before a
change, so two owners demoting each other at once cannot leave the actor without one.
"""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.accounts.services.memberships import membership_grant_actor_member
from pmvt.actors.access import access_actor_staff_as_owner
from pmvt.actors.errors import ActorErrorCode
from pmvt.actors.models import Actor, ActorInvitation, ActorStaff, StaffRole
from pmvt.actors.services.actors import ActorFieldError
from pmvt.core.email import email_on_commit
from pmvt.core.exceptions import ApplicationError


def _forget_roles(user: User) -> None:
    user.__dict__.pop("_pmvt_actor_roles", None)


def _check_role(role: str) -> None:
    if role not in StaffRole.values:
        raise ActorFieldError(
            _("Choisissez un rôle dans la liste."), field="role", code=ActorErrorCode.INVALID_ROLE
        )


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def actor_staff_add(*, actor: Actor, user: User, role: str, by: User) -> ActorStaff:
    """Add an existing user to the team (owners only)."""
    access_actor_staff_as_owner(user=by, actor=actor)
    _check_role(role)
    if ActorStaff.objects.filter(actor=actor, user=user).exists():
        raise ApplicationError(
            _("Cette personne fait déjà partie de l'équipe."), code=ActorErrorCode.ALREADY_STAFF
        )
    staff = ActorStaff.objects.create(actor=actor, user=user, role=role)
    _forget_roles(user)
    membership_grant_actor_member(user=user, territory=actor.territory)
    return staff


def _lock_owners(actor: Actor) -> list[ActorStaff]:
    return list(
        ActorStaff.objects.select_for_update()
        .filter(actor=actor, role=StaffRole.OWNER)
        .order_by("pk")
    )


def _refuse_last_owner() -> ApplicationError:
    return ApplicationError(
        _(
            "L'acteur doit garder au moins un ou une responsable : nommez-en un autre avant "
            "de changer ce rôle."
        ),
        code=ActorErrorCode.LAST_OWNER,
    )


@transaction.atomic
def actor_staff_set_role(*, staff: ActorStaff, role: str, by: User) -> ActorStaff:
    """Change a team member's role (owners only); the last owner keeps the role."""
    access_actor_staff_as_owner(user=by, actor=staff.actor)
    _check_role(role)
    owners = _lock_owners(staff.actor)
    current = ActorStaff.objects.select_for_update().get(pk=staff.pk)
    if current.role == StaffRole.OWNER and role != StaffRole.OWNER and len(owners) <= 1:
        raise _refuse_last_owner()
    if current.role != role:
        current.role = role
        current.save(update_fields=["role"])
    staff.role = role
    _forget_roles(staff.user)
    return staff


@transaction.atomic
def actor_staff_remove(*, staff: ActorStaff, by: User) -> None:
    """Remove someone from the team: owners remove anyone, anyone may leave; never the last owner."""
    if by.pk != staff.user_id:
        access_actor_staff_as_owner(user=by, actor=staff.actor)
    owners = _lock_owners(staff.actor)
    current = ActorStaff.objects.select_for_update().filter(pk=staff.pk).first()
    if current is None:
        return
    if current.role == StaffRole.OWNER and len(owners) <= 1:
        raise ApplicationError(
            _("L'acteur doit garder au moins un ou une responsable : nommez-en un autre avant."),
            code=ActorErrorCode.LAST_OWNER,
        )
    current.delete()
    _forget_roles(staff.user)


# --- invitations ------------------------------------------------------------------------------


def invitation_url(*, actor: Actor, token: str) -> str:
    return reverse(
        "actors:invitation_accept",
        kwargs={"territory_slug": actor.territory.slug, "token": token},
    )


@transaction.atomic
def actor_invite(
    *, actor: Actor, by: User, email: str, role: str, base_url: str = ""
) -> ActorInvitation:
    """Invite someone by email to join the team (owners only); the link is valid 14 days.

    `base_url` ("https://example.org") makes the emailed link absolute.
    """
    access_actor_staff_as_owner(user=by, actor=actor)
    _check_role(role)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ActorFieldError(
            _("Indiquez une adresse électronique valide, par exemple prenom@exemple.fr."),
            field="email",
        ) from None
    if ActorStaff.objects.filter(actor=actor, user__email__iexact=email).exists():
        raise ActorFieldError(
            _("Cette personne fait déjà partie de l'équipe."),
            field="email",
            code=ActorErrorCode.ALREADY_STAFF,
        )
    Actor.objects.select_for_update().filter(pk=actor.pk).first()
    pending = [
        invitation
        for invitation in ActorInvitation.objects.filter(
            actor=actor, email=email, accepted_at__isnull=True
        )
        if not invitation.is_expired
    ]
    if pending:
        raise ActorFieldError(
            _(
                "Une invitation est déjà en attente pour cette adresse. Annulez-la pour en "
                "envoyer une nouvelle."
            ),
            field="email",
            code=ActorErrorCode.INVITATION_PENDING,
        )
    token = secrets.token_urlsafe(32)
    invitation = ActorInvitation.objects.create(
        actor=actor, email=email, role=role, token=hash_token(token), invited_by=by
    )
    territory = actor.territory
    link = base_url.rstrip("/") + invitation_url(actor=actor, token=token)
    values = {
        "inviter": str(by),
        "actor": actor.display_name,
        "territory": territory.public_name,
        "role": StaffRole(role).label,
        "url": link,
    }
    email_on_commit(
        subject=_("[%(territory)s] Invitation à rejoindre l'équipe de %(actor)s") % values,
        body=_(
            "Bonjour,\n\n"
            "%(inviter)s vous invite à rejoindre l'équipe de %(actor)s sur la Place des marchés "
            "de %(territory)s, avec le rôle : %(role)s.\n\n"
            "Pour accepter, connectez-vous (ou créez votre compte avec cette adresse "
            "électronique), puis ouvrez ce lien, valable 14 jours :\n%(url)s\n\n"
            "Si vous n'attendiez pas cette invitation, ignorez ce message."
        )
        % values,
        to=[email],
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: ActorInvitation, by: User) -> None:
    """Cancel an invitation not yet accepted (owners only)."""
    access_actor_staff_as_owner(user=by, actor=invitation.actor)
    if invitation.accepted_at is not None:
        raise ApplicationError(
            _("Cette invitation a déjà été acceptée."), code=ActorErrorCode.INVITATION_USED
        )
    invitation.delete()


def invitation_find(*, token: str) -> ActorInvitation | None:
    """The invitation of an emailed token (in the active territory scope), or None."""
    if not token or len(token) > 100:
        return None
    return (
        ActorInvitation.objects.filter(token=hash_token(token))
        .select_related("actor", "actor__territory", "invited_by")
        .first()
    )


def invitation_check(*, invitation: ActorInvitation | None, user: User) -> ActorInvitation:
    """The invitation if `user` may accept it now; ApplicationError (French) otherwise."""
    if invitation is None:
        raise ApplicationError(
            _(
                "Ce lien d'invitation n'est pas valide. Vérifiez qu'il est complet ou demandez "
                "une nouvelle invitation."
            ),
            code=ActorErrorCode.INVITATION_INVALID,
        )
    if invitation.accepted_at is not None:
        raise ApplicationError(
            _("Cette invitation a déjà été utilisée."), code=ActorErrorCode.INVITATION_USED
        )
    if invitation.is_expired:
        raise ApplicationError(
            _(
                "Cette invitation a expiré : demandez au ou à la responsable de vous en envoyer une nouvelle."
            ),
            code=ActorErrorCode.INVITATION_EXPIRED,
        )
    if invitation.email.lower() != user.email.lower():
        raise ApplicationError(
            _(
                "Cette invitation a été envoyée à une autre adresse électronique. Connectez-vous "
                "avec le compte de cette adresse pour l'accepter."
            ),
            code=ActorErrorCode.INVITATION_WRONG_EMAIL,
        )
    if ActorStaff.objects.filter(actor=invitation.actor, user=user).exists():
        raise ApplicationError(
            _("Vous faites déjà partie de l'équipe de cet acteur."),
            code=ActorErrorCode.ALREADY_STAFF,
        )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> ActorStaff:
    """Join the team the token invites to; the invitation then cannot be used again."""
    found = invitation_find(token=token)
    # Lock the invitation: the same link opened twice at once gives one team member.
    locked = (
        ActorInvitation.objects.select_for_update().filter(pk=found.pk).first() if found else None
    )
    if locked is not None and found is not None:
        locked.actor = found.actor
    invitation = invitation_check(invitation=locked, user=user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    staff = ActorStaff.objects.create(actor=invitation.actor, user=user, role=invitation.role)
    _forget_roles(user)
    membership_grant_actor_member(user=user, territory=invitation.actor.territory)
    return staff
