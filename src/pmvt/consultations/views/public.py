"""Public pages: the consultations of the territory, answering one, its results."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pmvt.accounts.access import can_administer_territory
from pmvt.consultations.access import (
    access_consultation_answer,
    access_consultation_free_text,
    access_consultation_results,
    can_view_free_text,
    can_view_results,
)
from pmvt.consultations.forms import answer_fields, parse_response
from pmvt.consultations.models import Consultation, ConsultationStatus, QuestionKind
from pmvt.consultations.selectors import (
    QuestionResult,
    consultation_list,
    consultation_of_territory,
    consultation_results,
    consultation_status_counts,
    free_text_answers,
    question_of_consultation,
    response_values,
)
from pmvt.consultations.services.responses import (
    ResponseInvalidError,
    response_of,
    response_submit,
)
from pmvt.core.charts import hbar_chart
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs, values_trail
from pmvt.core.templatetags.pmvt_format import format_decimal_fr, percent_text
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

CONSULTATIONS_PER_PAGE = 20
FREE_TEXT_PER_PAGE = 25
# The list's tabs: URL value → status, in display order.
TABS = {
    "en-cours": ConsultationStatus.OPEN,
    "a-venir": ConsultationStatus.UPCOMING,
    "terminees": ConsultationStatus.CLOSED,
}


def _list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Consultations"),
        reverse("consultations:list", kwargs={"territory_slug": territory.slug}),
    )


def _consultation(territory: Territory, slug: str) -> Consultation:
    consultation = consultation_of_territory(territory=territory, slug=slug)
    if consultation is None:
        raise Http404
    return consultation


def _closing_text(consultation: Consultation) -> str:
    return date_format(timezone.localtime(consultation.closes_at), "l j F Y à H:i")


def consultation_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    tab = request.GET.get("etat", "en-cours")
    if tab not in TABS:
        tab = "en-cours"
    now = timezone.now()
    page_obj = Paginator(
        consultation_list(territory=territory, status=TABS[tab], now=now), CONSULTATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    counts = consultation_status_counts(territory=territory, now=now)
    return render(
        request,
        "consultations/list.html",
        {
            "territory": territory,
            "current_door": "values",
            "tab": tab,
            "tabs": [
                (value, ConsultationStatus(status).label, counts[status])
                for value, status in TABS.items()
            ],
            "page_obj": page_obj,
            "querystring_base": f"etat={tab}&",
            "can_manage": can_administer_territory(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory, values_trail(territory), (_("Consultations"), "")
            ),
        },
    )


def consultation_detail(
    request: HttpRequest, territory_slug: str, consultation_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    consultation = _consultation(territory, consultation_slug)
    questions = list(consultation.questions.all())
    response = response_of(user=request.user, consultation=consultation)  # type: ignore[arg-type]
    errors: dict[int, str] = {}
    error_message = ""
    values: dict[int, Any] = {}
    if request.method == "POST":
        access_consultation_answer(user=request.user, consultation=consultation)
        data = parse_response(questions=questions, post=request.POST)
        try:
            response_submit(user=request.user, consultation=consultation, data=data)  # type: ignore[arg-type]
        except ResponseInvalidError as error:
            errors, error_message, values = error.errors, str(error.message), data
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect(consultation.get_absolute_url())
        else:
            messages.success(
                request,
                _("Votre réponse est enregistrée. Vous pouvez la modifier jusqu'au %(date)s.")
                % {"date": _closing_text(consultation)},
            )
            return redirect(consultation.get_absolute_url())
    else:
        values = response_values(response=response)
    refusal = ""
    try:
        access_consultation_answer(user=request.user, consultation=consultation)
    except PermissionDeniedError as error:
        refusal = str(error.message)
    fields = answer_fields(questions=questions, values=values, errors=errors)
    return render(
        request,
        "consultations/detail.html",
        {
            "territory": territory,
            "current_door": "values",
            "consultation": consultation,
            "status": consultation.status,
            "fields": fields,
            "errors": errors,
            "error_fields": [f for f in fields if f.error],
            "error_message": error_message,
            "refusal": refusal,
            "has_answered": response is not None,
            "closing_text": _closing_text(consultation),
            "opening_text": date_format(timezone.localtime(consultation.opens_at), "l j F Y à H:i"),
            "can_view_results": can_view_results(user=request.user, consultation=consultation),
            "can_manage": can_administer_territory(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory,
                values_trail(territory),
                _list_trail(territory),
                (consultation.title, ""),
            ),
        },
        status=400 if errors else 200,
    )


def _chart_rows(result: QuestionResult) -> list[tuple[str, Any, str]]:
    if result.kind == QuestionKind.RANKING:
        return [
            (row.label, row.borda, _("%(score)s points") % {"score": row.borda})
            for row in result.ranks
        ]
    return [
        (row.label, row.count, f"{row.count} ({percent_text(row.percent)})") for row in result.rows
    ]


def consultation_results_view(
    request: HttpRequest, territory_slug: str, consultation_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    consultation = _consultation(territory, consultation_slug)
    access_consultation_results(user=request.user, consultation=consultation)
    results = consultation_results(consultation=consultation)
    items = []
    for result in results.questions:
        chart = None
        if result.kind != QuestionKind.TEXT and result.answered:
            chart = hbar_chart(_chart_rows(result))
        items.append(
            {
                "result": result,
                "chart": chart,
                "mean_text": format_decimal_fr(result.mean, places=2, trim=True)
                if result.mean is not None
                else "",
            }
        )
    return render(
        request,
        "consultations/results.html",
        {
            "territory": territory,
            "current_door": "values",
            "consultation": consultation,
            "results": results,
            "items": items,
            "can_view_free_text": can_view_free_text(user=request.user, consultation=consultation),
            "can_manage": can_administer_territory(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory,
                values_trail(territory),
                _list_trail(territory),
                (consultation.title, consultation.get_absolute_url()),
                (_("Résultats"), ""),
            ),
        },
    )


def free_text_view(
    request: HttpRequest, territory_slug: str, consultation_slug: str, question_id: int
) -> HttpResponse:
    territory = require_territory(request)
    consultation = _consultation(territory, consultation_slug)
    access_consultation_free_text(user=request.user, consultation=consultation)
    question = question_of_consultation(consultation=consultation, question_id=question_id)
    if question is None or question.kind != QuestionKind.TEXT:
        raise Http404
    page_obj = Paginator(free_text_answers(question=question), FREE_TEXT_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consultations/free_text.html",
        {
            "territory": territory,
            "current_door": "values",
            "consultation": consultation,
            "question": question,
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": breadcrumbs(
                territory,
                values_trail(territory),
                _list_trail(territory),
                (consultation.title, consultation.get_absolute_url()),
                (_("Résultats"), consultation.get_results_url()),
                (_("Réponses libres"), ""),
            ),
        },
    )
