from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Local jobs: offers by verified actors and the collectivité, applications with private CVs."""

    name = "pmvt.jobs"
    label = "jobs"
