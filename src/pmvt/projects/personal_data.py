"""Collective projects' share of "download my data" and "delete my account".

Exported: the person's places in project teams, the news they wrote, the projects they
support. On erasure their team places and supports go; the news they wrote stay with the
project, without author (they belong to the project's story); the projects they proposed stay
with their team.
"""

from typing import Any

from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.projects.models import Project, ProjectMember, ProjectNews, Supporter


def export_projects_data(user: User) -> dict[str, list[dict[str, Any]]]:
    with scopes_disabled():
        members = ProjectMember.objects.filter(user=user).select_related("project__territory")
        news = ProjectNews.objects.filter(author=user).select_related("project__territory")
        supports = Supporter.objects.filter(user=user).select_related("project__territory")
        return {
            "team_memberships": [
                {
                    "territory": m.project.territory.name,
                    "project": m.project.title,
                    "role": m.role,
                    "joined_at": m.joined_at.isoformat(),
                }
                for m in members.order_by("joined_at", "pk")
            ],
            "news": [
                {
                    "territory": n.project.territory.name,
                    "project": n.project.title,
                    "title": n.title,
                    "body": n.body,
                    "published_at": n.published_at.isoformat(),
                }
                for n in news.order_by("published_at", "pk")
            ],
            "supported_projects": [
                {
                    "territory": s.project.territory.name,
                    "project": s.project.title,
                    "created_at": s.created_at.isoformat(),
                }
                for s in supports.order_by("created_at", "pk")
            ],
        }


def erase_projects_data(user: User) -> None:
    with scopes_disabled():
        ProjectMember.objects.filter(user=user).delete()
        Supporter.objects.filter(user=user).delete()
        ProjectNews.objects.filter(author=user).update(author=None)
        Project.objects.filter(created_by=user).update(created_by=None)
