"""Every permission rule of accounts and territories, one helper per rule.

`access_*` helpers raise PermissionDeniedError (views answer 403); `can_*` return a bool for
templates. Each condition stands on its own line so that its test reads the same.
"""

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from pmvt.accounts.models import Membership, Role, User
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.core.queries import only_row
from pmvt.territories.models import Territory

AnyUser = User | AnonymousUser

MODERATING_ROLES = {Role.MODERATOR, Role.ADMIN}


def membership_of(*, user: AnyUser, territory: Territory) -> Membership | None:
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_pmvt_memberships", {})
    if territory.pk not in cache:
        with scopes_disabled():
            cache[territory.pk] = only_row(
                Membership.objects.filter(user=user, territory=territory).select_related("commune")
            )
    return cache[territory.pk]


def is_operator(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def has_two_factor(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def needs_two_factor(user: AnyUser) -> bool:
    """Territory admins and the operator must protect their account with TOTP."""
    if not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    with scopes_disabled():
        return Membership.objects.filter(user=user, role=Role.ADMIN).exists()


def can_administer_territory(*, user: AnyUser, territory: Territory) -> bool:
    if is_operator(user):
        return True
    membership = membership_of(user=user, territory=territory)
    return membership is not None and membership.role == Role.ADMIN


def can_moderate_territory(*, user: AnyUser, territory: Territory) -> bool:
    if is_operator(user):
        return True
    membership = membership_of(user=user, territory=territory)
    return membership is not None and membership.role in MODERATING_ROLES


def access_territory_as_admin(*, user: AnyUser, territory: Territory) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour accéder à la gestion du territoire."))
    if not can_administer_territory(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les administrateurs de ce territoire ont accès à cette page.")
        )


def access_territory_as_moderator(*, user: AnyUser, territory: Territory) -> None:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour accéder à la modération."))
    if not can_moderate_territory(user=user, territory=territory):
        raise PermissionDeniedError(
            _("Seuls les modérateurs de ce territoire ont accès à cette page.")
        )


def access_membership_as_admin(
    *, user: AnyUser, territory: Territory, membership_id: int
) -> Membership:
    """The membership, if it belongs to this territory and the user administers it."""
    access_territory_as_admin(user=user, territory=territory)
    membership = (
        Membership.objects.filter(territory=territory, pk=membership_id)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise PermissionDeniedError(_("Ce membre n'appartient pas à ce territoire."))
    return membership


def access_own_membership(*, user: AnyUser, territory: Territory) -> Membership:
    if not user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour accéder à votre profil."))
    membership = membership_of(user=user, territory=territory)
    if membership is None:
        raise PermissionDeniedError(_("Vous n'êtes pas encore membre de ce territoire."))
    return membership
