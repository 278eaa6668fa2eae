"""Proposing, changing and moving projects through their statuses."""

import io

import pytest
from PIL import Image

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.projects.errors import ProjectFieldError, ProjectStateError
from pmvt.projects.models import MemberRole, Project, ProjectMember, ProjectStatus
from pmvt.projects.selectors import project_list, projects_of_idea
from pmvt.projects.services.projects import (
    project_complete,
    project_create,
    project_create_draft,
    project_form_team,
    project_move,
    project_pause,
    project_publish,
    project_resume,
    project_start,
    project_update,
)
from pmvt.projects.tests.conftest import commune, fresh


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "photo.png"
    return buffer


def test_member_proposes_a_project_and_becomes_its_carrier(territory, carrier, make_project):
    project = make_project(territory, sdgs=["11", 2, 2])

    assert project.status == ProjectStatus.IDEA
    assert project.slug == "epicerie-solidaire-itinerante"
    assert project.sdgs == [2, 11]
    assert project.sdg_index == "|2|11|"
    assert list(project.communes.values_list("insee_code", flat=True)) == ["84003"]
    assert list(ProjectMember.objects.filter(project=project).values_list("user", "role")) == [
        (carrier.pk, MemberRole.CARRIER)
    ]
    assert "epicer" in project.search_text


def test_same_title_gets_a_new_slug(territory, make_project):
    first = make_project(territory)
    second = make_project(territory)
    assert (first.slug, second.slug) == (
        "epicerie-solidaire-itinerante",
        "epicerie-solidaire-itinerante-2",
    )


@pytest.mark.parametrize("who", ["anonymous", "other_admin"])
def test_refuses_a_project_from_a_non_member(who, territory, other_admin, make_project):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if who == "anonymous" else other_admin
    with pytest.raises(PermissionDeniedError):
        project_create(territory=territory, by=user, title="T", summary="S", problem="P")  # type: ignore[arg-type]
    assert Project.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "  "}, "title"),
        ({"summary": ""}, "summary"),
        ({"problem": ""}, "problem"),
        ({"sdgs": [18]}, "sdgs"),
        ({"sdgs": [0]}, "sdgs"),
        ({"sdgs": ["sept"]}, "sdgs"),
        ({"image": "PNG", "image_alt": ""}, "image_alt"),
        ({"image": io.BytesIO(b"not an image"), "image_alt": "Un camion"}, "image"),
        ({"value_social": "x" * 2001}, "value_social"),
    ],
)
def test_rejects_bad_project_input(values, field, territory, other_territory, make_project):
    if values.get("image") == "PNG":
        values["image"] = _png()
    with pytest.raises(ProjectFieldError) as error:
        make_project(territory, **values)
    assert error.value.field == field
    assert str(error.value.message)
    assert Project.objects.count() == 0
    assert ProjectMember.objects.count() == 0


def test_rejects_a_commune_of_another_territory(territory, other_territory, make_project):
    with pytest.raises(ProjectFieldError) as error:
        make_project(territory, communes=[commune(other_territory)])
    assert error.value.field == "communes"
    assert Project.objects.count() == 0


def test_image_is_cleaned_and_kept_with_its_alt(territory, make_project):
    project = make_project(territory, image=_png(), image_alt="Le camion-épicerie")
    assert project.image.name.startswith("projects/")
    assert project.image.name.endswith(".png")
    assert project.image_alt == "Le camion-épicerie"


def test_project_from_an_idea_links_back(territory, member, idea):
    project = project_create(
        territory=territory,
        by=member,
        title=idea.title,
        summary="Un atelier de réparation qui tourne dans les villages.",
        problem=idea.description,
        idea=idea,
    )
    assert project.idea == idea
    assert list(projects_of_idea(idea)) == [project]


def test_refuses_a_project_from_an_idea_of_another_territory(other_territory, make_member, idea):
    stranger = make_member(other_territory)
    with pytest.raises(ProjectFieldError):
        project_create(
            territory=other_territory, by=stranger, title="T", summary="S", problem="P", idea=idea
        )
    assert Project.objects.count() == 0


def test_draft_is_hidden_until_the_team_publishes_it(territory, carrier):
    draft = project_create_draft(
        territory=territory,
        by=carrier,
        title="Navette vers le marché",
        description="Une navette le samedi matin.",
        source_label="Atelier « Mobilité »",
    )
    assert draft.status == ProjectStatus.DRAFT
    assert draft.summary == "Atelier « Mobilité »"
    assert draft.problem == "Une navette le samedi matin."
    assert list(project_list(territory=territory)) == []

    project_publish(project=draft, by=carrier)

    assert fresh(draft).status == ProjectStatus.IDEA
    assert list(project_list(territory=territory)) == [draft]


ALLOWED = [
    (ProjectStatus.IDEA, project_form_team, ProjectStatus.FORMING),
    (ProjectStatus.FORMING, project_start, ProjectStatus.RUNNING),
    (ProjectStatus.RUNNING, project_complete, ProjectStatus.DONE),
    (ProjectStatus.RUNNING, project_pause, ProjectStatus.PAUSED),
    (ProjectStatus.FORMING, project_pause, ProjectStatus.PAUSED),
    (ProjectStatus.PAUSED, project_resume, ProjectStatus.RUNNING),
]


def _at(project: Project, status: str) -> Project:
    Project.objects.filter(pk=project.pk).update(status=status)
    return fresh(project)


@pytest.mark.parametrize(("start", "move", "end"), ALLOWED)
def test_carrier_moves_the_project(start, move, end, project, carrier):
    project = _at(project, start)
    move(project=project, by=carrier)
    assert fresh(project).status == end


def test_paused_project_goes_back_to_forming(project, carrier):
    project = _at(project, ProjectStatus.PAUSED)
    project_resume(project=project, by=carrier, to=ProjectStatus.FORMING)
    assert fresh(project).status == ProjectStatus.FORMING


REFUSED = [
    (ProjectStatus.IDEA, project_start),
    (ProjectStatus.IDEA, project_complete),
    (ProjectStatus.IDEA, project_pause),
    (ProjectStatus.IDEA, project_publish),
    (ProjectStatus.FORMING, project_complete),
    (ProjectStatus.DONE, project_pause),
    (ProjectStatus.DONE, project_resume),
    (ProjectStatus.RUNNING, project_resume),
    (ProjectStatus.PAUSED, project_complete),
    (ProjectStatus.DRAFT, project_form_team),
]


@pytest.mark.parametrize(("start", "move"), REFUSED)
def test_refuses_a_transition_out_of_order(start, move, project, carrier):
    project = _at(project, start)
    with pytest.raises(ProjectStateError):
        move(project=project, by=carrier)
    assert fresh(project).status == start


def test_resume_refuses_an_odd_target(project, carrier):
    project = _at(project, ProjectStatus.PAUSED)
    with pytest.raises(ProjectStateError):
        project_resume(project=project, by=carrier, to=ProjectStatus.DONE)
    assert fresh(project).status == ProjectStatus.PAUSED


def test_move_goes_through_the_right_transition(project, carrier):
    project_move(project=project, by=carrier, to=ProjectStatus.FORMING)
    project_move(project=project, by=carrier, to=ProjectStatus.PAUSED)
    project_move(project=project, by=carrier, to=ProjectStatus.RUNNING)
    assert fresh(project).status == ProjectStatus.RUNNING
    with pytest.raises(ApplicationError):
        project_move(project=project, by=carrier, to="nowhere")
    assert fresh(project).status == ProjectStatus.RUNNING


@pytest.mark.parametrize("who", ["teammate", "member", "other_admin"])
def test_only_carriers_and_admins_change_the_status(who, with_team, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        project_form_team(project=with_team, by=user)
    assert fresh(with_team).status == ProjectStatus.IDEA


def test_territory_admin_changes_the_status(project, admin):
    project_form_team(project=project, by=admin)
    assert fresh(project).status == ProjectStatus.FORMING


def _update(project, by, **values):
    values.setdefault("title", "Épicerie solidaire itinérante")
    values.setdefault("summary", "Un nouveau résumé.")
    values.setdefault("problem", "Dix villages n'ont plus de commerce.")
    return project_update(project=project, by=by, **values)


def test_carrier_updates_the_project(project, carrier, territory):
    other = commune(territory, "04045")
    _update(project, carrier, sdgs=[7], communes=[other], vision="Demain.")
    project = fresh(project)
    assert (project.summary, project.sdgs, project.sdg_index, project.vision) == (
        "Un nouveau résumé.",
        [7],
        "|7|",
        "Demain.",
    )
    assert list(project.communes.values_list("insee_code", flat=True)) == [other.insee_code]


def test_admin_updates_the_project(project, admin):
    _update(project, admin)
    assert fresh(project).summary == "Un nouveau résumé."


@pytest.mark.parametrize("who", ["teammate", "member", "other_admin"])
def test_refuses_an_update_from_outside_the_carriers(who, with_team, request):
    user = request.getfixturevalue(who)
    before = fresh(with_team).summary
    with pytest.raises(PermissionDeniedError):
        _update(with_team, user)
    assert fresh(with_team).summary == before


def test_update_with_bad_input_changes_nothing(project, carrier):
    with pytest.raises(ProjectFieldError):
        _update(project, carrier, sdgs=[3, 42])
    assert fresh(project).sdgs == [2, 11]
    assert fresh(project).summary == "Un camion-épicerie qui passe dans les villages sans commerce."


def test_update_keeps_the_image_and_requires_its_alt(territory, make_project, carrier):
    project = make_project(territory, image=_png(), image_alt="Le camion")
    with pytest.raises(ProjectFieldError) as error:
        _update(project, carrier, image_alt="")
    assert error.value.field == "image_alt"
    _update(project, carrier, remove_image=True)
    project = fresh(project)
    assert (project.image.name, project.image_alt) == ("", "")
