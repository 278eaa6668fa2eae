"""The orders' share of "download my data" and "delete my account"."""

from typing import Any

from pmvt.accounts.models import User
from pmvt.orders.models import Cart, Order


def export_orders(user: User) -> list[dict[str, Any]]:
    orders = (
        Order.objects.filter(buyer=user)
        .select_related("seller", "territory")
        .prefetch_related("lines")
        .order_by("placed_at", "pk")
    )
    return [
        {
            "number": o.number,
            "territory": o.territory.name,
            "seller": o.seller.display_name,
            "placed_at": o.placed_at.isoformat(),
            "status": o.status,
            "fulfilment": o.fulfilment,
            "delivery_address": o.delivery_address,
            "customer_name": o.customer_name,
            "customer_email": o.customer_email,
            "customer_phone": o.customer_phone,
            "note": o.note,
            "total": str(o.total),
            "lines": [
                {
                    "offer": line.offer_name,
                    "format": line.variant_label,
                    "quantity": line.quantity,
                    "unit_price": str(line.unit_price),
                    "vat_rate": str(line.vat_rate),
                }
                for line in o.lines.all()
            ],
        }
        for o in orders
    ]


def erase_orders(user: User) -> None:
    """Keep the orders (accounting records, art. L123-22 Code de commerce), not the identity."""
    Order.objects.filter(buyer=user).update(
        customer_name="Client supprimé",
        customer_email="",
        customer_phone="",
        delivery_address="",
        note="",
    )
    Cart.objects.filter(user=user).delete()
