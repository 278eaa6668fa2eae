from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "pmvt.territories"
    label = "territories"

    def ready(self) -> None:
        from pmvt.territories.cache import connect_signals

        connect_signals()
