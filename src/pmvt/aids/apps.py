from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidsConfig(AppConfig):
    """Aid schemes for local actors, eligibility matching and the collectivité's announcements."""

    name = "pmvt.aids"
    label = "aids"

    def ready(self) -> None:
        from pmvt.aids.selectors import open_aids_line
        from pmvt.portal.doors import DoorSection, register_door_section

        register_door_section(
            "values",
            DoorSection(
                key="aids",
                title=_("Aides des collectivités"),
                description=_(
                    "Les aides publiques aux entreprises et aux associations du territoire, "
                    "et les annonces de la collectivité. Quelles aides pour votre structure ?"
                ),
                url_name="aids:directory",
                position=60,
                live=open_aids_line,
            ),
        )
