from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    """Dormant skills and time: the vocabulary, profiles, the directory, contact requests."""

    name = "pmvt.skills"
    label = "skills"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.notifications.kinds import NotificationMode, kind_register
        from pmvt.skills.personal_data import erase_skills_data, export_skills_data

        kind_register(
            "skills",
            label=_("Mes compétences partagées"),
            description=_(
                "Une personne souhaite vous contacter au sujet de vos compétences, ou répond à "
                "une demande que vous avez envoyée."
            ),
            default_mode=NotificationMode.INSTANT,
        )
        register_personal_data(key="skills", export=export_skills_data, erase=erase_skills_data)
