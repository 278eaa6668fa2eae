"""Reads on consultations: the lists, one consultation's page, a member's answers, the results."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import ngettext

from pmvt.consultations.models import (
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Choice,
    Consultation,
    ConsultationStatus,
    Question,
    QuestionKind,
    Rank,
    Response,
)
from pmvt.territories.models import Territory


def _status_filter(status: str, now: datetime) -> Q:
    if status == ConsultationStatus.UPCOMING:
        return Q(opens_at__gt=now)
    if status == ConsultationStatus.OPEN:
        return Q(opens_at__lte=now, closes_at__gt=now)
    return Q(closes_at__lte=now)


def consultation_list(
    *, territory: Territory, status: str, now: datetime
) -> QuerySet[Consultation]:
    """Consultations of one status: open ones closing soonest first, upcoming ones opening
    soonest first, closed ones most recent first."""
    ordering = {
        ConsultationStatus.OPEN: ["closes_at", "pk"],
        ConsultationStatus.UPCOMING: ["opens_at", "pk"],
        ConsultationStatus.CLOSED: ["-closes_at", "-pk"],
    }[ConsultationStatus(status)]
    return (
        Consultation.objects.filter(territory=territory)
        .filter(_status_filter(status, now))
        .select_related("territory")
        .prefetch_related("themes")
        .annotate(question_count=Count("questions", distinct=True))
        .order_by(*ordering)
    )


def consultation_status_counts(*, territory: Territory, now: datetime) -> dict[str, int]:
    aggregates = {
        str(status): Count("pk", filter=_status_filter(status, now))
        for status in ConsultationStatus
    }
    counts = Consultation.objects.filter(territory=territory).aggregate(**aggregates)
    return {str(status): counts[str(status)] for status in ConsultationStatus}


def open_consultations_line(territory: Territory) -> str:
    """For the Valeurs territoriales door: "2 consultations en cours", or ""."""
    now = timezone.now()
    count = (
        Consultation.objects.filter(territory=territory)
        .filter(_status_filter(ConsultationStatus.OPEN, now))
        .count()
    )
    if not count:
        return ""
    return ngettext(
        "%(count)s consultation en cours", "%(count)s consultations en cours", count
    ) % {"count": count}


def consultation_admin_list(*, territory: Territory) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(territory=territory)
        .select_related("territory")
        .annotate(
            question_count=Count("questions", distinct=True),
            response_count=Count("responses", distinct=True),
        )
        .order_by("-opens_at", "-pk")
    )


def consultation_of_territory(*, territory: Territory, slug: str) -> Consultation | None:
    """One consultation with its questions and their choices, ready to render."""
    return (
        Consultation.objects.filter(territory=territory, slug=slug)
        .select_related("territory")
        .prefetch_related(
            "themes",
            Prefetch(
                "questions",
                queryset=Question.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
                ),
            ),
        )
        .first()
    )


def question_of_consultation(*, consultation: Consultation, question_id: int) -> Question | None:
    return (
        Question.objects.filter(consultation=consultation, pk=question_id)
        .select_related("consultation__territory")
        .prefetch_related("choices")
        .first()
    )


def response_values(*, response: Response | None) -> dict[int, Any]:
    """The member's stored answers, in the shape response_submit() takes (to refill the form)."""
    if response is None:
        return {}
    answers = (
        Answer.objects.filter(response=response)
        .select_related("question")
        .prefetch_related("choices", "ranks")
    )
    values: dict[int, Any] = {}
    for answer in answers:
        kind = answer.question.kind
        if kind == QuestionKind.SINGLE:
            values[answer.question_id] = answer.choice_id
        elif kind == QuestionKind.MULTIPLE:
            values[answer.question_id] = [choice.pk for choice in answer.choices.all()]
        elif kind == QuestionKind.RANKING:
            values[answer.question_id] = {rank.choice_id: rank.rank for rank in answer.ranks.all()}
        elif kind == QuestionKind.SCALE:
            values[answer.question_id] = answer.scale
        else:
            values[answer.question_id] = answer.text
    return values


# --- results ----------------------------------------------------------------------------------


def _percent(part: int | Decimal, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ResultRow:
    """One bar: a choice (or a note of the scale), how many picked it, the share of answers."""

    label: str
    count: int
    percent: Decimal


@dataclass(frozen=True)
class RankRow:
    label: str
    average_rank: Decimal
    borda: int
    first_places: int


@dataclass
class QuestionResult:
    question: Question
    answered: int
    rows: list[ResultRow] = field(default_factory=list)
    ranks: list[RankRow] = field(default_factory=list)
    mean: Decimal | None = None

    @property
    def kind(self) -> str:
        return self.question.kind


@dataclass
class ConsultationResults:
    responses: int
    questions: list[QuestionResult]


def consultation_results(*, consultation: Consultation) -> ConsultationResults:
    """Counts per choice, ranking scores (average rank, Borda), scale distributions and means.

    A fixed number of queries whatever the number of questions and responses. `consultation`
    comes from consultation_of_territory() (questions and choices prefetched).
    """
    answers = Answer.objects.filter(question__consultation=consultation)
    total = Response.objects.filter(consultation=consultation).count()
    answered = dict(answers.values_list("question_id").annotate(n=Count("pk")).order_by())
    single = dict(
        answers.filter(choice__isnull=False)
        .values_list("choice_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    multiple = dict(
        Answer.choices.through.objects.filter(answer__question__consultation=consultation)
        .values_list("choice_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    ranks = {
        row["choice_id"]: row
        for row in Rank.objects.filter(answer__question__consultation=consultation)
        .values("choice_id")
        .annotate(n=Count("pk"), total=Sum("rank"), first=Count("pk", filter=Q(rank=1)))
        .order_by()
    }
    scales: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, scale, n in (
        answers.filter(scale__isnull=False)
        .values_list("question_id", "scale")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        scales[question_id][scale] = n

    results = []
    for question in consultation.questions.all():
        count = answered.get(question.pk, 0)
        result = QuestionResult(question=question, answered=count)
        choices = list(question.choices.all())
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            source = single if question.kind == QuestionKind.SINGLE else multiple
            result.rows = [
                ResultRow(c.label, source.get(c.pk, 0), _percent(source.get(c.pk, 0), count))
                for c in choices
            ]
        elif question.kind == QuestionKind.RANKING:
            size = len(choices)
            rows = []
            for choice in choices:
                row = ranks.get(choice.pk, {"n": 0, "total": 0, "first": 0})
                average = (
                    (Decimal(row["total"]) / row["n"]).quantize(Decimal("0.01"))
                    if row["n"]
                    else Decimal(0)
                )
                # Borda: first place earns as many points as there are choices, last earns 1.
                borda = row["n"] * (size + 1) - (row["total"] or 0)
                rows.append(RankRow(choice.label, average, borda, row["first"]))
            result.ranks = sorted(rows, key=lambda r: (-r.borda, r.label))
        elif question.kind == QuestionKind.SCALE:
            distribution = scales.get(question.pk, {})
            labels = dict(question.scale_labels())
            result.rows = [
                ResultRow(
                    labels[value],
                    distribution.get(value, 0),
                    _percent(distribution.get(value, 0), count),
                )
                for value in range(SCALE_MIN, SCALE_MAX + 1)
            ]
            if count:
                weighted = sum(value * n for value, n in distribution.items())
                result.mean = (Decimal(weighted) / count).quantize(Decimal("0.01"))
        results.append(result)
    return ConsultationResults(responses=total, questions=results)


def free_text_answers(*, question: Question) -> QuerySet[Answer]:
    """The free-text answers to one question, oldest first (no identity attached)."""
    return (
        Answer.objects.filter(question=question).exclude(text="").only("pk", "text").order_by("pk")
    )


def export_rows(*, consultation: Consultation) -> tuple[list[Question], QuerySet[Response]]:
    """The questions in order, and every response with what the CSV needs to print it."""
    questions = list(Question.objects.filter(consultation=consultation).order_by("position", "pk"))
    responses = (
        Response.objects.filter(consultation=consultation)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("choice").prefetch_related(
                    Prefetch("choices", queryset=Choice.objects.order_by("position", "pk")),
                    Prefetch("ranks", queryset=Rank.objects.select_related("choice")),
                ),
            )
        )
        .order_by("pk")
    )
    return questions, responses
