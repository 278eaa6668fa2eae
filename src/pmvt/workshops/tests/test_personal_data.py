"""Workshops' share of the personal data export and erasure."""

import pytest

from pmvt.workshops.models import Contribution, Dot, Participant, ThemeSuggestion
from pmvt.workshops.personal_data import erase_workshops_data, export_workshops_data
from pmvt.workshops.services.participation import dots_set, suggestion_create
from pmvt.workshops.services.workshops import workshop_phase_next
from pmvt.workshops.tests.conftest import fresh, themes

pytestmark = pytest.mark.django_db


def test_export_then_erase(clustered, facilitator, participants):
    a = participants[0]
    bench = Contribution.objects.get(text="Des bancs à l'ombre")
    suggestion_create(contribution=bench, by=a, new_title="Cadre de vie")
    workshop_phase_next(workshop=clustered, by=facilitator)
    workshop = fresh(clustered)
    dots_set(workshop=workshop, by=a, allocation={themes(workshop)["Commerces"].pk: 2})

    data = export_workshops_data(a)
    assert [p["dots_used"] for p in data["participations"]] == [2]
    assert data["dots"] == [{"workshop": workshop.title, "theme": "Commerces", "count": 2}]
    assert [c["text"] for c in data["contributions"]] == [
        "Une épicerie coopérative sur la place",
        "Des bancs à l'ombre",
    ]
    assert data["theme_suggestions"][0]["theme"] == "Cadre de vie"

    erase_workshops_data(a)
    assert not Participant.objects.filter(user=a).exists()
    assert Dot.objects.count() == 0
    assert ThemeSuggestion.objects.count() == 0
    assert Contribution.objects.filter(author__isnull=True).count() == 2
    assert Contribution.objects.count() == 4
