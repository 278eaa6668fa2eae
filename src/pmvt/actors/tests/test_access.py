"""Every permission rule of actors.access, allowed and denied, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.accounts.models import Role
from pmvt.actors.access import (
    access_actor_as_territory_admin,
    access_actor_back_office_as_staff,
    access_actor_catalog_as_editor,
    access_actor_orders_as_staff,
    access_actor_page_as_editor,
    access_actor_staff_as_owner,
    access_market_stall,
    access_markets_as_territory_admin,
    actors_of_user,
    can_edit_actor_page,
    can_view_unpublished_actor,
    staff_role_of,
)
from pmvt.actors.models import StaffRole
from pmvt.actors.services.staff import actor_staff_add
from pmvt.core.exceptions import PermissionDeniedError

ROLES = [
    "anonymous",
    "member",
    "moderator",
    "admin",
    "other_admin",
    "operator",
    "owner",
    "manager",
    "staff",
    "owner_of_another_actor",
]


@pytest.fixture
def people(request, make_member, make_user, make_actor, territory, actor, owner):
    """The user playing each role towards `actor`, created on demand."""

    def person(role: str):
        if role == "anonymous":
            return AnonymousUser()
        if role == "owner":
            return owner
        if role in {"member", "moderator", "admin", "operator", "other_admin"}:
            return request.getfixturevalue(role)
        if role in {"manager", "staff"}:
            user = make_user(f"{role}@fournil.test")
            actor_staff_add(actor=actor, user=user, role=role, by=owner)
            return user
        other = make_actor("Primeur du Calavon", naf_code="47.21Z")
        return other.staff.get().user

    return person


def _allowed(helper, **kwargs) -> bool:
    try:
        helper(**kwargs)
    except PermissionDeniedError:
        return False
    return True


EXPECTED = {
    # helper: the roles it lets through
    access_actor_page_as_editor: {"operator", "owner", "manager"},
    access_actor_catalog_as_editor: {"operator", "owner", "manager"},
    access_actor_orders_as_staff: {"operator", "owner", "manager", "staff"},
    access_actor_back_office_as_staff: {"operator", "owner", "manager", "staff"},
    access_actor_staff_as_owner: {"operator", "owner"},
    access_actor_as_territory_admin: {"operator", "admin"},
    access_market_stall: {"operator", "admin", "owner", "manager"},
}


@pytest.mark.parametrize("helper", list(EXPECTED), ids=lambda h: h.__name__)
@pytest.mark.parametrize("role", ROLES)
def test_actor_access_helpers_allow_exactly_their_roles(people, actor, helper, role):
    assert _allowed(helper, user=people(role), actor=actor) == (role in EXPECTED[helper])


@pytest.mark.parametrize("role", ROLES)
def test_only_the_territorys_admins_and_the_operator_manage_markets(people, territory, role):
    allowed = _allowed(access_markets_as_territory_admin, user=people(role), territory=territory)

    assert allowed == (role in {"admin", "operator"})


@pytest.mark.parametrize("role", ROLES)
def test_can_edit_actor_page_matches_the_access_rule(people, actor, role):
    assert can_edit_actor_page(user=people(role), actor=actor) == (
        role in {"operator", "owner", "manager"}
    )


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_pages_are_seen_by_the_team_and_the_territorys_admins(people, actor, role):
    assert can_view_unpublished_actor(user=people(role), actor=actor) == (
        role in {"operator", "admin", "owner", "manager", "staff"}
    )


def test_anonymous_visitors_are_asked_to_log_in(actor):
    with pytest.raises(PermissionDeniedError) as error:
        access_actor_page_as_editor(user=AnonymousUser(), actor=actor)

    assert str(error.value.message) == "Connectez-vous pour accéder à l'espace professionnel."


def test_a_denied_editor_is_told_who_may_edit(people, actor):
    with pytest.raises(PermissionDeniedError) as error:
        access_actor_page_as_editor(user=people("staff"), actor=actor)

    assert str(error.value.message) == (
        "Seuls les responsables et gérants de cet acteur peuvent modifier sa page."
    )


def test_staff_of_an_actor_of_another_territory_has_no_right_here(
    make_actor, other_territory, actor
):
    elsewhere = make_actor("Boulangerie de Thann", in_territory=other_territory)
    their_owner = elsewhere.staff.get().user

    assert not _allowed(access_actor_page_as_editor, user=their_owner, actor=actor)
    assert not _allowed(access_actor_orders_as_staff, user=their_owner, actor=actor)
    assert actors_of_user(user=their_owner, territory=actor.territory) == []


def test_staff_role_of_gives_the_role_or_none(people, actor):
    assert staff_role_of(user=people("owner"), actor=actor) == StaffRole.OWNER
    assert staff_role_of(user=people("manager"), actor=actor) == StaffRole.MANAGER
    assert staff_role_of(user=people("member"), actor=actor) is None
    assert staff_role_of(user=AnonymousUser(), actor=actor) is None


def test_actors_of_user_lists_the_actors_of_the_territory_the_user_works_for(
    make_actor, owner, territory, other_territory
):
    second = make_actor("Atelier Terre d'Ocre", owner=owner, naf_code="23.41Z")
    first = make_actor("Boulangerie des Ocres", owner=owner)
    make_actor("Ailleurs", owner=owner, in_territory=other_territory)
    make_actor("Pas à elle")

    assert actors_of_user(user=owner, territory=territory) == [second, first]
    assert actors_of_user(user=AnonymousUser(), territory=territory) == []


def test_moderators_do_not_verify_actors(make_member, territory, actor):
    moderator = make_member(territory, Role.MODERATOR, email="modo@apt.test")

    assert not _allowed(access_actor_as_territory_admin, user=moderator, actor=actor)
