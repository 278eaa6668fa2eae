from django.apps import AppConfig


class ActorsConfig(AppConfig):
    name = "pmvt.actors"
    label = "actors"
