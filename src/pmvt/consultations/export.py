"""The CSV of a consultation's raw responses, for the territory's admins.

UTF-8 with BOM and ";" as separator (what a French spreadsheet opens directly). Cells that a
spreadsheet would run as a formula (= + - @, tab, carriage return) are prefixed with a quote.
An anonymous consultation has no identity column.
"""

import csv
import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pmvt.consultations.models import Answer, Consultation, Question, QuestionKind
from pmvt.consultations.selectors import export_rows
from pmvt.core.spreadsheet import safe_cell

BOM = "\ufeff"
DELIMITER = ";"
LIST_SEPARATOR = " | "


def answer_text(question: Question, answer: Answer | None) -> str:
    if answer is None:
        return ""
    match question.kind:
        case QuestionKind.SINGLE:
            return answer.choice.label if answer.choice else ""
        case QuestionKind.MULTIPLE:
            return LIST_SEPARATOR.join(choice.label for choice in answer.choices.all())
        case QuestionKind.RANKING:
            return LIST_SEPARATOR.join(
                f"{rank.rank}. {rank.choice.label}" for rank in answer.ranks.all()
            )
        case QuestionKind.SCALE:
            return str(answer.scale or "")
        case _:
            return answer.text


def export_responses_csv(*, consultation: Consultation) -> bytes:
    questions, responses = export_rows(consultation=consultation)
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    with translation.override("fr"):
        header = [_("Réponse n°")]
        if not consultation.anonymous:
            header += [_("Membre"), _("Courriel")]
        header.append(_("Date") if consultation.anonymous else _("Envoyée le"))
        header += [question.label for question in questions]
        writer.writerow([safe_cell(cell) for cell in header])
        for number, response in enumerate(responses, start=1):
            by_question = {answer.question_id: answer for answer in response.answers.all()}
            row: list[object] = [number]
            if not consultation.anonymous:
                user = response.user
                row += [
                    (user.display_name if user else _("Compte supprimé")),
                    (user.email if user else ""),
                ]
            moment = timezone.localtime(response.submitted_at)
            row.append(
                moment.strftime("%d/%m/%Y")
                if consultation.anonymous
                else moment.strftime("%d/%m/%Y %H:%M")
            )
            row += [answer_text(q, by_question.get(q.pk)) for q in questions]
            writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")
