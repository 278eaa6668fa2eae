"""Assets' share of "download my data" and "delete my account".

Exported: the assets the person offers and the bookings they requested. On erasure their
bookings go; their own assets go with them; an asset offered in the name of an actor or of the
collectivité stays, handed to another of its managers (an owner or manager of the actor, an
admin of the territory), and goes only when nobody else manages it.
"""

from typing import Any

from django_scopes import scopes_disabled

from pmvt.accounts.models import Membership, Role, User
from pmvt.actors.models import ActorStaff
from pmvt.assets.access import ASSET_MANAGER_ROLES
from pmvt.assets.models import Asset, Booking


def export_assets_data(user: User) -> dict[str, list[dict[str, Any]]]:
    with scopes_disabled():
        assets = Asset.objects.filter(owner=user).select_related("territory", "commune")
        bookings = Booking.objects.filter(requester=user).select_related("territory", "asset")
        return {
            "assets": [
                {
                    "territory": a.territory.name,
                    "title": a.title,
                    "kind": a.kind,
                    "status": a.status,
                    "commune": a.commune.name,
                    "description": a.description,
                    "created_at": a.created_at.isoformat(),
                }
                for a in assets.order_by("created_at", "pk")
            ],
            "bookings": [
                {
                    "territory": b.territory.name,
                    "asset": b.asset.title,
                    "starts_at": b.starts_at.isoformat(),
                    "ends_at": b.ends_at.isoformat(),
                    "status": b.status,
                    "message": b.message,
                    "answer": b.answer,
                    "cancel_reason": b.cancel_reason,
                    "created_at": b.created_at.isoformat(),
                }
                for b in bookings.order_by("created_at", "pk")
            ],
        }


def _successor(asset: Asset, user: User) -> User | None:
    if asset.actor_id is not None:
        staff = (
            ActorStaff.objects.filter(actor_id=asset.actor_id, role__in=ASSET_MANAGER_ROLES)
            .exclude(user=user)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return staff.user if staff else None
    if asset.by_collectivite:
        membership = (
            Membership.objects.filter(territory_id=asset.territory_id, role=Role.ADMIN)
            .exclude(user=user)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return membership.user if membership else None
    return None


def erase_assets_data(user: User) -> None:
    with scopes_disabled():
        Booking.objects.filter(requester=user).delete()
        for asset in Asset.objects.filter(owner=user).order_by("pk"):
            successor = _successor(asset, user)
            if successor is None:
                asset.delete()
            else:
                asset.owner = successor
                asset.save(update_fields=["owner", "updated_at"])
