from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Shared ground of the Valeurs territoriales door: themes and moderation."""

    name = "pmvt.community"
    label = "community"
