"""The demo consultations of the Pays d'Apt-Luberon (pmvt.demo.consultations.load_consultations)."""

import pytest
from django_scopes import scope

from pmvt.consultations.models import (
    Answer,
    Consultation,
    ConsultationStatus,
    QuestionKind,
    Response,
)
from pmvt.consultations.selectors import consultation_of_territory, consultation_results
from pmvt.demo.consultations import CLOSED_SLUG, OPEN_SLUG, load_consultations
from pmvt.demo.loader import load_foundation


@pytest.fixture
def demo_territory(db):
    territory = load_foundation()
    with scope(territory=territory):
        load_consultations(territory)
    return territory


def snapshot():
    return {
        "consultations": list(
            Consultation.objects.order_by("pk").values_list(
                "slug", "opens_at", "closes_at", "updated_at", "free_text_published"
            )
        ),
        "responses": list(Response.objects.order_by("pk").values_list("pk", "voter_key")),
        "answers": list(
            Answer.objects.order_by("pk").values_list("pk", "choice_id", "scale", "text")
        ),
    }


def test_loads_one_open_and_one_closed_consultation(demo_territory):
    market = Consultation.objects.get(slug=OPEN_SLUG)
    mobility = Consultation.objects.get(slug=CLOSED_SLUG)

    assert market.status == ConsultationStatus.OPEN
    assert {q.kind for q in market.questions.all()} == set(QuestionKind.values)
    assert market.responses.count() == 0
    assert mobility.status == ConsultationStatus.CLOSED
    assert (mobility.anonymous, mobility.free_text_published) == (True, True)
    assert mobility.responses.count() == 40
    assert not mobility.responses.filter(user__isnull=False).exists()


def test_the_closed_consultation_has_results_for_every_chart(demo_territory):
    page = consultation_of_territory(territory=demo_territory, slug=CLOSED_SLUG)
    assert page is not None

    results = consultation_results(consultation=page)

    assert results.responses == 40
    single, multiple, ranking, scale, free = results.questions
    assert sum(row.count for row in single.rows) == 40
    assert multiple.answered == 40
    assert sum(row.first_places for row in ranking.ranks) == 40
    assert sum(row.count for row in scale.rows) == 40 and scale.mean is not None
    assert 0 < free.answered < 40


def test_loading_twice_changes_nothing(demo_territory):
    before = snapshot()

    with scope(territory=demo_territory):
        load_consultations(demo_territory)

    assert snapshot() == before
