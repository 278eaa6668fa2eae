"""Races proven with real threads on PostgreSQL (skipped on SQLite, which serialises writers)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.consultations.models import Consultation, Response
from pmvt.consultations.services.consultations import question_remove
from pmvt.consultations.services.responses import response_submit
from pmvt.consultations.tests.conftest import full_answer, questions_of
from pmvt.core.exceptions import ApplicationError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql(db) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def run_together(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread (own connection, own transaction), all at once."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            with scopes_disabled():
                barrier.wait()
                results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def fresh(model, obj):
    return model.objects.get(pk=obj.pk)


@pytest.mark.parametrize("anonymous", [False, True])
def test_one_member_submitting_twice_at_once_keeps_one_response(
    postgresql, make_consultation, member, anonymous
):
    consultation = make_consultation(anonymous=anonymous)
    data = full_answer(consultation)

    results = run_together(
        *[
            lambda: response_submit(
                user=fresh(User, member),
                consultation=fresh(Consultation, consultation),
                data=data,
            )
            for _ in range(4)
        ]
    )

    assert not [r for r in results if not isinstance(r, Response | ApplicationError)], results
    assert Response.objects.filter(consultation=consultation).count() == 1
    response = Response.objects.get(consultation=consultation)
    assert response.answers.count() == 5


def test_a_question_removed_while_a_member_answers_leaves_a_consistent_state(
    postgresql, make_consultation, member, admin
):
    consultation = make_consultation()
    free = questions_of(consultation)[4]
    data = full_answer(consultation)

    results = run_together(
        lambda: response_submit(
            user=fresh(User, member), consultation=fresh(Consultation, consultation), data=data
        ),
        lambda: question_remove(question=free, by=fresh(User, admin)),
    )

    assert isinstance(results[0], Response), results
    assert Response.objects.filter(consultation=consultation).count() == 1
    # Either the removal went first (4 questions left, 4 answers) or the first response froze
    # the questions (the removal is refused, 5 answers).
    questions = len(questions_of(consultation))
    answers = results[0].answers.count()
    if isinstance(results[1], ApplicationError):
        assert (questions, answers) == (5, 5)
    else:
        assert (questions, answers) == (4, 4)
