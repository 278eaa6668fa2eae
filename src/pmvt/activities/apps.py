from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    """Activities for seniors and youth: registration with capacity and waiting list."""

    name = "pmvt.activities"
    label = "activities"
