from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "pmvt.territories"
    label = "territories"
