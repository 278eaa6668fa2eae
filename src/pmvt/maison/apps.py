from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaisonConfig(AppConfig):
    """The Maison de création de valeur territoriale: explained matching and invitations."""

    name = "pmvt.maison"
    label = "maison"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.maison.personal_data import erase_maison_data, export_maison_data
        from pmvt.maison.selectors import open_needs_line
        from pmvt.notifications.kinds import NotificationMode, kind_register
        from pmvt.portal.doors import DoorSection, register_door_section

        register_door_section(
            "values",
            DoorSection(
                key="maison",
                title=_("Maison de création de valeur"),
                description=_(
                    "Mettez vos compétences, votre temps ou un bien qui dort au service des "
                    "projets collectifs du territoire : chaque suggestion dit pourquoi."
                ),
                url_name="maison:home",
                position=15,
                live=open_needs_line,
            ),
        )
        kind_register(
            "maison",
            label=_("Projets collectifs : invitations et propositions d'aide"),
            description=_(
                "Une invitation à contribuer à un projet, une proposition d'aide, une réponse, "
                "des heures enregistrées."
            ),
            default_mode=NotificationMode.INSTANT,
        )
        register_personal_data(key="maison", export=export_maison_data, erase=erase_maison_data)
