"""Phases in order, one service per transition; refused transitions change nothing."""

import pytest
from django.core import mail

from pmvt.core.exceptions import PermissionDeniedError
from pmvt.notifications.models import Notification
from pmvt.workshops.errors import PhaseError, WorkshopFieldError
from pmvt.workshops.models import Phase
from pmvt.workshops.services.workshops import (
    workshop_close,
    workshop_open_contributions,
    workshop_open_voting,
    workshop_phase_back,
    workshop_phase_next,
    workshop_publish_outcome,
    workshop_start_clustering,
    workshop_update,
)
from pmvt.workshops.tests.conftest import contribute, fresh, workshop_data

pytestmark = pytest.mark.django_db


def test_the_phases_follow_each_other(
    make_workshop, facilitator, member, django_capture_on_commit_callbacks
):
    workshop = make_workshop()
    with django_capture_on_commit_callbacks(execute=True):
        workshop_open_contributions(workshop=workshop, by=facilitator)
        contribute(workshop, member, "Une idée")
        workshop_start_clustering(workshop=workshop, by=facilitator)
    assert fresh(workshop).phase == Phase.CLUSTERING
    notes = Notification.objects.filter(user=member, kind="workshops")
    assert [n.title for n in notes.order_by("pk")] == [
        "Atelier « Faire revivre le centre-bourg » : les contributions sont regroupées en thèmes."
    ]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]

    with pytest.raises(PhaseError) as error:
        workshop_open_voting(workshop=workshop, by=facilitator)
    assert str(error.value.message) == "Créez au moins un thème avant d'ouvrir le vote."
    assert fresh(workshop).phase == Phase.CLUSTERING


def test_refuses_a_transition_out_of_order(make_workshop, facilitator):
    workshop = make_workshop()
    for step in (workshop_start_clustering, workshop_publish_outcome, workshop_close):
        with pytest.raises(PhaseError):
            step(workshop=workshop, by=facilitator)
    assert fresh(workshop).phase == Phase.DRAFT
    with pytest.raises(PhaseError):
        workshop_phase_back(workshop=workshop, by=facilitator)


def test_goes_back_one_phase_but_not_once_closed(make_workshop, facilitator):
    workshop = make_workshop(phase=Phase.VOTING)
    workshop_phase_back(workshop=workshop, by=facilitator)
    assert fresh(workshop).phase == Phase.CLUSTERING
    workshop = fresh(workshop)
    workshop_phase_next(workshop=workshop, by=facilitator)
    workshop_phase_next(workshop=workshop, by=facilitator)
    workshop_phase_next(workshop=workshop, by=facilitator)
    assert fresh(workshop).phase == Phase.CLOSED
    with pytest.raises(PhaseError):
        workshop_phase_back(workshop=workshop, by=facilitator)
    with pytest.raises(PhaseError):
        workshop_phase_next(workshop=workshop, by=facilitator)
    assert fresh(workshop).phase == Phase.CLOSED


def test_only_a_facilitator_moves_the_phases(make_workshop, member):
    workshop = make_workshop()
    with pytest.raises(PermissionDeniedError):
        workshop_phase_next(workshop=workshop, by=member)
    with pytest.raises(PermissionDeniedError):
        workshop_phase_back(workshop=workshop, by=member)
    assert fresh(workshop).phase == Phase.DRAFT


def test_edit_checks_input_and_is_refused_once_closed(
    make_workshop, facilitator, territory, member
):
    workshop = make_workshop()
    with pytest.raises(WorkshopFieldError) as error:
        workshop_update(
            workshop=workshop,
            by=facilitator,
            data=workshop_data(territory, dots_per_participant=21),
        )
    assert error.value.field == "dots_per_participant"
    with pytest.raises(WorkshopFieldError) as error:
        workshop_update(workshop=workshop, by=facilitator, data=workshop_data(territory, place=""))
    assert str(error.value.message) == "Indiquez le lieu de l'atelier en présentiel."
    with pytest.raises(PermissionDeniedError):
        workshop_update(workshop=workshop, by=member, data=workshop_data(territory, title="X"))
    assert fresh(workshop).title == "Faire revivre le centre-bourg"

    workshop_update(
        workshop=workshop, by=facilitator, data=workshop_data(territory, title="Nouveau")
    )
    assert fresh(workshop).title == "Nouveau"
    workshop.phase = Phase.CLOSED
    workshop.save(update_fields=["phase"])
    with pytest.raises(PhaseError):
        workshop_update(workshop=workshop, by=facilitator, data=workshop_data(territory, title="Y"))
    assert fresh(workshop).title == "Nouveau"
