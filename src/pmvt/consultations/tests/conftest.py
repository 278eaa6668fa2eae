"""Factories of the consultations' tests. Data goes through the services, as on the site."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.consultations.models import Consultation, Eligibility, Question, QuestionKind
from pmvt.consultations.services.consultations import consultation_create, question_add
from pmvt.territories.models import Commune

TERRITORY = "/t/pays-dapt-luberon"
PUBLIC = f"{TERRITORY}/valeurs/consultations/"
GESTION = f"{TERRITORY}/gestion/consultations/"


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture
def apt(territory) -> Commune:
    return Commune.objects.get(territory=territory, insee_code="84003")


@pytest.fixture
def resident(make_member, territory, apt) -> User:
    return make_member(territory, Role.MEMBER, email="residente@apt.test", commune=apt)


@pytest.fixture
def make_consultation(territory, admin) -> Callable[..., Consultation]:
    """A consultation open since yesterday for a week (unless told), with the given questions.

    questions: (kind, label, choices, extra kwargs) tuples; default: one of each kind.
    """

    def make(
        title: str = "Horaires du marché d'Apt",
        *,
        questions: list[tuple[str, str, list[str], dict[str, Any]]] | None = None,
        opens_in: timedelta = timedelta(days=-1),
        lasts: timedelta = timedelta(days=7),
        in_territory=None,
        by: User | None = None,
        **values: Any,
    ) -> Consultation:
        now = timezone.now()
        consultation = consultation_create(
            territory=in_territory or territory,
            by=by or admin,
            title=title,
            opens_at=now + opens_in,
            closes_at=now + opens_in + lasts,
            eligibility=values.pop("eligibility", Eligibility.MEMBERS),
            **values,
        )
        if questions is None:
            questions = DEFAULT_QUESTIONS
        for kind, label, choices, extra in questions:
            question_add(
                consultation=consultation,
                by=by or admin,
                kind=kind,
                label=label,
                choices=choices,
                **extra,
            )
        return Consultation.objects.select_related("territory").get(pk=consultation.pk)

    return make


DEFAULT_QUESTIONS: list[tuple[str, str, list[str], dict[str, Any]]] = [
    (QuestionKind.SINGLE, "Quel jour préférez-vous ?", ["Samedi", "Mardi"], {}),
    (
        QuestionKind.MULTIPLE,
        "Quels produits cherchez-vous ?",
        ["Fruits", "Légumes", "Fromages", "Pain"],
        {"min_choices": 1, "max_choices": 2},
    ),
    (QuestionKind.RANKING, "Classez ces horaires", ["Matin", "Midi", "Soir"], {}),
    (QuestionKind.SCALE, "Êtes-vous satisfait du marché ?", [], {}),
    (QuestionKind.TEXT, "Une idée ?", [], {"required": False}),
]


def questions_of(consultation: Consultation) -> list[Question]:
    return list(
        Question.objects.filter(consultation=consultation)
        .prefetch_related("choices")
        .order_by("position")
    )


def full_answer(consultation: Consultation, *, text: str = "Plus de bancs.") -> dict[int, Any]:
    """A valid answer to the default questions (first choices, ranking in order, scale 4)."""
    single, multiple, ranking, scale, free = questions_of(consultation)
    ranking_choices = list(ranking.choices.all())
    return {
        single.pk: str(single.choices.all()[0].pk),
        multiple.pk: [str(c.pk) for c in list(multiple.choices.all())[:2]],
        ranking.pk: {c.pk: str(n) for n, c in enumerate(ranking_choices, start=1)},
        scale.pk: "4",
        free.pk: text,
    }


def form_post(consultation: Consultation, *, text: str = "Plus de bancs.") -> dict[str, Any]:
    """The same answer as full_answer(), as the browser POSTs it."""
    single, multiple, ranking, scale, free = questions_of(consultation)
    post: dict[str, Any] = {
        f"q{single.pk}": single.choices.all()[0].pk,
        f"q{multiple.pk}": [c.pk for c in list(multiple.choices.all())[:2]],
        f"q{scale.pk}": "4",
        f"q{free.pk}": text,
    }
    for n, choice in enumerate(ranking.choices.all(), start=1):
        post[f"q{ranking.pk}_c{choice.pk}"] = str(n)
    return post


@pytest.fixture
def admin_client(client, admin, activate_totp):
    """The territory's admin, logged in with two-factor authentication (the back office needs it)."""
    activate_totp(admin)
    client.force_login(admin)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
