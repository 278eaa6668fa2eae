"""How a person is named on the ideas pages: their display name, never their email address."""

from django.utils.translation import gettext as _

from pmvt.accounts.models import User


def person_name(user: User | None) -> str:
    if user is None or user.erased_at is not None:
        return _("Compte supprimé")
    return user.display_name or _("Membre sans nom affiché")
