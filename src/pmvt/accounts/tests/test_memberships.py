"""Membership services: joining a territory, commune of residence, roles."""

import pytest
from django_scopes import scope, scopes_disabled

from pmvt.accounts.models import Membership, Role
from pmvt.accounts.services.memberships import (
    membership_join,
    membership_set_commune,
    membership_set_role,
)
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.territories.models import Commune


def apt_commune(territory, insee_code: str = "84003") -> Commune:
    with scopes_disabled():
        return Commune.objects.get(territory=territory, insee_code=insee_code)


def test_join_makes_the_user_an_inhabitant_member(make_user, territory):
    user = make_user("nouvelle@apt.test")
    apt = apt_commune(territory)

    with scope(territory=territory):
        membership = membership_join(user=user, territory=territory, commune=apt)

    with scopes_disabled():
        stored = Membership.objects.get(user=user)
    assert stored == membership
    assert (stored.territory_id, stored.role, stored.commune_id) == (
        territory.pk,
        Role.MEMBER,
        apt.pk,
    )


def test_join_twice_keeps_one_membership_and_its_role(moderator, territory, membership_of_user):
    before = membership_of_user(moderator, territory)
    saignon = apt_commune(territory, "84105")

    with scope(territory=territory):
        again = membership_join(user=moderator, territory=territory, commune=saignon)
        count = Membership.objects.filter(user=moderator).count()

    assert again.pk == before.pk
    assert count == 1
    after = membership_of_user(moderator, territory)
    assert (after.role, after.commune_id, after.joined_at) == (
        Role.MODERATOR,
        saignon.pk,
        before.joined_at,
    )


def test_join_without_commune_keeps_the_commune_already_chosen(
    make_member, territory, membership_of_user
):
    apt = apt_commune(territory)
    user = make_member(territory, commune=apt)

    with scope(territory=territory):
        membership_join(user=user, territory=territory)

    assert membership_of_user(user, territory).commune_id == apt.pk


def test_set_commune_can_clear_the_commune(make_member, territory, membership_of_user):
    user = make_member(territory, commune=apt_commune(territory))

    with scope(territory=territory):
        membership_set_commune(membership=membership_of_user(user, territory), commune=None)

    assert membership_of_user(user, territory).commune_id is None


def test_admin_changes_a_members_role(admin, member, territory, membership_of_user):
    target = membership_of_user(member, territory)

    with scope(territory=territory):
        returned = membership_set_role(by=admin, membership=target, role=Role.MODERATOR)

    assert returned.role == Role.MODERATOR
    assert membership_of_user(member, territory).role == Role.MODERATOR


def test_operator_changes_a_role_without_being_a_member(
    operator, member, territory, membership_of_user
):
    with scope(territory=territory):
        membership_set_role(
            by=operator, membership=membership_of_user(member, territory), role=Role.ACTOR_MEMBER
        )

    assert membership_of_user(member, territory).role == Role.ACTOR_MEMBER


@pytest.mark.parametrize("by_role", ["member", "actor_member", "moderator", "other_admin"])
def test_rejects_role_change_by_a_non_admin_and_changes_nothing(
    request, member, territory, membership_of_user, by_role
):
    by = request.getfixturevalue(by_role)
    target = membership_of_user(member, territory)

    with scope(territory=territory), pytest.raises(PermissionDeniedError) as error:
        membership_set_role(by=by, membership=target, role=Role.ADMIN)

    assert str(error.value.message) == (
        "Seuls les administrateurs de ce territoire ont accès à cette page."
    )
    assert membership_of_user(member, territory).role == Role.MEMBER


def test_rejects_a_member_making_themselves_admin(member, territory, membership_of_user):
    own = membership_of_user(member, territory)

    with scope(territory=territory), pytest.raises(PermissionDeniedError):
        membership_set_role(by=member, membership=own, role=Role.ADMIN)

    assert membership_of_user(member, territory).role == Role.MEMBER


def test_rejects_an_unknown_role_and_changes_nothing(admin, member, territory, membership_of_user):
    target = membership_of_user(member, territory)

    with scope(territory=territory), pytest.raises(ApplicationError) as error:
        membership_set_role(by=admin, membership=target, role="superadmin")

    assert (error.value.code, str(error.value.message)) == ("unknown_role", "Ce rôle n'existe pas.")
    assert membership_of_user(member, territory).role == Role.MEMBER


def test_rejects_demoting_the_last_admin(admin, territory, membership_of_user):
    own = membership_of_user(admin, territory)

    with scope(territory=territory), pytest.raises(ApplicationError) as error:
        membership_set_role(by=admin, membership=own, role=Role.MEMBER)

    assert error.value.code == "last_admin"
    assert str(error.value.message) == (
        "Le territoire doit garder au moins un administrateur ou une administratrice."
    )
    assert membership_of_user(admin, territory).role == Role.ADMIN


def test_operator_cannot_demote_the_last_admin_either(
    operator, admin, territory, membership_of_user
):
    with scope(territory=territory), pytest.raises(ApplicationError):
        membership_set_role(
            by=operator, membership=membership_of_user(admin, territory), role=Role.MODERATOR
        )

    assert membership_of_user(admin, territory).role == Role.ADMIN


def test_admin_can_be_demoted_while_another_admin_remains(
    admin, make_member, territory, membership_of_user
):
    second = make_member(territory, Role.ADMIN, email="admin2@apt.test")

    with scope(territory=territory):
        membership_set_role(
            by=second, membership=membership_of_user(admin, territory), role=Role.MEMBER
        )

    assert membership_of_user(admin, territory).role == Role.MEMBER
    assert membership_of_user(second, territory).role == Role.ADMIN


def test_admins_of_another_territory_do_not_count_as_remaining_admins(
    admin, other_admin, territory, membership_of_user
):
    with scope(territory=territory), pytest.raises(ApplicationError):
        membership_set_role(
            by=admin, membership=membership_of_user(admin, territory), role=Role.MEMBER
        )

    assert membership_of_user(admin, territory).role == Role.ADMIN


def test_keeping_the_last_admin_as_admin_is_allowed(admin, territory, membership_of_user):
    with scope(territory=territory):
        membership_set_role(
            by=admin, membership=membership_of_user(admin, territory), role=Role.ADMIN
        )

    assert membership_of_user(admin, territory).role == Role.ADMIN
