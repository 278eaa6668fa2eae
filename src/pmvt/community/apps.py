from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Shared ground of the Valeurs territoriales door: themes and moderation."""

    name = "pmvt.community"
    label = "community"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.community.personal_data import erase_community_data, export_community_data

        register_personal_data(
            key="community", export=export_community_data, erase=erase_community_data
        )
