"""What people are told about projects: joining a team, a new role, leaving it, the news.

In-app notifications through pmvt.notifications, which emails them as each person chose
(kinds "project_team" and "project_news", registered in apps.py).
"""

from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.notifications.services.inbox import notify
from pmvt.projects.models import Project, ProjectNews

TEAM_KIND = "project_team"
NEWS_KIND = "project_news"


def tell_added_to_team(*, project: Project, user: User, by: User) -> None:
    notify(
        user=user,
        territory=project.territory,
        kind=TEAM_KIND,
        title=_("Vous faites partie de l'équipe du projet « %(title)s ».")
        % {"title": project.title},
        body=_(
            "%(name)s vous a ajouté à l'équipe. Vous pouvez gérer les besoins, les étapes et les "
            "nouvelles du projet, ou quitter l'équipe depuis sa page."
        )
        % {"name": by.display_name or _("Un porteur du projet")},
        url=project.get_absolute_url(),
    )


def tell_promoted(*, project: Project, user: User) -> None:
    notify(
        user=user,
        territory=project.territory,
        kind=TEAM_KIND,
        title=_("Vous êtes désormais porteur du projet « %(title)s ».") % {"title": project.title},
        body=_("Vous pouvez modifier le projet, changer son état et gérer son équipe."),
        url=project.get_absolute_url(),
    )


def tell_removed(*, project: Project, user: User) -> None:
    notify(
        user=user,
        territory=project.territory,
        kind=TEAM_KIND,
        title=_("Vous ne faites plus partie de l'équipe du projet « %(title)s ».")
        % {"title": project.title},
        body=_("Un porteur du projet vous a retiré de l'équipe."),
        url=project.get_absolute_url(),
    )


def tell_news(*, news: ProjectNews, supporters: list[User]) -> None:
    project = news.project
    for user in supporters:
        notify(
            user=user,
            territory=project.territory,
            kind=NEWS_KIND,
            title=_("Du nouveau sur le projet « %(project)s » : %(title)s")
            % {"project": project.title, "title": news.title},
            body=news.body[:500],
            url=project.get_absolute_url(),
        )
