"""The demo workshops load through the services, once."""

import pytest
from django_scopes import scope

from pmvt.demo.loader import load_foundation
from pmvt.demo.workshops import load_workshops
from pmvt.projects.models import Project, ProjectStatus
from pmvt.workshops.models import Action, Contribution, Participant, Phase, Theme, Workshop
from pmvt.workshops.selectors import results_of

pytestmark = pytest.mark.django_db


def test_demo_workshops_load_once():
    territory = load_foundation()
    with scope(territory=territory):
        load_workshops(territory)
        load_workshops(territory)
        centre = Workshop.objects.get(slug="comment-faire-revivre-le-centre-bourg")
        seniors = Workshop.objects.get(slug="quels-services-pour-les-seniors-isoles")
        assert (centre.phase, seniors.phase) == (Phase.CLOSED, Phase.CONTRIBUTIONS)
        assert Contribution.objects.filter(workshop=centre).count() == 15
        assert Contribution.objects.filter(workshop=centre, theme__isnull=True).count() == 0
        assert Theme.objects.filter(workshop=centre).count() == 4
        assert Participant.objects.filter(workshop=centre, dots_used=5).count() == 8
        assert [r.theme.title for r in results_of(centre)] == [
            "Commerces et marché",
            "Lieux de rencontre",
            "Se déplacer et stationner",
            "Habitat et patrimoine",
        ]
        actions = Action.objects.filter(workshop=centre)
        assert actions.count() == 4
        project = Project.objects.get()
        assert actions.get(project__isnull=False).project == project
        assert project.status == ProjectStatus.DRAFT
        assert Contribution.objects.filter(workshop=seniors).count() == 4
