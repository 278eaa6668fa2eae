from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Consultations of the territory's members: surveys, answers and their results."""

    name = "pmvt.consultations"
    label = "consultations"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.consultations.personal_data import (
            erase_consultation_responses,
            export_consultation_responses,
        )
        from pmvt.consultations.selectors import open_consultations_line
        from pmvt.portal.doors import DoorSection, register_door_section

        register_door_section(
            "values",
            DoorSection(
                key="consultations",
                title=_("Consultations"),
                description=_(
                    "La collectivité vous demande votre avis : répondez aux consultations en "
                    "cours, retrouvez les résultats des consultations terminées."
                ),
                url_name="consultations:list",
                position=40,
                live=open_consultations_line,
            ),
        )
        register_personal_data(
            key="consultations",
            export=export_consultation_responses,
            erase=erase_consultation_responses,
        )
