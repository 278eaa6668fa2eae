"""The territory's back office for consultations: create them, write their questions, publish
the free-text answers, export the responses."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.consultations.access import (
    access_consultation_export,
    access_consultations_as_admin,
)
from pmvt.consultations.export import export_responses_csv
from pmvt.consultations.forms import ConsultationForm, QuestionForm
from pmvt.consultations.models import Consultation, Question
from pmvt.consultations.selectors import (
    consultation_admin_list,
    consultation_of_territory,
    question_of_consultation,
)
from pmvt.consultations.services.consultations import (
    ConsultationFieldError,
    consultation_create,
    consultation_publish_free_text,
    consultation_update,
    has_responses,
    question_add,
    question_move,
    question_remove,
    question_update,
)
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

ADMIN_PER_PAGE = 25


def _gestion(territory: Territory) -> tuple[str, str]:
    return (
        _("Gestion"),
        reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug}),
    )


def _admin_list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Consultations"),
        reverse("consultations:admin_list", kwargs={"territory_slug": territory.slug}),
    )


def _consultation(territory: Territory, slug: str) -> Consultation:
    consultation = consultation_of_territory(territory=territory, slug=slug)
    if consultation is None:
        raise Http404
    return consultation


def _question(consultation: Consultation, question_id: int) -> Question:
    question = question_of_consultation(consultation=consultation, question_id=question_id)
    if question is None:
        raise Http404
    return question


def _report(form, error: ApplicationError) -> None:
    """Show a service error beside its field when it names one, else at the top."""
    field = getattr(error, "field", None)
    if isinstance(error, ConsultationFieldError) and field in form.fields:
        form.add_error(field, str(error.message))
    else:
        form.add_error(None, str(error.message))


def admin_list(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_consultations_as_admin(user=request.user, territory=territory)
    page_obj = Paginator(consultation_admin_list(territory=territory), ADMIN_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consultations/admin_list.html",
        {
            "territory": territory,
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": breadcrumbs(
                territory, _gestion(territory), (_("Consultations"), "")
            ),
        },
    )


def admin_create(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_consultations_as_admin(user=request.user, territory=territory)
    form = ConsultationForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = consultation_create(
                territory=territory, by=request.user, **form.service_kwargs()
            )
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(
                request, _("La consultation est créée. Ajoutez maintenant ses questions.")
            )
            return redirect(consultation.get_admin_url())
    return render(
        request,
        "consultations/admin_form.html",
        {
            "territory": territory,
            "form": form,
            "consultation": None,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                _admin_list_trail(territory),
                (_("Nouvelle consultation"), ""),
            ),
        },
        status=400 if form.errors else 200,
    )


def admin_edit(
    request: AuthenticatedRequest, territory_slug: str, consultation_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_consultations_as_admin(user=request.user, territory=territory)
    consultation = _consultation(territory, consultation_slug)
    form = ConsultationForm(
        request.POST or None,
        territory=territory,
        initial=ConsultationForm.initial_for(consultation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            consultation_update(consultation=consultation, by=request.user, **form.service_kwargs())
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(request, _("La consultation est enregistrée."))
            return redirect(consultation.get_admin_url())
    return render(
        request,
        "consultations/admin_form.html",
        {
            "territory": territory,
            "form": form,
            "consultation": consultation,
            "questions": list(consultation.questions.all()),
            "frozen": has_responses(consultation),
            "response_count": consultation.responses.count(),
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                _admin_list_trail(territory),
                (consultation.title, ""),
            ),
        },
        status=400 if form.errors else 200,
    )


def _question_page(
    request: AuthenticatedRequest,
    territory: Territory,
    consultation: Consultation,
    question: Question | None,
) -> HttpResponse:
    initial = QuestionForm.initial_for(question) if question else {"required": True}
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                question_add(consultation=consultation, by=request.user, **form.service_kwargs())
            else:
                question_update(question=question, by=request.user, **form.service_kwargs())
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(request, _("La question est enregistrée."))
            return redirect(consultation.get_admin_url())
    title = _("Modifier la question") if question else _("Ajouter une question")
    return render(
        request,
        "consultations/admin_question.html",
        {
            "territory": territory,
            "form": form,
            "consultation": consultation,
            "question": question,
            "title": title,
            "frozen": has_responses(consultation),
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                _admin_list_trail(territory),
                (consultation.title, consultation.get_admin_url()),
                (title, ""),
            ),
        },
        status=400 if form.errors else 200,
    )


def admin_question_add(
    request: AuthenticatedRequest, territory_slug: str, consultation_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_consultations_as_admin(user=request.user, territory=territory)
    consultation = _consultation(territory, consultation_slug)
    return _question_page(request, territory, consultation, None)


def admin_question_edit(
    request: AuthenticatedRequest, territory_slug: str, consultation_slug: str, question_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_consultations_as_admin(user=request.user, territory=territory)
    consultation = _consultation(territory, consultation_slug)
    return _question_page(request, territory, consultation, _question(consultation, question_id))


@require_POST
def admin_question_remove(
    request: AuthenticatedRequest, territory_slug: str, consultation_slug: str, question_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_consultations_as_admin(user=request.user, territory=territory)
    consultation = _consultation(territory, consultation_slug)
    question = _question(consultation, question_id)
    try:
        question_remove(question=question, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("La question est retirée."))
    return redirect(consultation.get_admin_url())


@require_POST
def admin_question_move(
    request: AuthenticatedRequest, territory_slug: str, consultation_slug: str, question_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_consultations_as_admin(user=request.user, territory=territory)
    consultation = _consultation(territory, consultation_slug)
    question = _question(consultation, question_id)
    try:
        question_move(question=question, by=request.user, up=request.POST.get("sens") != "bas")
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect(consultation.get_admin_url())


@require_POST
def admin_free_text(
    request: AuthenticatedRequest, territory_slug: str, consultation_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_consultations_as_admin(user=request.user, territory=territory)
    consultation = _consultation(territory, consultation_slug)
    published = request.POST.get("publier") == "oui"
    consultation_publish_free_text(consultation=consultation, by=request.user, published=published)
    if published:
        messages.success(
            request,
            _("Les réponses libres sont publiées avec les résultats de la consultation."),
        )
    else:
        messages.success(
            request, _("Les réponses libres ne sont plus visibles que par les administrateurs.")
        )
    return redirect(consultation.get_admin_url())


def admin_export(request: HttpRequest, territory_slug: str, consultation_slug: str) -> HttpResponse:
    territory = require_territory(request)
    consultation = _consultation(territory, consultation_slug)
    access_consultation_export(user=request.user, consultation=consultation)
    response = HttpResponse(
        export_responses_csv(consultation=consultation), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{consultation.slug}.csv"'
    return response
