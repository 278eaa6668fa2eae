"""Every access helper, allowed and denied, for each role."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser
from django_scopes import scope

from pmvt.accounts.access import (
    access_membership_as_admin,
    access_own_membership,
    access_territory_as_admin,
    access_territory_as_moderator,
    can_administer_territory,
    can_moderate_territory,
    has_two_factor,
    needs_two_factor,
)
from pmvt.accounts.models import Role, User
from pmvt.core.exceptions import PermissionDeniedError

ROLES = ["anonymous", "member", "actor_member", "moderator", "admin", "operator", "other_admin"]

LOGIN_FOR_ADMIN = "Connectez-vous pour accéder à la gestion du territoire."
ONLY_ADMINS = "Seuls les administrateurs de ce territoire ont accès à cette page."
LOGIN_FOR_MODERATION = "Connectez-vous pour accéder à la modération."
ONLY_MODERATORS = "Seuls les modérateurs de ce territoire ont accès à cette page."
LOGIN_FOR_PROFILE = "Connectez-vous pour accéder à votre profil."
NOT_A_MEMBER = "Vous n'êtes pas encore membre de ce territoire."


@pytest.fixture
def users(member, actor_member, moderator, admin, operator, other_admin) -> dict:
    """One user per role; each is read fresh so that no membership is cached yet."""
    fresh = {
        role: User.objects.get(pk=user.pk)
        for role, user in {
            "member": member,
            "actor_member": actor_member,
            "moderator": moderator,
            "admin": admin,
            "operator": operator,
            "other_admin": other_admin,
        }.items()
    }
    return {"anonymous": AnonymousUser(), **fresh}


def denial(call) -> str:
    with pytest.raises(PermissionDeniedError) as error:
        call()
    return str(error.value.message)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("member", False),
        ("actor_member", False),
        ("moderator", False),
        ("admin", True),
        ("operator", True),
        ("other_admin", False),
    ],
)
def test_can_administer_territory(users, territory, role, allowed):
    assert can_administer_territory(user=users[role], territory=territory) is allowed


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("member", False),
        ("actor_member", False),
        ("moderator", True),
        ("admin", True),
        ("operator", True),
        ("other_admin", False),
    ],
)
def test_can_moderate_territory(users, territory, role, allowed):
    assert can_moderate_territory(user=users[role], territory=territory) is allowed


def test_other_admin_administers_only_their_own_territory(users, other_territory):
    assert can_administer_territory(user=users["other_admin"], territory=other_territory) is True
    assert can_administer_territory(user=users["admin"], territory=other_territory) is False
    assert can_moderate_territory(user=users["moderator"], territory=other_territory) is False


def test_inactive_superuser_is_not_an_operator(make_user, territory):
    retired = make_user("ancien-operateur@pmvt.test", superuser=True, is_active=False)

    assert can_administer_territory(user=retired, territory=territory) is False
    assert can_moderate_territory(user=retired, territory=territory) is False
    assert needs_two_factor(retired) is False


@pytest.mark.parametrize("role", ["admin", "operator"])
def test_access_territory_as_admin_allows(users, territory, role):
    access_territory_as_admin(user=users[role], territory=territory)  # Does not raise.


@pytest.mark.parametrize(
    ("role", "reason"),
    [
        ("anonymous", LOGIN_FOR_ADMIN),
        ("member", ONLY_ADMINS),
        ("actor_member", ONLY_ADMINS),
        ("moderator", ONLY_ADMINS),
        ("other_admin", ONLY_ADMINS),
    ],
)
def test_access_territory_as_admin_denies(users, territory, role, reason):
    assert denial(lambda: access_territory_as_admin(user=users[role], territory=territory)) == (
        reason
    )


@pytest.mark.parametrize("role", ["moderator", "admin", "operator"])
def test_access_territory_as_moderator_allows(users, territory, role):
    access_territory_as_moderator(user=users[role], territory=territory)  # Does not raise.


@pytest.mark.parametrize(
    ("role", "reason"),
    [
        ("anonymous", LOGIN_FOR_MODERATION),
        ("member", ONLY_MODERATORS),
        ("actor_member", ONLY_MODERATORS),
        ("other_admin", ONLY_MODERATORS),
    ],
)
def test_access_territory_as_moderator_denies(users, territory, role, reason):
    assert denial(lambda: access_territory_as_moderator(user=users[role], territory=territory)) == (
        reason
    )


@pytest.mark.parametrize("role", ["admin", "operator"])
def test_access_membership_as_admin_allows_a_member_of_the_territory(
    users, territory, membership_of_user, role
):
    target = membership_of_user(users["member"], territory)

    with scope(territory=territory):
        found = access_membership_as_admin(
            user=users[role], territory=territory, membership_id=target.pk
        )

    assert found == target
    assert found.user.email == "habitante@apt.test"


@pytest.mark.parametrize(
    ("role", "reason"),
    [
        ("anonymous", LOGIN_FOR_ADMIN),
        ("member", ONLY_ADMINS),
        ("actor_member", ONLY_ADMINS),
        ("moderator", ONLY_ADMINS),
        ("other_admin", ONLY_ADMINS),
    ],
)
def test_access_membership_as_admin_denies(users, territory, membership_of_user, role, reason):
    target = membership_of_user(users["member"], territory)

    with scope(territory=territory):
        message = denial(
            lambda: access_membership_as_admin(
                user=users[role], territory=territory, membership_id=target.pk
            )
        )

    assert message == reason


@pytest.mark.parametrize("role", ["admin", "operator"])
def test_access_membership_as_admin_denies_a_membership_of_another_territory(
    users, territory, other_territory, membership_of_user, role
):
    foreign = membership_of_user(users["other_admin"], other_territory)

    with scope(territory=territory):
        message = denial(
            lambda: access_membership_as_admin(
                user=users[role], territory=territory, membership_id=foreign.pk
            )
        )

    assert message == "Ce membre n'appartient pas à ce territoire."


@pytest.mark.parametrize(
    ("role", "expected_role"),
    [
        ("member", Role.MEMBER),
        ("actor_member", Role.ACTOR_MEMBER),
        ("moderator", Role.MODERATOR),
        ("admin", Role.ADMIN),
    ],
)
def test_access_own_membership_returns_the_users_membership(users, territory, role, expected_role):
    membership = access_own_membership(user=users[role], territory=territory)

    assert (membership.user_id, membership.territory_id) == (users[role].pk, territory.pk)
    assert membership.role == expected_role


@pytest.mark.parametrize(
    ("role", "reason"),
    [
        ("anonymous", LOGIN_FOR_PROFILE),
        ("operator", NOT_A_MEMBER),
        ("other_admin", NOT_A_MEMBER),
    ],
)
def test_access_own_membership_denies(users, territory, role, reason):
    assert denial(lambda: access_own_membership(user=users[role], territory=territory)) == reason


@pytest.mark.parametrize(
    ("role", "needed"),
    [
        ("anonymous", False),
        ("member", False),
        ("actor_member", False),
        ("moderator", False),
        ("admin", True),
        ("operator", True),
        ("other_admin", True),
    ],
)
def test_needs_two_factor(users, role, needed):
    assert needs_two_factor(users[role]) is needed


@pytest.mark.parametrize("role", ROLES)
def test_has_two_factor_is_false_without_totp(users, role):
    assert has_two_factor(users[role]) is False


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_has_two_factor_is_true_once_totp_is_activated(users, activate_totp, role):
    activate_totp(users[role])

    assert has_two_factor(users[role]) is True


def test_has_two_factor_ignores_recovery_codes_alone(users):
    Authenticator.objects.create(
        user=users["admin"], type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00"}
    )

    assert has_two_factor(users["admin"]) is False


def test_totp_of_another_user_does_not_count(users, activate_totp):
    activate_totp(users["other_admin"])

    assert has_two_factor(users["admin"]) is False
