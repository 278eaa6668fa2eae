from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "pmvt.demo"
    label = "demo"
