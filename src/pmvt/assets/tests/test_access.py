"""Who offers, manages, sees and books an asset: every rule allowed and denied."""

import pytest

from pmvt.accounts.models import Role
from pmvt.actors.models import StaffRole
from pmvt.actors.services.staff import actor_staff_add
from pmvt.assets.access import (
    booking_refusal,
    can_manage_asset,
    can_view_asset,
    can_view_booking,
    offering_choices,
)
from pmvt.assets.models import Asset, AssetStatus
from pmvt.assets.services.assets import asset_create
from pmvt.assets.services.bookings import booking_request
from pmvt.assets.tests.conftest import asset_data, in_days
from pmvt.core.exceptions import PermissionDeniedError


def test_member_offers_in_own_name_only(territory, owner):
    assert [c.key for c in offering_choices(user=owner, territory=territory)] == ["moi"]


def test_non_member_may_not_offer(territory, other_territory, make_member):
    outsider = make_member(other_territory)
    assert offering_choices(user=outsider, territory=territory) == []
    with pytest.raises(PermissionDeniedError):
        asset_create(territory=territory, by=outsider, data=asset_data(territory))
    assert Asset.objects.count() == 0


def test_actor_owner_offers_in_actor_name(territory, make_actor):
    boss, actor = make_actor(territory)
    keys = [c.key for c in offering_choices(user=boss, territory=territory)]
    assert keys == ["moi", f"acteur-{actor.pk}"]
    asset = asset_create(territory=territory, by=boss, data=asset_data(territory), actor=actor)
    assert asset.actor == actor
    assert asset.owner_display == actor.display_name


def test_actor_plain_staff_may_not_offer_in_actor_name(territory, make_actor, stranger):
    boss, actor = make_actor(territory)
    actor_staff_add(actor=actor, user=stranger, role=StaffRole.STAFF, by=boss)
    assert [c.key for c in offering_choices(user=stranger, territory=territory)] == ["moi"]
    with pytest.raises(PermissionDeniedError):
        asset_create(territory=territory, by=stranger, data=asset_data(territory), actor=actor)
    assert Asset.objects.count() == 0


def test_non_staff_may_not_offer_in_actor_name(territory, make_actor, stranger):
    _boss, actor = make_actor(territory)
    with pytest.raises(PermissionDeniedError):
        asset_create(territory=territory, by=stranger, data=asset_data(territory), actor=actor)
    assert Asset.objects.count() == 0


def test_admin_offers_in_collectivite_name(territory, admin):
    assert offering_choices(user=admin, territory=territory)[-1].key == "collectivite"
    asset = asset_create(
        territory=territory, by=admin, data=asset_data(territory), by_collectivite=True
    )
    assert asset.by_collectivite is True
    assert asset.owner_display == territory.public_name


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR, Role.ACTOR_MEMBER])
def test_non_admin_may_not_offer_in_collectivite_name(territory, make_member, role):
    user = make_member(territory, role)
    assert "collectivite" not in [c.key for c in offering_choices(user=user, territory=territory)]
    with pytest.raises(PermissionDeniedError):
        asset_create(territory=territory, by=user, data=asset_data(territory), by_collectivite=True)
    assert Asset.objects.count() == 0


def test_admin_of_other_territory_may_not_offer_for_this_collectivite(territory, other_admin):
    with pytest.raises(PermissionDeniedError):
        asset_create(
            territory=territory, by=other_admin, data=asset_data(territory), by_collectivite=True
        )


def test_managers_of_each_kind_of_asset(territory, make_asset, make_actor, make_member, admin):
    boss, actor = make_actor(territory)
    manager = make_member(territory)
    actor_staff_add(actor=actor, user=manager, role=StaffRole.MANAGER, by=boss)
    staff = make_member(territory)
    actor_staff_add(actor=actor, user=staff, role=StaffRole.STAFF, by=boss)
    member = make_member(territory)
    of_actor = make_asset(territory, boss, actor=actor, title="Atelier")
    of_collectivite = make_asset(territory, admin, by_collectivite=True, title="Salle")
    personal = make_asset(territory, member, title="Perceuse")

    assert can_manage_asset(user=boss, asset=of_actor)
    assert can_manage_asset(user=manager, asset=of_actor)
    assert not can_manage_asset(user=staff, asset=of_actor)
    assert not can_manage_asset(user=member, asset=of_actor)

    other_admin = make_member(territory, Role.ADMIN)
    assert can_manage_asset(user=other_admin, asset=of_collectivite)
    assert not can_manage_asset(user=member, asset=of_collectivite)

    assert can_manage_asset(user=member, asset=personal)
    assert not can_manage_asset(user=admin, asset=personal)
    assert not can_manage_asset(user=boss, asset=personal)


def test_draft_is_seen_by_its_managers_only(territory, make_asset, owner, stranger):
    draft = make_asset(territory, owner, publish=False)
    assert draft.status == AssetStatus.DRAFT
    assert can_view_asset(user=owner, asset=draft)
    assert not can_view_asset(user=stranger, asset=draft)


def test_booking_refusals(territory, other_territory, asset, owner, requester, make_member):
    from django.contrib.auth.models import AnonymousUser

    assert booking_refusal(user=requester, asset=asset) == ""
    assert booking_refusal(user=AnonymousUser(), asset=asset).startswith("Connectez-vous")
    assert booking_refusal(user=make_member(other_territory), asset=asset).startswith("Rejoignez")
    assert booking_refusal(user=owner, asset=asset).startswith("Vous gérez ce bien")


def test_booking_seen_by_both_sides_only(asset, owner, requester, stranger):
    booking = booking_request(
        asset=asset, requester=requester, starts_at=in_days(3), ends_at=in_days(4)
    )
    assert can_view_booking(user=requester, booking=booking)
    assert can_view_booking(user=owner, booking=booking)
    assert not can_view_booking(user=stranger, booking=booking)
