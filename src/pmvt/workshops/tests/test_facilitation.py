"""Themes, filing, suggestions, the action list and turning an action into a project draft."""

import pytest

from pmvt.core.exceptions import PermissionDeniedError
from pmvt.projects.models import MemberRole, Project, ProjectMember, ProjectStatus
from pmvt.workshops.errors import PhaseError, WorkshopFieldError
from pmvt.workshops.models import (
    Action,
    Contribution,
    Dot,
    Participant,
    SuggestionStatus,
    Theme,
)
from pmvt.workshops.selectors import results_of
from pmvt.workshops.services.facilitation import (
    ActionData,
    action_create,
    action_delete,
    action_move,
    action_to_project,
    action_update,
    contributions_file,
    suggestion_apply,
    suggestion_dismiss,
    theme_create,
    theme_delete,
    theme_rename,
)
from pmvt.workshops.services.participation import dots_set, suggestion_create
from pmvt.workshops.services.workshops import workshop_phase_next
from pmvt.workshops.tests.conftest import fresh, themes

pytestmark = pytest.mark.django_db


def test_themes_are_named_once(clustered, facilitator, member):
    with pytest.raises(WorkshopFieldError) as error:
        theme_create(workshop=clustered, by=facilitator, title=" commerces ")
    assert str(error.value.message) == "Un thème porte déjà ce nom."
    with pytest.raises(WorkshopFieldError):
        theme_create(workshop=clustered, by=facilitator, title="  ")
    with pytest.raises(PermissionDeniedError):
        theme_create(workshop=clustered, by=member, title="Culture")
    theme = themes(clustered)["Mobilité"]
    theme_rename(theme=theme, by=facilitator, title="Se déplacer")
    with pytest.raises(PermissionDeniedError):
        theme_rename(theme=theme, by=member, title="Pirate")
    assert sorted(themes(clustered)) == ["Commerces", "Se déplacer"]


def test_filing_is_all_or_nothing(clustered, facilitator, member):
    shops = themes(clustered)["Commerces"]
    bench = Contribution.objects.get(text="Des bancs à l'ombre")
    with pytest.raises(WorkshopFieldError):
        contributions_file(
            workshop=clustered, by=facilitator, assignments={bench.pk: shops.pk, 99999: shops.pk}
        )
    with pytest.raises(WorkshopFieldError):
        contributions_file(workshop=clustered, by=facilitator, assignments={bench.pk: 99999})
    with pytest.raises(PermissionDeniedError):
        contributions_file(workshop=clustered, by=member, assignments={bench.pk: shops.pk})
    assert Contribution.objects.get(pk=bench.pk).theme is None
    assert (
        contributions_file(workshop=clustered, by=facilitator, assignments={bench.pk: shops.pk})
        == 1
    )
    assert Contribution.objects.get(pk=bench.pk).theme == shops


def test_applying_and_dismissing_suggestions(clustered, facilitator, participants):
    bench = Contribution.objects.get(text="Des bancs à l'ombre")
    new = suggestion_create(contribution=bench, by=participants[1], new_title="Cadre de vie")
    other = suggestion_create(
        contribution=bench, by=participants[2], theme=themes(clustered)["Mobilité"]
    )
    with pytest.raises(PermissionDeniedError):
        suggestion_apply(suggestion=new, by=participants[0])
    theme = suggestion_apply(suggestion=new, by=facilitator)
    assert theme.title == "Cadre de vie"
    assert Contribution.objects.get(pk=bench.pk).theme == theme
    suggestion_dismiss(suggestion=other, by=facilitator)
    assert dict(ThemeSuggestionStatuses()) == {
        new.pk: SuggestionStatus.APPLIED,
        other.pk: SuggestionStatus.DISMISSED,
    }
    with pytest.raises(PhaseError):
        suggestion_dismiss(suggestion=fresh_suggestion(new), by=facilitator)


def ThemeSuggestionStatuses():
    from pmvt.workshops.models import ThemeSuggestion

    return ThemeSuggestion.objects.values_list("pk", "status")


def fresh_suggestion(suggestion):
    from pmvt.workshops.models import ThemeSuggestion

    return ThemeSuggestion.objects.select_related("contribution__workshop").get(pk=suggestion.pk)


def test_deleting_a_theme_gives_its_dots_back(clustered, facilitator, participants):
    workshop_phase_next(workshop=clustered, by=facilitator)
    workshop = fresh(clustered)
    by_title = themes(workshop)
    dots_set(
        workshop=workshop,
        by=participants[0],
        allocation={by_title["Commerces"].pk: 2, by_title["Mobilité"].pk: 1},
    )
    with pytest.raises(PhaseError):
        theme_delete(theme=by_title["Mobilité"], by=facilitator)
    from pmvt.workshops.services.workshops import workshop_phase_back

    workshop_phase_back(workshop=workshop, by=facilitator)
    theme_delete(
        theme=Theme.objects.select_related("workshop").get(title="Mobilité"), by=facilitator
    )
    assert Participant.objects.get(user=participants[0]).dots_used == 2
    assert Dot.objects.count() == 1
    assert Contribution.objects.filter(theme__isnull=True).count() == 2


def test_results_rank_themes_by_dots(clustered, facilitator, participants):
    workshop_phase_next(workshop=clustered, by=facilitator)
    workshop = fresh(clustered)
    by_title = themes(workshop)
    dots_set(workshop=workshop, by=participants[0], allocation={by_title["Mobilité"].pk: 3})
    dots_set(
        workshop=workshop,
        by=participants[1],
        allocation={by_title["Commerces"].pk: 1, by_title["Mobilité"].pk: 1},
    )
    ranked = [
        (r.rank, r.theme.title, r.dots, r.voters, len(r.contributions))
        for r in results_of(workshop)
    ]
    assert ranked == [(1, "Mobilité", 4, 2, 1), (2, "Commerces", 1, 1, 2)]


@pytest.fixture
def outcome(clustered, facilitator):
    workshop_phase_next(workshop=clustered, by=facilitator)
    workshop_phase_next(workshop=fresh(clustered), by=facilitator)
    return fresh(clustered)


def test_the_action_list(outcome, facilitator, member):
    shops = themes(outcome)["Commerces"]
    first = action_create(
        workshop=outcome, by=facilitator, data=ActionData(title="Étude de marché", theme=shops)
    )
    second = action_create(workshop=outcome, by=facilitator, data=ActionData(title="Navette test"))
    third = action_create(workshop=outcome, by=facilitator, data=ActionData(title="Bancs"))
    with pytest.raises(WorkshopFieldError):
        action_create(workshop=outcome, by=facilitator, data=ActionData(title=" "))
    with pytest.raises(PermissionDeniedError):
        action_create(workshop=outcome, by=member, data=ActionData(title="Pirate"))

    action_move(action=third, by=facilitator, up=True)
    assert list(Action.objects.values_list("title", flat=True)) == [
        "Étude de marché",
        "Bancs",
        "Navette test",
    ]
    action_update(
        action=second, by=facilitator, data=ActionData(title="Navette", owner_name="Mairie")
    )
    action_delete(action=first, by=facilitator)
    assert list(Action.objects.values_list("title", "position", "owner_name")) == [
        ("Bancs", 0, ""),
        ("Navette", 1, "Mairie"),
    ]
    with pytest.raises(PermissionDeniedError):
        action_delete(action=second, by=member)
    assert Action.objects.count() == 2


def test_an_action_becomes_a_project_draft_once(outcome, facilitator, member):
    action = action_create(
        workshop=outcome,
        by=facilitator,
        data=ActionData(title="Épicerie coopérative", description="Ouvrir une épicerie."),
    )
    with pytest.raises(PermissionDeniedError):
        action_to_project(action=action, by=member)
    assert Project.objects.count() == 0

    project = action_to_project(action=action, by=facilitator)
    assert (project.title, project.status, project.problem) == (
        "Épicerie coopérative",
        ProjectStatus.DRAFT,
        "Ouvrir une épicerie.",
    )
    assert project.summary == "Né de l'atelier « Faire revivre le centre-bourg »"
    assert ProjectMember.objects.get(project=project).role == MemberRole.CARRIER
    assert Action.objects.get(pk=action.pk).project == project
    with pytest.raises(PhaseError):
        action_to_project(action=action, by=facilitator)
    assert Project.objects.count() == 1
