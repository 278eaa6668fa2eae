"""response_submit(): every rule of an answer, all or nothing, one response per member."""

from datetime import time, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from pmvt.accounts.models import Role
from pmvt.consultations.errors import ConsultationErrorCode
from pmvt.consultations.models import Answer, Eligibility, QuestionKind, Rank, Response
from pmvt.consultations.selectors import response_values
from pmvt.consultations.services.responses import (
    ResponseInvalidError,
    response_of,
    response_submit,
    voter_key,
)
from pmvt.consultations.tests.conftest import full_answer, questions_of
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError


def errors_of(consultation, member, data) -> dict[int, str]:
    with pytest.raises(ResponseInvalidError) as caught:
        response_submit(user=member, consultation=consultation, data=data)
    return caught.value.errors


def test_records_an_answer_to_every_kind_of_question(make_consultation, member):
    consultation = make_consultation()
    single, multiple, ranking, scale, free = questions_of(consultation)

    response = response_submit(
        user=member, consultation=consultation, data=full_answer(consultation)
    )

    assert response.user == member
    assert response.voter_key == voter_key(user_id=member.pk, consultation_id=consultation.pk)
    answers = {a.question_id: a for a in Answer.objects.filter(response=response)}
    assert answers[single.pk].choice == single.choices.all()[0]
    assert [c.label for c in answers[multiple.pk].choices.order_by("position")] == [
        "Fruits",
        "Légumes",
    ]
    assert [(r.choice.label, r.rank) for r in Rank.objects.filter(answer=answers[ranking.pk])] == [
        ("Matin", 1),
        ("Midi", 2),
        ("Soir", 3),
    ]
    assert answers[scale.pk].scale == 4
    assert answers[free.pk].text == "Plus de bancs."


def test_a_blank_optional_question_stores_no_answer(make_consultation, member):
    consultation = make_consultation()
    free = questions_of(consultation)[4]

    response = response_submit(
        user=member, consultation=consultation, data=full_answer(consultation, text="  ")
    )

    assert not Answer.objects.filter(response=response, question=free).exists()
    assert Answer.objects.filter(response=response).count() == 4


def test_rejects_a_missing_required_answer_and_stores_nothing(make_consultation, member):
    consultation = make_consultation()
    single, _multiple, _ranking, scale, _free = questions_of(consultation)
    data = full_answer(consultation)
    data[single.pk] = ""
    del data[scale.pk]

    errors = errors_of(consultation, member, data)

    assert errors == {
        single.pk: "Cette question demande une réponse.",
        scale.pk: "Cette question demande une réponse.",
    }
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0


def test_rejects_a_choice_of_another_question(make_consultation, member):
    consultation = make_consultation()
    single, multiple, *_rest = questions_of(consultation)
    data = full_answer(consultation)
    data[single.pk] = str(multiple.choices.all()[0].pk)

    assert errors_of(consultation, member, data) == {
        single.pk: "Ce choix ne fait pas partie des réponses proposées."
    }


@pytest.mark.parametrize("value", ["abc", "", ["1", "2"]])
def test_rejects_a_malformed_single_choice(make_consultation, member, value):
    consultation = make_consultation()
    single = questions_of(consultation)[0]
    data = full_answer(consultation)
    data[single.pk] = value

    assert single.pk in errors_of(consultation, member, data)


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (0, "Cette question demande une réponse."),
        (3, "Choisissez au plus 2 réponses."),
    ],
)
def test_multiple_choices_respect_the_minimum_and_maximum(
    make_consultation, member, count, message
):
    consultation = make_consultation()
    multiple = questions_of(consultation)[1]
    data = full_answer(consultation)
    data[multiple.pk] = [str(c.pk) for c in list(multiple.choices.all())[:count]]

    assert errors_of(consultation, member, data) == {multiple.pk: message}


def test_multiple_choices_minimum_above_one(make_consultation, member):
    consultation = make_consultation(
        questions=[
            (QuestionKind.MULTIPLE, "Deux au moins", ["A", "B", "C"], {"min_choices": 2}),
        ]
    )
    (question,) = questions_of(consultation)

    errors = errors_of(consultation, member, {question.pk: [str(question.choices.all()[0].pk)]})

    assert errors == {question.pk: "Choisissez au moins 2 réponses."}


@pytest.mark.parametrize(
    ("ranks", "message"),
    [
        (["1", "2", ""], "Donnez un rang différent à chacun des choix."),
        (["1", "1", "2"], "Chaque rang, de 1 à 3, doit être donné à un seul choix."),
        (["1", "2", "4"], "Chaque rang, de 1 à 3, doit être donné à un seul choix."),
        (["1", "2", "x"], "Cette réponse n'est pas valable."),
        (["", "", ""], "Cette question demande une réponse."),
    ],
)
def test_a_ranking_ranks_each_choice_exactly_once(make_consultation, member, ranks, message):
    consultation = make_consultation()
    ranking = questions_of(consultation)[2]
    data = full_answer(consultation)
    data[ranking.pk] = {c.pk: rank for c, rank in zip(ranking.choices.all(), ranks, strict=True)}

    assert errors_of(consultation, member, data) == {ranking.pk: message}


def test_a_ranking_refuses_a_choice_of_another_question(make_consultation, member):
    consultation = make_consultation()
    single, _m, ranking, *_rest = questions_of(consultation)
    data = full_answer(consultation)
    data[ranking.pk] = {single.choices.all()[0].pk: "1"}

    assert errors_of(consultation, member, data) == {
        ranking.pk: "Ce choix ne fait pas partie des réponses proposées."
    }


@pytest.mark.parametrize("value", ["0", "6", "trois", "-1"])
def test_a_scale_goes_from_1_to_5(make_consultation, member, value):
    consultation = make_consultation()
    scale = questions_of(consultation)[3]
    data = full_answer(consultation)
    data[scale.pk] = value

    assert scale.pk in errors_of(consultation, member, data)


def test_a_free_text_answer_has_at_most_5000_characters(make_consultation, member):
    consultation = make_consultation()
    free = questions_of(consultation)[4]

    errors = errors_of(consultation, member, full_answer(consultation, text="a" * 5001))
    response_submit(
        user=member, consultation=consultation, data=full_answer(consultation, text="a" * 5000)
    )

    assert errors == {free.pk: "Votre réponse ne doit pas dépasser 5000 caractères."}


def test_refuses_answers_before_opening(make_consultation, member):
    consultation = make_consultation(opens_in=timedelta(days=2))

    with pytest.raises(ApplicationError) as caught:
        response_submit(user=member, consultation=consultation, data=full_answer(consultation))

    assert caught.value.code == ConsultationErrorCode.NOT_OPEN
    assert Response.objects.count() == 0


def test_refuses_answers_after_closing(make_consultation, member):
    consultation = make_consultation(opens_in=timedelta(days=-10), lasts=timedelta(days=3))

    with pytest.raises(ApplicationError) as caught:
        response_submit(user=member, consultation=consultation, data=full_answer(consultation))

    assert caught.value.code == ConsultationErrorCode.CLOSED
    assert str(caught.value.message).startswith("Cette consultation est close depuis le ")


def test_refuses_a_consultation_without_questions(make_consultation, member):
    consultation = make_consultation(questions=[])

    with pytest.raises(ApplicationError) as caught:
        response_submit(user=member, consultation=consultation, data={})

    assert caught.value.code == ConsultationErrorCode.NO_QUESTION


def test_refuses_a_person_who_is_not_a_member(make_consultation, make_user, other_admin):
    consultation = make_consultation()
    stranger = make_user("passant@ailleurs.test")

    for user in (stranger, other_admin):
        with pytest.raises(PermissionDeniedError):
            response_submit(user=user, consultation=consultation, data=full_answer(consultation))
    assert Response.objects.count() == 0


def test_a_residents_consultation_refuses_members_without_a_commune(
    make_consultation, member, resident
):
    consultation = make_consultation(eligibility=Eligibility.RESIDENTS)

    with pytest.raises(PermissionDeniedError) as caught:
        response_submit(user=member, consultation=consultation, data=full_answer(consultation))
    response_submit(user=resident, consultation=consultation, data=full_answer(consultation))

    assert "réservée aux habitants" in str(caught.value.message)
    assert list(Response.objects.values_list("user__email", flat=True)) == ["residente@apt.test"]


def test_answering_again_replaces_the_answers(make_consultation, member):
    consultation = make_consultation()
    single = questions_of(consultation)[0]
    first = response_submit(user=member, consultation=consultation, data=full_answer(consultation))
    data = full_answer(consultation, text="Finalement, plus d'ombre.")
    data[single.pk] = str(single.choices.all()[1].pk)

    second = response_submit(user=member, consultation=consultation, data=data)

    assert second.pk == first.pk
    assert Response.objects.count() == 1
    assert Answer.objects.filter(response=second).count() == 5
    values = response_values(response=second)
    assert values[single.pk] == single.choices.all()[1].pk
    assert values[questions_of(consultation)[4].pk] == "Finalement, plus d'ombre."


def test_a_rejected_change_keeps_the_previous_answers(make_consultation, member):
    consultation = make_consultation()
    scale = questions_of(consultation)[3]
    response_submit(user=member, consultation=consultation, data=full_answer(consultation))
    before = response_values(response=response_of(user=member, consultation=consultation))
    data = full_answer(consultation, text="Autre chose")
    data[scale.pk] = "9"

    errors_of(consultation, member, data)

    after = response_values(response=response_of(user=member, consultation=consultation))
    assert after == before


def test_an_anonymous_response_keeps_no_link_to_the_member(make_consultation, member):
    consultation = make_consultation(anonymous=True)

    response = response_submit(
        user=member, consultation=consultation, data=full_answer(consultation)
    )
    again = response_submit(user=member, consultation=consultation, data=full_answer(consultation))

    response.refresh_from_db()
    assert response.user is None
    assert member.email not in response.voter_key
    # The day only: the time could match the response with the access logs.
    assert timezone.localtime(response.submitted_at).time() == time.min
    assert again.pk == response.pk
    assert Response.objects.count() == 1
    assert response_of(user=member, consultation=consultation) == response


def test_the_database_refuses_a_second_response_of_the_same_member(make_consultation, member):
    consultation = make_consultation(anonymous=True)
    response = response_submit(
        user=member, consultation=consultation, data=full_answer(consultation)
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            consultation=consultation,
            voter_key=response.voter_key,
            submitted_at=response.submitted_at,
        )


def test_two_members_answer_separately(make_consultation, member, make_member, territory):
    consultation = make_consultation(anonymous=True)
    other = make_member(territory, Role.MEMBER, email="voisin@apt.test")

    response_submit(user=member, consultation=consultation, data=full_answer(consultation))
    response_submit(user=other, consultation=consultation, data=full_answer(consultation))

    assert Response.objects.filter(consultation=consultation).count() == 2


def test_the_database_refuses_a_scale_outside_1_to_5(make_consultation, member):
    consultation = make_consultation()
    response = response_submit(
        user=member, consultation=consultation, data=full_answer(consultation)
    )
    scale = questions_of(consultation)[3]

    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(response=response, question=scale).update(scale=6)
