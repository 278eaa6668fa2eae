"""Consultations and their questions: admins write them; the structure freezes at the first answer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pmvt.consultations.errors import ConsultationErrorCode
from pmvt.consultations.models import Choice, Consultation, Eligibility, Question, QuestionKind
from pmvt.consultations.services.consultations import (
    ConsultationFieldError,
    consultation_create,
    consultation_publish_free_text,
    consultation_update,
    question_add,
    question_move,
    question_remove,
    question_update,
)
from pmvt.consultations.services.responses import response_submit
from pmvt.consultations.tests.conftest import full_answer, questions_of
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError


def window(days_from_now: int = 1, length: int = 7):
    now = timezone.now()
    return now + timedelta(days=days_from_now), now + timedelta(days=days_from_now + length)


def test_an_admin_creates_a_consultation(territory, admin):
    opens_at, closes_at = window()

    consultation = consultation_create(
        territory=territory,
        by=admin,
        title="  Horaires   du marché d'Apt ",
        opens_at=opens_at,
        closes_at=closes_at,
        eligibility=Eligibility.RESIDENTS,
        anonymous=True,
    )

    assert (consultation.title, consultation.slug) == (
        "Horaires du marché d'Apt",
        "horaires-du-marche-dapt",
    )
    assert (consultation.eligibility, consultation.anonymous, consultation.created_by) == (
        Eligibility.RESIDENTS,
        True,
        admin,
    )
    again = consultation_create(
        territory=territory,
        by=admin,
        title="Horaires du marché d'Apt",
        opens_at=opens_at,
        closes_at=closes_at,
    )
    assert again.slug == "horaires-du-marche-dapt-2"


@pytest.mark.parametrize("who", ["member", "moderator", "other_admin"])
def test_only_the_territory_admins_create_consultations(request, territory, who):
    opens_at, closes_at = window()
    with pytest.raises(PermissionDeniedError):
        consultation_create(
            territory=territory,
            by=request.getfixturevalue(who),
            title="Consultation",
            opens_at=opens_at,
            closes_at=closes_at,
        )
    assert Consultation.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": " "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"closes_at": "same"}, "closes_at"),
        ({"eligibility": "everyone"}, "eligibility"),
        ({"description": "x" * 5001}, "description"),
    ],
)
def test_rejects_a_bad_consultation(territory, admin, values, field):
    opens_at, closes_at = window()
    kwargs = {
        "title": "Consultation",
        "opens_at": opens_at,
        "closes_at": closes_at,
        "eligibility": Eligibility.MEMBERS,
        "description": "",
    }
    kwargs.update(values)
    if kwargs["closes_at"] == "same":
        kwargs["closes_at"] = opens_at

    with pytest.raises(ConsultationFieldError) as caught:
        consultation_create(territory=territory, by=admin, **kwargs)

    assert caught.value.field == field
    assert Consultation.objects.count() == 0


def test_rejects_a_theme_of_another_territory(territory, other_territory, admin):
    from pmvt.community.models import Theme

    theme = Theme.objects.create(territory=other_territory, name="Mobilité", slug="mobilite")
    opens_at, closes_at = window()

    with pytest.raises(ConsultationFieldError) as caught:
        consultation_create(
            territory=territory,
            by=admin,
            title="C",
            opens_at=opens_at,
            closes_at=closes_at,
            themes=[theme],
        )

    assert caught.value.field == "themes"


def test_questions_come_in_order_with_their_choices(make_consultation):
    consultation = make_consultation()

    questions = questions_of(consultation)

    assert [(q.position, q.kind) for q in questions] == [
        (1, QuestionKind.SINGLE),
        (2, QuestionKind.MULTIPLE),
        (3, QuestionKind.RANKING),
        (4, QuestionKind.SCALE),
        (5, QuestionKind.TEXT),
    ]
    assert [c.label for c in questions[2].choices.all()] == ["Matin", "Midi", "Soir"]
    assert (questions[1].min_choices, questions[1].max_choices) == (1, 2)


@pytest.mark.parametrize(
    ("kind", "choices", "extra", "field"),
    [
        (QuestionKind.SINGLE, ["Seul"], {}, "choices"),
        (QuestionKind.SINGLE, ["Oui", "oui"], {}, "choices"),
        (QuestionKind.RANKING, [str(n) for n in range(21)], {}, "choices"),
        (QuestionKind.TEXT, ["Oui", "Non"], {}, "choices"),
        (QuestionKind.MULTIPLE, ["A", "B"], {"min_choices": 3}, "min_choices"),
        (
            QuestionKind.MULTIPLE,
            ["A", "B", "C"],
            {"min_choices": 3, "max_choices": 2},
            "max_choices",
        ),
        (QuestionKind.SCALE, [], {"scale_low_label": "x" * 61}, "scale_low_label"),
        ("poll", ["A", "B"], {}, "kind"),
    ],
)
def test_rejects_a_bad_question(make_consultation, admin, kind, choices, extra, field):
    consultation = make_consultation(questions=[])

    with pytest.raises(ConsultationFieldError) as caught:
        question_add(
            consultation=consultation,
            by=admin,
            kind=kind,
            label="Question",
            choices=choices,
            **extra,
        )

    assert caught.value.field == field
    assert Question.objects.count() == 0


def test_an_admin_changes_moves_and_removes_questions_before_any_answer(make_consultation, admin):
    consultation = make_consultation()
    single, multiple, *_rest = questions_of(consultation)

    question_update(
        question=single,
        by=admin,
        kind=QuestionKind.SINGLE,
        label="Quel jour ?",
        choices=["Samedi", "Mercredi", "Dimanche"],
    )
    question_move(question=multiple, by=admin, up=True)
    question_remove(question=questions_of(consultation)[-1], by=admin)

    questions = questions_of(consultation)
    assert [q.label for q in questions][:2] == ["Quels produits cherchez-vous ?", "Quel jour ?"]
    assert [c.label for c in questions[1].choices.all()] == ["Samedi", "Mercredi", "Dimanche"]
    assert len(questions) == 4


def test_the_first_answer_freezes_the_questions(make_consultation, admin, member):
    consultation = make_consultation()
    response_submit(user=member, consultation=consultation, data=full_answer(consultation))
    single = questions_of(consultation)[0]
    before = list(Choice.objects.order_by("pk").values_list("pk", "label"))

    calls = [
        lambda: question_add(
            consultation=consultation, by=admin, kind=QuestionKind.TEXT, label="Autre ?"
        ),
        lambda: question_update(
            question=single,
            by=admin,
            kind=QuestionKind.SINGLE,
            label="Jour ?",
            choices=["A", "B"],
        ),
        lambda: question_remove(question=single, by=admin),
        lambda: question_move(question=single, by=admin, up=False),
    ]
    for call in calls:
        with pytest.raises(ApplicationError) as caught:
            call()
        assert caught.value.code == ConsultationErrorCode.STRUCTURE_FROZEN

    assert questions_of(consultation)[0].label == "Quel jour préférez-vous ?"
    assert list(Choice.objects.order_by("pk").values_list("pk", "label")) == before


def test_after_answers_the_dates_can_change_but_not_anonymity(make_consultation, admin, member):
    consultation = make_consultation()
    response_submit(user=member, consultation=consultation, data=full_answer(consultation))
    later = consultation.closes_at + timedelta(days=7)
    common = {
        "consultation": consultation,
        "by": admin,
        "title": consultation.title,
        "opens_at": consultation.opens_at,
    }

    consultation_update(**common, closes_at=later)
    with pytest.raises(ApplicationError) as caught:
        consultation_update(**common, closes_at=later, anonymous=True)

    consultation.refresh_from_db()
    assert consultation.closes_at == later
    assert consultation.anonymous is False
    assert caught.value.code == ConsultationErrorCode.STRUCTURE_FROZEN


def test_only_admins_publish_free_text(make_consultation, admin, member):
    consultation = make_consultation()

    with pytest.raises(PermissionDeniedError):
        consultation_publish_free_text(consultation=consultation, by=member, published=True)
    consultation.refresh_from_db()
    assert consultation.free_text_published is False

    consultation_publish_free_text(consultation=consultation, by=admin, published=True)
    consultation.refresh_from_db()
    assert consultation.free_text_published is True
