from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pmvt.core"
    label = "core"
