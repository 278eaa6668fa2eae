"""Permission rules of skills: who declares, who sees a profile, who contacts, who answers.

- declaring what one can offer: a member of the territory (accounts.Membership), for themself;
- seeing a profile: public → everyone; members → the members of its territory (and its
  owner); private → its owner only (it is used for matching, never shown). An inactive
  profile is shown to its owner only;
- contacting a person: a member of the territory who may see the profile, not its owner;
- answering a contact request: the person contacted;
- the vocabulary: the territory's admins add and withdraw the territory's own terms; national
  terms cannot be changed.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool.
"""

from django.utils.translation import gettext_lazy as _

from pmvt.accounts.access import (
    AnyUser,
    access_territory_as_admin,
    can_administer_territory,
    membership_of,
)
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.skills.models import ContactRequest, SkillProfile, SkillTerm, Visibility
from pmvt.territories.models import Territory


def is_member(*, user: AnyUser, territory: Territory) -> bool:
    return membership_of(user=user, territory=territory) is not None


def is_owner(*, user: AnyUser, profile: SkillProfile) -> bool:
    return bool(user.is_authenticated and profile.user_id == user.pk)


def can_view_profile(*, viewer: AnyUser, profile: SkillProfile) -> bool:
    if is_owner(user=viewer, profile=profile):
        return True
    if not profile.is_active:
        return False
    if profile.visibility == Visibility.PUBLIC:
        return True
    if profile.visibility == Visibility.MEMBERS:
        return is_member(user=viewer, territory=profile.territory)
    return False


def access_declaration(*, user: AnyUser, territory: Territory) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour dire ce que vous pouvez offrir."))
    if not is_member(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Rejoignez ce territoire pour y proposer vos compétences et votre temps.")
        )


def contact_refusal(*, user: AnyUser, profile: SkillProfile) -> str:
    """Why the user may not contact this person ("" when they may)."""
    if not user.is_authenticated:
        return str(_("Connectez-vous pour contacter cette personne."))
    if is_owner(user=user, profile=profile):
        return str(_("Vous ne pouvez pas vous contacter vous-même."))
    if not is_member(user=user, territory=profile.territory):
        return str(_("Rejoignez ce territoire pour contacter ses habitants."))
    if not can_view_profile(viewer=user, profile=profile):
        return str(_("Ce profil n'est pas visible."))
    return ""


def access_contact(*, user: AnyUser, profile: SkillProfile) -> None:
    refusal = contact_refusal(user=user, profile=profile)
    if refusal:
        raise PermissionDeniedError(refusal)


def access_request_as_recipient(*, user: AnyUser, request: ContactRequest) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour répondre à cette demande."))
    if request.profile.user_id != user.pk:
        raise PermissionDeniedError(_("Seule la personne contactée peut répondre à cette demande."))


def can_manage_vocabulary(*, user: AnyUser, territory: Territory) -> bool:
    return can_administer_territory(user=user, territory=territory)


def access_vocabulary_as_admin(*, user: AnyUser, territory: Territory) -> None:
    access_territory_as_admin(user=user, territory=territory)


def access_term_as_admin(*, user: AnyUser, term: SkillTerm) -> Territory:
    """The term's territory, if the term is the territory's own and the user administers it."""
    if term.territory is None:
        raise PermissionDeniedError(
            _("Les compétences du vocabulaire national ne peuvent pas être modifiées.")
        )
    access_territory_as_admin(user=user, territory=term.territory)
    return term.territory
