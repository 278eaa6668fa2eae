"""Each permission rule of the orders area, allowed and denied."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from pmvt.actors.models import StaffRole
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.orders.access import (
    access_buying_as_professional,
    access_checkout,
    access_logistics_as_admin,
    access_order_as_buyer,
    access_order_as_seller,
    access_seller_orders,
    access_seller_settings,
    can_handle_orders,
)
from pmvt.orders.tests.factories import collect, owner_of


@pytest.fixture
def order(buyer, golden, slot, fill_cart, place):
    return place(fill_cart(buyer, (golden, 1)), buyer, {slot.actor_id: collect(slot)})[0]


@pytest.fixture
def rival(make_seller):
    return make_seller("Fromagerie de Rustrel")


# --- access_seller_orders ----------------------------------------------------------------


@pytest.mark.parametrize("role", [StaffRole.OWNER, StaffRole.MANAGER, StaffRole.STAFF])
def test_seller_orders_allow_every_staff_role(seller, add_staff, role):
    user = add_staff(seller, role)

    access_seller_orders(user=user, actor=seller)
    assert can_handle_orders(user=user, actor=seller) is True


def test_seller_orders_allow_a_territory_admin_with_two_factor(seller, admin, activate_totp):
    activate_totp(admin)

    access_seller_orders(user=admin, actor=seller)


def test_seller_orders_allow_the_operator_with_two_factor(seller, operator, activate_totp):
    activate_totp(operator)

    access_seller_orders(user=operator, actor=seller)


def test_seller_orders_deny_an_admin_without_two_factor(seller, admin):
    with pytest.raises(PermissionDeniedError):
        access_seller_orders(user=admin, actor=seller)
    assert can_handle_orders(user=admin, actor=seller) is False


def test_seller_orders_deny_staff_of_another_actor(seller, rival):
    with pytest.raises(PermissionDeniedError) as error:
        access_seller_orders(user=owner_of(rival), actor=seller)

    assert error.value.message == "Seule l'équipe de cet acteur peut voir ses commandes."


def test_seller_orders_deny_an_admin_of_another_territory(seller, other_admin, activate_totp):
    activate_totp(other_admin)

    with pytest.raises(PermissionDeniedError):
        access_seller_orders(user=other_admin, actor=seller)


def test_seller_orders_deny_a_buyer_and_anonymous(seller, buyer):
    for user in (buyer, AnonymousUser()):
        with pytest.raises(PermissionDeniedError):
            access_seller_orders(user=user, actor=seller)
        assert can_handle_orders(user=user, actor=seller) is False


# --- access_seller_settings ----------------------------------------------------------------


@pytest.mark.parametrize("role", [StaffRole.OWNER, StaffRole.MANAGER])
def test_settings_allow_owners_and_managers(seller, add_staff, role):
    access_seller_settings(user=add_staff(seller, role), actor=seller)


def test_settings_deny_employees_and_admins(seller, add_staff, admin, activate_totp):
    activate_totp(admin)

    for user in (add_staff(seller, StaffRole.STAFF), admin):
        with pytest.raises(PermissionDeniedError):
            access_seller_settings(user=user, actor=seller)


def test_settings_deny_anonymous(seller):
    with pytest.raises(PermissionDeniedError):
        access_seller_settings(user=AnonymousUser(), actor=seller)


# --- access_order_as_seller / as_buyer ------------------------------------------------------


def test_order_as_seller_allows_its_own_order(order, seller):
    assert access_order_as_seller(user=owner_of(seller), actor=seller, number=order.number) == order


def test_order_as_seller_hides_another_sellers_order(order, rival):
    with pytest.raises(Http404):
        access_order_as_seller(user=owner_of(rival), actor=rival, number=order.number)


def test_order_as_buyer_allows_the_buyer(order, buyer, territory):
    assert access_order_as_buyer(user=buyer, territory=territory, number=order.number) == order


def test_order_as_buyer_hides_it_from_everyone_else(order, territory, seller, make_user):
    for user in (make_user("autre@apt.test"), owner_of(seller)):
        with pytest.raises(Http404):
            access_order_as_buyer(user=user, territory=territory, number=order.number)


def test_order_as_buyer_hides_it_in_another_territory(order, buyer, other_territory):
    with pytest.raises(Http404):
        access_order_as_buyer(user=buyer, territory=other_territory, number=order.number)


def test_order_as_buyer_asks_anonymous_visitors_to_log_in(order, territory):
    with pytest.raises(PermissionDeniedError):
        access_order_as_buyer(user=AnonymousUser(), territory=territory, number=order.number)


# --- checkout, professional buying, logistics ----------------------------------------------


def test_checkout_allows_users_and_denies_anonymous(buyer):
    access_checkout(user=buyer)
    with pytest.raises(PermissionDeniedError):
        access_checkout(user=AnonymousUser())


def test_professional_buying_allows_staff_of_a_verified_actor(seller):
    access_buying_as_professional(user=owner_of(seller), actor=seller)


def test_professional_buying_denies_outsiders_and_pending_actors(seller, buyer, make_seller):
    pending = make_seller("Traiteur en attente", verified=False)

    with pytest.raises(PermissionDeniedError):
        access_buying_as_professional(user=buyer, actor=seller)
    with pytest.raises(PermissionDeniedError) as error:
        access_buying_as_professional(user=owner_of(pending), actor=pending)
    assert error.value.message == (
        "Traiteur en attente doit être vérifié pour acheter en tant que professionnel."
    )


def test_logistics_allows_admins_and_denies_others(territory, admin, member, other_admin):
    access_logistics_as_admin(user=admin, territory=territory)
    for user in (member, other_admin, AnonymousUser()):
        with pytest.raises(PermissionDeniedError):
            access_logistics_as_admin(user=user, territory=territory)
