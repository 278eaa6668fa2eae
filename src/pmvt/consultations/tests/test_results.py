"""The results: counts, ranking scores, scale distribution and mean, the SVG chart, the CSV."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from pmvt.accounts.models import Role
from pmvt.consultations.export import export_responses_csv
from pmvt.consultations.models import Consultation, QuestionKind
from pmvt.consultations.selectors import consultation_of_territory, consultation_results
from pmvt.consultations.services.responses import response_submit
from pmvt.consultations.tests.conftest import full_answer, questions_of
from pmvt.core.charts import ROW_HEIGHT, TOP, VALUE_ROOM, WIDTH, hbar_chart
from pmvt.core.spreadsheet import safe_cell


def answered_by_three(make_consultation, make_member, territory, **values) -> Consultation:
    consultation = make_consultation(**values)
    single, multiple, ranking, scale, _free = questions_of(consultation)
    s = list(single.choices.all())
    m = list(multiple.choices.all())
    r = list(ranking.choices.all())
    for n, (day, products, order, note) in enumerate(
        [
            (s[0], [m[0], m[1]], [r[0], r[1], r[2]], "5"),
            (s[0], [m[0]], [r[1], r[0], r[2]], "4"),
            (s[1], [m[2]], [r[0], r[2], r[1]], "4"),
        ]
    ):
        member = make_member(territory, Role.MEMBER, email=f"m{n}@apt.test")
        data = full_answer(consultation, text=f"Idée {n}")
        data[single.pk] = day.pk
        data[multiple.pk] = [c.pk for c in products]
        data[ranking.pk] = {c.pk: rank for rank, c in enumerate(order, start=1)}
        data[scale.pk] = note
        response_submit(user=member, consultation=consultation, data=data)
    return consultation


def results_of(consultation):
    page = consultation_of_territory(territory=consultation.territory, slug=consultation.slug)
    assert page is not None
    return consultation_results(consultation=page)


def test_counts_percentages_ranks_and_means(make_consultation, make_member, territory):
    consultation = answered_by_three(make_consultation, make_member, territory)

    results = results_of(consultation)

    assert results.responses == 3
    single, multiple, ranking, scale, free = results.questions
    assert [(r.label, r.count, r.percent) for r in single.rows] == [
        ("Samedi", 2, Decimal("66.7")),
        ("Mardi", 1, Decimal("33.3")),
    ]
    assert [(r.label, r.count) for r in multiple.rows] == [
        ("Fruits", 2),
        ("Légumes", 1),
        ("Fromages", 1),
        ("Pain", 0),
    ]
    # Borda with 3 choices: 1st = 3 points, 2nd = 2, 3rd = 1.
    assert [(r.label, r.average_rank, r.borda, r.first_places) for r in ranking.ranks] == [
        ("Matin", Decimal("1.33"), 8, 2),
        ("Midi", Decimal("2.00"), 6, 1),
        ("Soir", Decimal("2.67"), 4, 0),
    ]
    assert [r.count for r in scale.rows] == [0, 0, 0, 2, 1]
    assert scale.rows[0].label == "1 – Pas du tout"
    assert scale.mean == Decimal("4.33")
    assert (free.answered, free.rows) == (3, [])


def test_results_take_a_fixed_number_of_queries(
    make_consultation, make_member, territory, django_assert_num_queries
):
    consultation = answered_by_three(make_consultation, make_member, territory)
    page = consultation_of_territory(territory=territory, slug=consultation.slug)
    assert page is not None

    with django_assert_num_queries(6):
        consultation_results(consultation=page)


def test_results_of_a_consultation_without_answers(make_consultation):
    results = results_of(make_consultation())

    assert results.responses == 0
    assert all(q.answered == 0 for q in results.questions)
    assert results.questions[3].mean is None


def test_the_chart_scales_bars_to_the_largest_value():
    chart = hbar_chart([("Samedi", 2, "2 (66,7 %)"), ("Mardi", 1, "1"), ("Jamais", 0, "0")])

    plot = WIDTH - VALUE_ROOM
    assert [bar.width for bar in chart.bars] == [plot, plot // 2, 0]
    assert chart.height == TOP * 2 + ROW_HEIGHT * 3
    assert chart.bars[0].value_x == plot + 8
    assert hbar_chart([("Long " * 30, 1, "1")]).bars[0].label.endswith("…")


def test_safe_cell_neutralises_formulas():
    assert [safe_cell(v) for v in ["=1+1", "+33", "-2", "@SUM(A1)", "\tx", "Bonjour", None, 4]] == [
        "'=1+1",
        "'+33",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "Bonjour",
        "",
        "4",
    ]


def read_csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_export_lists_every_response_with_its_member(make_consultation, member):
    consultation = make_consultation()
    response_submit(
        user=member, consultation=consultation, data=full_answer(consultation, text="=HYPERLINK()")
    )

    rows = read_csv(export_responses_csv(consultation=consultation))

    assert rows[0][:4] == ["Réponse n°", "Membre", "Courriel", "Envoyée le"]
    assert rows[0][4:] == [q.label for q in questions_of(consultation)]
    assert rows[1][0] == "1"
    assert rows[1][2] == "habitante@apt.test"
    assert rows[1][4:] == [
        "Samedi",
        "Fruits | Légumes",
        "1. Matin | 2. Midi | 3. Soir",
        "4",
        "'=HYPERLINK()",
    ]


def test_an_anonymous_export_has_no_identity_column(make_consultation, member):
    consultation = make_consultation(anonymous=True)
    response_submit(user=member, consultation=consultation, data=full_answer(consultation))

    rows = read_csv(export_responses_csv(consultation=consultation))

    assert rows[0][:2] == ["Réponse n°", "Date"]
    assert len(rows[1]) == 2 + 5
    assert rows[1][1] == timezone.localdate().strftime("%d/%m/%Y")
    assert "habitante@apt.test" not in export_responses_csv(consultation=consultation).decode()


def test_a_closed_consultation_scale_with_custom_labels(make_consultation, member):
    consultation = make_consultation(
        questions=[
            (
                QuestionKind.SCALE,
                "Satisfaction",
                [],
                {"scale_low_label": "Pas satisfait", "scale_high_label": "Très satisfait"},
            )
        ],
    )
    (question,) = questions_of(consultation)
    response_submit(user=member, consultation=consultation, data={question.pk: "5"})
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )

    results = results_of(consultation)

    assert [r.label for r in results.questions[0].rows] == [
        "1 – Pas satisfait",
        "2",
        "3",
        "4",
        "5 – Très satisfait",
    ]
