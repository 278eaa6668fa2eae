"""How a person appears on the Maison's pages: named with a link, or anonymised.

A private profile (or a members-only one the viewer may not see) is used for matching but
shown as "Une personne (commune : Gargas) — profil privé": no name, no link, no presentation. The team
learns who it is only once the person accepts (or when the person offers to help). Never an
e-mail address: a name falls back to a neutral phrase, not to the account's e-mail.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.accounts.access import AnyUser
from pmvt.accounts.models import User
from pmvt.maison import selectors
from pmvt.maison.models import Direction, Invitation, InvitationStatus
from pmvt.skills.models import SkillProfile
from pmvt.territories.models import Commune


@dataclass(frozen=True)
class PersonShown:
    anonymous: bool
    name: str
    url: str = ""
    presentation: str = ""


def person_name(user: User | None, profile: SkillProfile | None = None) -> str:
    """The name shown for a person: their public name, never their e-mail address."""
    if profile is not None and profile.public_name:
        return profile.public_name
    if user is not None and user.display_name:
        return user.display_name
    return _("Une personne du territoire")


def profile_url(profile: SkillProfile) -> str:
    return reverse(
        "skills:detail",
        kwargs={"territory_slug": profile.territory.slug, "profile_id": profile.pk},
    )


def anonymous(commune: Commune | None) -> PersonShown:
    if commune is None:
        return PersonShown(anonymous=True, name=_("Une personne du territoire — profil privé"))
    return PersonShown(
        anonymous=True,
        name=_("Une personne (commune : %(commune)s) — profil privé") % {"commune": commune.name},
    )


def show_profile(
    *, viewer: AnyUser, profile: SkillProfile, home: Commune | None = None
) -> PersonShown:
    if selectors.can_view_profile(viewer=viewer, profile=profile):
        return PersonShown(
            anonymous=False,
            name=person_name(profile.user, profile),
            url=profile_url(profile),
            presentation=profile.presentation,
        )
    communes = list(profile.communes.all())
    return anonymous(min(communes, key=lambda c: c.pk) if communes else home)


def show_invited_person(
    *, viewer: AnyUser, invitation: Invitation, profile: SkillProfile | None
) -> PersonShown:
    """The person of an invitation, as the team sees it on the need's invitations page."""
    user = invitation.person
    revealed = (
        invitation.direction == Direction.PERSON_OFFERS
        or invitation.status == InvitationStatus.ACCEPTED
    )
    if profile is None:
        return PersonShown(anonymous=False, name=person_name(user)) if revealed else anonymous(None)
    if revealed:
        shown = show_profile(viewer=viewer, profile=profile)
        if shown.anonymous:  # Revealed by their answer, but the profile page stays private.
            return PersonShown(anonymous=False, name=person_name(user, profile))
        return shown
    return show_profile(viewer=viewer, profile=profile)
