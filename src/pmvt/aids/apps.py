from django.apps import AppConfig


class AidsConfig(AppConfig):
    """Aid schemes for local actors, eligibility matching and the collectivité's announcements."""

    name = "pmvt.aids"
    label = "aids"
