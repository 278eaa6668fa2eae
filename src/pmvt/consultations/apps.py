from django.apps import AppConfig


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

        register_personal_data(
            key="consultations",
            export=export_consultation_responses,
            erase=erase_consultation_responses,
        )
