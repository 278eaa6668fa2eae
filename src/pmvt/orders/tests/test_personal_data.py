"""Orders in "download my data" and "delete my account"."""

from django_scopes import scopes_disabled

from pmvt.accounts.services.users import user_erase, user_export_data
from pmvt.orders.models import Order
from pmvt.orders.tests.factories import collect


def test_export_lists_the_buyers_orders_and_erasure_keeps_them_without_identity(
    buyer, golden, slot, fill_cart, place
):
    [order] = place(fill_cart(buyer, (golden, 2)), buyer, {golden.offer.actor_id: collect(slot)})
    data = user_export_data(user=buyer)
    assert [o["number"] for o in data["orders"]] == [order.number]
    assert data["orders"][0]["total"] == str(order.total)

    user_erase(user=buyer)

    with scopes_disabled():
        kept = Order.objects.get(pk=order.pk)
    assert kept.total == order.total
    assert (
        kept.customer_name,
        kept.customer_email,
        kept.customer_phone,
        kept.delivery_address,
    ) == (
        "Client supprimé",
        "",
        "",
        "",
    )
