"""Milestones, news and supporters; personal data."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.core.exceptions import PermissionDeniedError
from pmvt.notifications.models import Notification
from pmvt.projects.errors import ProjectFieldError, ProjectStateError
from pmvt.projects.models import Milestone, ProjectMember, ProjectNews, Supporter
from pmvt.projects.personal_data import erase_projects_data, export_projects_data
from pmvt.projects.selectors import is_supporter, supporter_count
from pmvt.projects.services.life import (
    milestone_add,
    milestone_mark_done,
    milestone_remove,
    news_publish,
    project_support,
    project_support_withdraw,
)
from pmvt.projects.services.projects import project_create_draft


def test_team_adds_marks_and_removes_milestones(with_team, teammate):
    milestone = milestone_add(
        project=with_team, by=teammate, title="Premier marché", due_on=date(2030, 5, 1)
    )
    milestone_mark_done(milestone=milestone, by=teammate, done_on=date(2030, 5, 2))
    assert Milestone.objects.get().done_on == date(2030, 5, 2)
    with pytest.raises(ProjectStateError):
        milestone_mark_done(milestone=milestone, by=teammate)
    milestone_remove(milestone=milestone, by=teammate)
    assert Milestone.objects.count() == 0


def test_rejects_a_milestone_without_title(project, carrier):
    with pytest.raises(ProjectFieldError):
        milestone_add(project=project, by=carrier, title="  ")
    assert Milestone.objects.count() == 0


@pytest.mark.parametrize("who", ["member", "other_admin"])
def test_only_the_team_manages_milestones(who, project, carrier, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        milestone_add(project=project, by=user, title="Étape")
    milestone = milestone_add(project=project, by=carrier, title="Étape")
    with pytest.raises(PermissionDeniedError):
        milestone_mark_done(milestone=milestone, by=user)
    with pytest.raises(PermissionDeniedError):
        milestone_remove(milestone=milestone, by=user)
    assert list(Milestone.objects.values_list("title", "done_on")) == [("Étape", None)]


def test_news_reaches_the_supporters(project, carrier, member, teammate):
    project_support(project=project, user=member)
    project_support(project=project, user=carrier)

    news = news_publish(
        project=project, by=carrier, title="Le camion est acheté", body="Merci à **tous** !"
    )

    assert news.author == carrier
    notes = list(Notification.objects.filter(kind="project_news"))
    assert [n.user for n in notes] == [member]
    assert notes[0].title == (
        "Du nouveau sur le projet « Épicerie solidaire itinérante » : Le camion est acheté"
    )


@pytest.mark.parametrize("who", ["member", "other_admin"])
def test_only_the_team_posts_news(who, project, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        news_publish(project=project, by=user, title="T", body="B")
    assert ProjectNews.objects.count() == 0


def test_rejects_empty_news_and_news_of_a_draft(project, carrier, territory):
    with pytest.raises(ProjectFieldError):
        news_publish(project=project, by=carrier, title="Titre", body=" ")
    draft = project_create_draft(territory=territory, by=carrier, title="Brouillon", description="")
    with pytest.raises(ProjectStateError):
        news_publish(project=draft, by=carrier, title="Titre", body="Texte")
    assert ProjectNews.objects.count() == 0


def test_support_is_counted_once_and_withdrawn(project, member):
    project_support(project=project, user=member)
    project_support(project=project, user=member)
    assert supporter_count(project) == 1
    assert is_supporter(user=member, project=project)
    assert project_support_withdraw(project=project, user=member) is True
    assert project_support_withdraw(project=project, user=member) is False
    assert supporter_count(project) == 0


def test_refuses_support_from_outside_or_to_a_draft(
    project, other_admin, territory, carrier, member
):
    for user in (AnonymousUser(), other_admin):
        with pytest.raises(PermissionDeniedError):
            project_support(project=project, user=user)  # type: ignore[arg-type]
    draft = project_create_draft(territory=territory, by=carrier, title="Brouillon", description="")
    with pytest.raises(PermissionDeniedError):
        project_support(project=draft, user=member)
    assert Supporter.objects.count() == 0


def test_personal_data_export_and_erase(with_team, carrier, teammate, member):
    project_support(project=with_team, user=teammate)
    news_publish(project=with_team, by=teammate, title="Nouvelle", body="Texte")

    data = export_projects_data(teammate)

    assert [(m["project"], m["role"]) for m in data["team_memberships"]] == [
        ("Épicerie solidaire itinérante", "member")
    ]
    assert [n["title"] for n in data["news"]] == ["Nouvelle"]
    assert [s["project"] for s in data["supported_projects"]] == ["Épicerie solidaire itinérante"]

    erase_projects_data(teammate)

    assert not ProjectMember.objects.filter(user=teammate).exists()
    assert not Supporter.objects.filter(user=teammate).exists()
    assert ProjectNews.objects.get().author is None
    assert ProjectMember.objects.filter(user=carrier).exists()
