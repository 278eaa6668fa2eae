"""The demo step follows the suggestions as a team would, once."""

from decimal import Decimal

from pmvt.assets.models import BookingStatus
from pmvt.demo.maison import load_maison
from pmvt.maison.models import ContributionHours, Invitation, InvitationStatus


def test_loads_pending_accepted_declined_and_asset_invitations_once(world, territory):
    load_maison(territory)
    load_maison(territory)

    rows = {
        (i.need.title, i.status): i
        for i in Invitation.objects.select_related("need", "person", "asset", "booking")
    }
    assert sorted(rows) == [
        ("Chantier participatif au jardin partagé", InvitationStatus.ACCEPTED),
        ("Refaire le site de l'épicerie", InvitationStatus.DECLINED),
        ("Tenir la comptabilité de l'épicerie", InvitationStatus.PENDING),
        ("Une salle pour l'assemblée générale", InvitationStatus.ACCEPTED),
    ]
    pending = rows[("Tenir la comptabilité de l'épicerie", "pending")]
    assert pending.person is not None
    assert pending.person.email == "claire@maison.test"
    garden = rows[("Chantier participatif au jardin partagé", "accepted")]
    assert garden.person is not None
    assert garden.person.email == "léo@maison.test"
    assert sum(h.hours for h in ContributionHours.objects.filter(invitation=garden)) == Decimal(
        "5.5"
    )
    room = rows[("Une salle pour l'assemblée générale", "accepted")]
    assert room.asset is not None
    assert room.booking is not None
    assert room.asset.title == "Salle des fêtes d'Apt"
    assert room.booking.status == BookingStatus.ACCEPTED
