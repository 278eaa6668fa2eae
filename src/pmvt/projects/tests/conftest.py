"""Factories of projects' tests. Data goes through the services, as on the site."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.community.models import CommunitySettings
from pmvt.ideas.models import Idea
from pmvt.ideas.services.campaigns import campaign_create
from pmvt.ideas.services.ideas import idea_submit
from pmvt.projects.models import Project
from pmvt.projects.services.projects import project_create
from pmvt.skills.models import SkillTerm
from pmvt.territories.models import Commune, Territory

T = "/t/pays-dapt-luberon"
LIST = f"{T}/valeurs/maison/projets/"


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def commune(territory: Territory, insee: str = "84003") -> Commune:
    communes = Commune.objects.filter(territory=territory)
    return communes.filter(insee_code=insee).first() or communes.order_by("insee_code")[0]


def url(project: Project, suffix: str = "") -> str:
    return f"{project.get_absolute_url()}{suffix}"


@pytest.fixture
def carrier(make_member, territory) -> User:
    return make_member(
        territory, Role.MEMBER, email="porteuse@apt.test", display_name="Nina Porteuse"
    )


@pytest.fixture
def teammate(make_member, territory) -> User:
    return make_member(
        territory, Role.MEMBER, email="equipier@apt.test", display_name="Jo Équipier"
    )


@pytest.fixture
def make_project(carrier) -> Callable[..., Project]:
    def make(
        territory: Territory | None = None, *, by: User | None = None, **values: Any
    ) -> Project:
        by = by or carrier
        territory = territory or by.memberships.get().territory
        values.setdefault("title", "Épicerie solidaire itinérante")
        values.setdefault(
            "summary", "Un camion-épicerie qui passe dans les villages sans commerce."
        )
        values.setdefault("problem", "Dix villages n'ont plus de commerce alimentaire.")
        values.setdefault("sdgs", [2, 11])
        values.setdefault("communes", [commune(territory)])
        return project_create(territory=territory, by=by, **values)

    return make


@pytest.fixture
def project(make_project) -> Project:
    return make_project()


@pytest.fixture
def with_team(project, teammate) -> Project:
    """The project with `teammate` as a member (role member) of its team."""
    from pmvt.projects.services.team import team_add

    team_add(project=project, by=project.created_by, user=teammate)
    return project


@pytest.fixture
def skill_term(db) -> SkillTerm:
    return SkillTerm.objects.create(
        territory=None, label="Menuiserie", slug="menuiserie-test", category="Bricolage"
    )


@pytest.fixture
def idea(territory, admin, member) -> Idea:
    CommunitySettings.objects.update_or_create(
        territory=territory, defaults={"moderate_before_publication": False}
    )
    now = timezone.now()
    campaign = campaign_create(
        territory=territory,
        by=admin,
        title="Vivre au village",
        question="Comment mieux vivre dans nos villages ?",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
    return idea_submit(
        campaign=campaign,
        author=member,
        title="Un repair café tournant",
        description="Réparer ensemble plutôt que jeter.",
    )


def fresh(project: Project) -> Project:
    return Project.objects.get(pk=project.pk)
