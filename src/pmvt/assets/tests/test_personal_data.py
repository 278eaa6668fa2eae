"""Export and erasure of a person's assets and bookings."""

from pmvt.actors.models import StaffRole
from pmvt.actors.services.staff import actor_staff_add
from pmvt.assets.models import Asset, Booking
from pmvt.assets.personal_data import erase_assets_data, export_assets_data
from pmvt.assets.services.bookings import booking_request
from pmvt.assets.tests.conftest import in_days


def test_export_lists_assets_and_bookings(territory, asset, owner, requester):
    booking_request(
        asset=asset, requester=requester, starts_at=in_days(3), ends_at=in_days(4), message="Merci"
    )
    assert [a["title"] for a in export_assets_data(owner)["assets"]] == ["Remorque bâchée 750 kg"]
    bookings = export_assets_data(requester)["bookings"]
    assert [(b["asset"], b["status"], b["message"]) for b in bookings] == [
        ("Remorque bâchée 750 kg", "requested", "Merci")
    ]


def test_erase_drops_bookings_and_own_assets_but_hands_actor_assets_over(
    territory, make_asset, make_actor, make_member, owner, requester
):
    boss, actor = make_actor(territory)
    manager = make_member(territory)
    actor_staff_add(actor=actor, user=manager, role=StaffRole.MANAGER, by=boss)
    workshop = make_asset(territory, boss, actor=actor, title="Atelier")
    personal = make_asset(territory, boss, title="Perceuse")
    booking_request(asset=workshop, requester=requester, starts_at=in_days(3), ends_at=in_days(4))
    erase_assets_data(requester)
    erase_assets_data(boss)
    assert Booking.objects.count() == 0
    assert not Asset.objects.filter(pk=personal.pk).exists()
    workshop.refresh_from_db()
    assert workshop.owner == manager
