from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    """Co-construction workshops ("Many to Many"): contributions, themes, dot vote, actions."""

    name = "pmvt.workshops"
    label = "workshops"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.notifications.kinds import NotificationMode, kind_register
        from pmvt.workshops.personal_data import erase_workshops_data, export_workshops_data

        kind_register(
            "workshops",
            label=_("Mes ateliers de co-construction"),
            description=_(
                "L'ouverture de chaque phase d'un atelier auquel vous participez : "
                "contributions, regroupement, vote, plan d'action."
            ),
            default_mode=NotificationMode.INSTANT,
        )
        register_personal_data(
            key="workshops", export=export_workshops_data, erase=erase_workshops_data
        )
