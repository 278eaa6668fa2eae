"""The demo projects of the Pays d'Apt-Luberon (pmvt.demo.projects.load_projects)."""

import pytest
from django_scopes import scope

from pmvt.demo.ideas import load_ideas
from pmvt.demo.loader import load_foundation
from pmvt.demo.projects import DEMO_PROJECTS, load_projects
from pmvt.projects.models import Need, Project, ProjectStatus
from pmvt.projects.selectors import open_needs


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_ideas(territory)
        load_projects(territory)
    return territory


def test_loads_six_projects_with_needs_at_various_stages(demo_territory):
    with scope(territory=demo_territory):
        projects = {p.title: p for p in Project.objects.filter(territory=demo_territory)}
        assert set(projects) == {spec.values["title"] for spec in DEMO_PROJECTS}
        assert {p.status for p in projects.values()} == {
            ProjectStatus.IDEA,
            ProjectStatus.FORMING,
            ProjectStatus.RUNNING,
            ProjectStatus.PAUSED,
            ProjectStatus.DONE,
        }
        for project in projects.values():
            assert 2 <= Need.objects.filter(project=project).count() <= 4
            assert project.news.count() == 1
        assert projects["Repair café intercommunal"].idea is not None
        assert open_needs(territory=demo_territory).count() > 6
        assert Need.objects.filter(skill_terms__isnull=False).exists()


def test_loading_again_changes_nothing(demo_territory):
    with scope(territory=demo_territory):
        before = list(Project.objects.order_by("pk").values_list("pk", "status", "updated_at"))
        load_projects(demo_territory)
        assert (
            list(Project.objects.order_by("pk").values_list("pk", "status", "updated_at")) == before
        )
