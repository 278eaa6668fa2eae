from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "pmvt.interop"
    label = "interop"
