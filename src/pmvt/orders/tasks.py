"""Background tasks of the orders area (run by `manage.py db_worker`)."""

from django.db import transaction
from django_scopes import scopes_disabled
from django_tasks import task

from pmvt.orders.models import Order
from pmvt.orders.services.retention import carts_purge_abandoned


@task()
def notify_orders_placed(*, order_ids: list[int]) -> int:
    """Tell the buyer and each seller's team about new orders (in-app, and email as they chose).

    Queued by checkout in the checkout's own transaction (an outbox row), so the notifications
    exist exactly when the orders do, and the buyer's request does not wait for them.
    """
    from pmvt.orders.services.checkout import notify_new_orders

    with scopes_disabled(), transaction.atomic():
        orders = list(
            Order.objects.filter(pk__in=order_ids)
            .select_related("territory", "seller", "buyer")
            .order_by("pk")
        )
        notify_new_orders(orders)
    return len(orders)


@task()
def purge_abandoned_carts() -> int:
    """The task version of `orders_purge_carts`, for a scheduler that enqueues tasks."""
    return carts_purge_abandoned()
