from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "pmvt.orders"
    label = "orders"
