from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Collective projects of the Maison: team, needs, milestones, news, supporters."""

    name = "pmvt.projects"
    label = "projects"

    def ready(self) -> None:
        from pmvt.accounts.personal_data import register_personal_data
        from pmvt.notifications.kinds import NotificationMode, kind_register
        from pmvt.projects.personal_data import erase_projects_data, export_projects_data

        kind_register(
            "project_team",
            label=_("L'équipe de mes projets collectifs"),
            description=_(
                "Vous êtes ajouté à l'équipe d'un projet, nommé porteur, ou retiré de l'équipe."
            ),
            default_mode=NotificationMode.INSTANT,
        )
        kind_register(
            "project_news",
            label=_("Les nouvelles des projets que je soutiens"),
            description=_("Une équipe publie une nouvelle d'un projet que vous soutenez."),
            default_mode=NotificationMode.INSTANT,
        )
        register_personal_data(
            key="projects", export=export_projects_data, erase=erase_projects_data
        )
