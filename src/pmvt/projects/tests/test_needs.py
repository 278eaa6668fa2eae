"""Needs of each kind: rules, who manages them, the open needs the Maison matches."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from pmvt.core.exceptions import PermissionDeniedError
from pmvt.projects.errors import ProjectFieldError, ProjectStateError
from pmvt.projects.models import Need, NeedKind, NeedStatus, Project, ProjectStatus
from pmvt.projects.selectors import open_needs
from pmvt.projects.services.needs import (
    NeedData,
    need_add,
    need_close,
    need_mark_met,
    need_update,
)
from pmvt.projects.services.projects import project_create_draft
from pmvt.projects.tests.conftest import commune
from pmvt.skills.models import SkillTerm

TODAY = timezone.localdate()


def skill_need(project, by, term, **values):
    values.setdefault("title", "Menuisier pour l'étal du camion")
    values.setdefault("skill_terms", [term])
    values.setdefault("hours_per_month", 6)
    return need_add(project=project, by=by, kind=NeedKind.SKILL, data=NeedData(**values))


def test_team_adds_a_skill_need(with_team, teammate, skill_term, territory):
    need = skill_need(
        with_team,
        teammate,
        skill_term,
        keywords="étagères, bois",
        min_level=3,
        people=2,
        remote_ok=False,
        commune=commune(territory),
        amount=Decimal(10),  # Not of the kind: cleared.
    )
    assert (need.kind, need.status, need.hours_per_month, need.people, need.min_level) == (
        NeedKind.SKILL,
        NeedStatus.OPEN,
        6,
        2,
        3,
    )
    assert need.amount is None
    assert list(need.skill_terms.all()) == [skill_term]
    assert need.territory == territory
    for word in ["menuisi", "etager", "bois"]:
        assert word in need.search_text


def test_asset_funds_and_volunteer_needs(project, carrier, territory):
    asset = need_add(
        project=project,
        by=carrier,
        kind=NeedKind.ASSET,
        data=NeedData(
            title="Un utilitaire",
            asset_kind="vehicle",
            starts_on=TODAY,
            ends_on=TODAY + timedelta(days=30),
            hours_per_month=4,  # Not of the kind: cleared.
        ),
    )
    funds = need_add(
        project=project,
        by=carrier,
        kind=NeedKind.FUNDS,
        data=NeedData(title="Achat du camion", amount=Decimal("15000.50")),
    )
    volunteers = need_add(
        project=project,
        by=carrier,
        kind=NeedKind.VOLUNTEERS,
        data=NeedData(title="Tenir l'étal", people=4),
    )
    assert (asset.asset_kind, asset.hours_per_month) == ("vehicle", None)
    assert funds.amount == Decimal("15000.50")
    assert volunteers.people == 4


SKILL_BAD = [
    ({"skill_terms": [], "keywords": ""}, "skill_terms"),
    ({"hours_per_month": None}, "hours_per_month"),
    ({"hours_per_month": 0}, "hours_per_month"),
    ({"hours_per_month": 301}, "hours_per_month"),
    ({"people": 0}, "people"),
    ({"min_level": 9}, "min_level"),
    ({"title": " "}, "title"),
]


@pytest.mark.parametrize(("values", "field"), SKILL_BAD)
def test_rejects_bad_skill_needs(values, field, project, carrier, skill_term):
    with pytest.raises(ProjectFieldError) as error:
        skill_need(project, carrier, skill_term, **values)
    assert error.value.field == field
    assert Need.objects.count() == 0


def test_rejects_a_skill_term_of_another_territory(project, carrier, other_territory):
    foreign = SkillTerm.objects.create(territory=other_territory, label="Vannerie", slug="vannerie")
    with pytest.raises(ProjectFieldError) as error:
        skill_need(project, carrier, foreign)
    assert error.value.field == "skill_terms"
    assert Need.objects.count() == 0


def test_a_territory_term_is_allowed(project, carrier, territory):
    own = SkillTerm.objects.create(territory=territory, label="Taille de lavande", slug="lavande")
    assert list(skill_need(project, carrier, own).skill_terms.all()) == [own]


def test_keywords_alone_make_a_skill_need(project, carrier):
    need = need_add(
        project=project,
        by=carrier,
        kind=NeedKind.SKILL,
        data=NeedData(title="Comptable", keywords="comptabilité", hours_per_month=2),
    )
    assert need.keywords == "comptabilité"


ASSET_BAD = [
    ({"asset_kind": ""}, "asset_kind"),
    ({"asset_kind": "castle"}, "asset_kind"),
    ({"starts_on": None}, "starts_on"),
    ({"ends_on": None}, "ends_on"),
    ({"starts_on": TODAY - timedelta(days=1)}, "starts_on"),
    ({"ends_on": TODAY - timedelta(days=1), "starts_on": TODAY}, "ends_on"),
]


@pytest.mark.parametrize(("values", "field"), ASSET_BAD)
def test_rejects_bad_asset_needs(values, field, project, carrier):
    data: dict[str, Any] = {
        "asset_kind": "room",
        "starts_on": TODAY,
        "ends_on": TODAY + timedelta(days=2),
    }
    data.update(values)
    with pytest.raises(ProjectFieldError) as error:
        need_add(
            project=project,
            by=carrier,
            kind=NeedKind.ASSET,
            data=NeedData(title="Une salle", **data),
        )
    assert error.value.field == field
    assert Need.objects.count() == 0


@pytest.mark.parametrize("amount", [None, 0, "-5", "abc", "NaN", "12.345", "100000000000"])
def test_rejects_bad_amounts(amount, project, carrier):
    with pytest.raises(ProjectFieldError) as error:
        need_add(
            project=project,
            by=carrier,
            kind=NeedKind.FUNDS,
            data=NeedData(title="Fonds", amount=amount),
        )
    assert error.value.field == "amount"
    assert Need.objects.count() == 0


def test_rejects_an_investment_call_of_another_territory_or_unpublished(
    project, carrier, other_territory, territory
):
    from pmvt.investments.models import CallStatus, InvestmentCall

    fields = {f.name for f in InvestmentCall._meta.get_fields()}
    assert "status" in fields
    call = InvestmentCall(territory=other_territory, status=CallStatus.PUBLISHED)
    with pytest.raises(ProjectFieldError) as error:
        need_add(
            project=project,
            by=carrier,
            kind=NeedKind.FUNDS,
            data=NeedData(title="Fonds", amount=Decimal(100), investment_call=call),
        )
    assert error.value.field == "investment_call"
    draft_call = InvestmentCall(territory=territory, status="draft")
    with pytest.raises(ProjectFieldError):
        need_add(
            project=project,
            by=carrier,
            kind=NeedKind.FUNDS,
            data=NeedData(title="Fonds", amount=Decimal(100), investment_call=draft_call),
        )
    assert Need.objects.count() == 0


@pytest.mark.parametrize("people", [0, None, 501])
def test_rejects_bad_volunteer_counts(people, project, carrier):
    with pytest.raises(ProjectFieldError) as error:
        need_add(
            project=project,
            by=carrier,
            kind=NeedKind.VOLUNTEERS,
            data=NeedData(title="Bras", people=people),
        )
    assert error.value.field == "people"
    assert Need.objects.count() == 0


def test_rejects_an_unknown_kind(project, carrier):
    with pytest.raises(ProjectFieldError):
        need_add(project=project, by=carrier, kind="magic", data=NeedData(title="?"))
    assert Need.objects.count() == 0


@pytest.mark.parametrize("who", ["member", "other_admin"])
def test_only_the_team_manages_needs(who, project, carrier, skill_term, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        skill_need(project, user, skill_term)
    need = skill_need(project, carrier, skill_term)
    for act in (need_close, need_mark_met):
        with pytest.raises(PermissionDeniedError):
            act(need=need, by=user)
    with pytest.raises(PermissionDeniedError):
        need_update(
            need=need,
            by=user,
            data=NeedData(title="Autre", skill_terms=[skill_term], hours_per_month=1),
        )
    need.refresh_from_db()
    assert (need.status, need.title, Need.objects.count()) == (
        NeedStatus.OPEN,
        "Menuisier pour l'étal du camion",
        1,
    )


def test_admin_manages_needs(project, admin, skill_term):
    need = skill_need(project, admin, skill_term)
    need_mark_met(need=need, by=admin)
    assert Need.objects.get().status == NeedStatus.MET


def test_update_close_and_mark_met(with_team, teammate, carrier, skill_term):
    need = skill_need(with_team, carrier, skill_term)
    need_update(
        need=need,
        by=teammate,
        data=NeedData(title="Menuisière", keywords="établi", hours_per_month=3),
    )
    need.refresh_from_db()
    assert (need.title, need.hours_per_month, list(need.skill_terms.all())) == (
        "Menuisière",
        3,
        [],
    )
    assert "etabl" in need.search_text
    need_close(need=need, by=teammate)
    assert Need.objects.get().status == NeedStatus.CLOSED
    with pytest.raises(ProjectStateError):
        need_mark_met(need=need, by=teammate)
    with pytest.raises(ProjectStateError):
        need_update(
            need=need, by=teammate, data=NeedData(title="X", keywords="y", hours_per_month=1)
        )
    assert Need.objects.get().title == "Menuisière"


def test_update_with_bad_input_changes_nothing(project, carrier, skill_term):
    need = skill_need(project, carrier, skill_term)
    with pytest.raises(ProjectFieldError):
        need_update(
            need=need,
            by=carrier,
            data=NeedData(title="Menuisier", skill_terms=[], hours_per_month=3),
        )
    need.refresh_from_db()
    assert (need.hours_per_month, list(need.skill_terms.all())) == (6, [skill_term])


def test_no_new_need_on_a_finished_project(project, carrier):
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.DONE)
    project.refresh_from_db()
    with pytest.raises(ProjectStateError):
        need_add(
            project=project,
            by=carrier,
            kind=NeedKind.VOLUNTEERS,
            data=NeedData(title="Bras", people=2),
        )
    assert Need.objects.count() == 0


def test_open_needs_leave_out_drafts_closed_needs_and_other_territories(
    project, carrier, territory, other_territory, make_member, make_project, skill_term
):
    wanted = skill_need(project, carrier, skill_term)
    closed = skill_need(project, carrier, skill_term, title="Fermé")
    need_close(need=closed, by=carrier)
    draft = project_create_draft(territory=territory, by=carrier, title="Brouillon", description="")
    skill_need(draft, carrier, skill_term, title="Du brouillon")
    stranger = make_member(other_territory)
    elsewhere = make_project(other_territory, by=stranger, communes=[])
    skill_need(elsewhere, stranger, skill_term, title="Ailleurs")

    needs = list(open_needs(territory=territory))

    assert needs == [wanted]
    assert needs[0].project == project
