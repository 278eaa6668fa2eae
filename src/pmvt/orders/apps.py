from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "pmvt.orders"
    label = "orders"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.core.header_counts import register_header_counter
        from pmvt.orders.context_processors import cart_counter
        from pmvt.orders.logistics_cache import connect_signals
        from pmvt.orders.personal_data import erase_orders, export_orders

        register_personal_data(key="orders", export=export_orders, erase=erase_orders)
        register_header_counter("cart_count", cart_counter)
        connect_signals()
