"""Public pages: the list of open offers and its filters, one offer, applying, "my
applications", and the CV download (applicant or employer)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import membership_of
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs, market_trail
from pmvt.core.private_files import private_file_response
from pmvt.core.requests import AuthenticatedRequest
from pmvt.jobs.access import (
    access_application_cv,
    access_apply,
    can_edit_offer,
    can_handle_applications,
    can_view_offer,
)
from pmvt.jobs.forms import JobApplicationForm, JobFilterForm
from pmvt.jobs.jsonld import job_posting_json_ld
from pmvt.jobs.models import JobApplication, JobOffer
from pmvt.jobs.selectors import (
    application_of_territory,
    has_applied,
    job_list,
    my_applications,
    offer_of_territory,
    skill_choices,
)
from pmvt.jobs.services.applications import job_application_submit, job_application_withdraw
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

JOBS_PER_PAGE = 20


def jobs_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Emplois du territoire"),
        reverse("jobs:list", kwargs={"territory_slug": territory.slug}),
    )


def _querystring_base(request: HttpRequest) -> str:
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return f"{querystring.urlencode()}&" if querystring else ""


def job_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    today = timezone.localdate()
    form = JobFilterForm(request.GET or None, territory=territory)
    offers = job_list(territory=territory, filters=form.to_filters(), today=today)
    page_obj = Paginator(offers, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/list.html",
        {
            "territory": territory,
            "current_door": "market",
            "form": form,
            "page_obj": page_obj,
            "today": today,
            "skills": skill_choices(territory=territory, today=today),
            "querystring_base": _querystring_base(request),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "is_member": membership_of(user=request.user, territory=territory) is not None,
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), (_("Emplois du territoire"), "")
            ),
        },
    )


def _visible_offer(request: HttpRequest, territory: Territory, offer_id: int) -> JobOffer:
    offer = offer_of_territory(territory=territory, offer_id=offer_id)
    if offer is None or not can_view_offer(user=request.user, offer=offer):
        raise Http404
    return offer


def job_detail(request: HttpRequest, territory_slug: str, offer_id: int) -> HttpResponse:
    territory = require_territory(request)
    offer = _visible_offer(request, territory, offer_id)
    return render(
        request,
        "jobs/detail.html",
        {
            "territory": territory,
            "current_door": "market",
            "offer": offer,
            "application": has_applied(user=request.user, offer=offer)
            if request.user.is_authenticated
            else None,
            "can_edit": can_edit_offer(user=request.user, offer=offer),
            "can_handle": can_handle_applications(user=request.user, offer=offer),
            "json_ld": job_posting_json_ld(offer=offer, request=request),
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), jobs_trail(territory), (offer.title, "")
            ),
        },
    )


def job_apply(request: HttpRequest, territory_slug: str, offer_id: int) -> HttpResponse:
    territory = require_territory(request)
    offer = _visible_offer(request, territory, offer_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access_apply(user=request.user, territory=territory)
    existing = has_applied(user=request.user, offer=offer)
    if existing is not None:
        messages.info(request, _("Vous avez déjà postulé à cette offre."))
        return redirect(existing.get_absolute_url())
    if not offer.is_open:
        messages.error(request, _("Cette offre est close : elle ne reçoit plus de candidatures."))
        return redirect(offer.get_absolute_url())
    form = JobApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job_application_submit(
                offer=offer,
                by=request.user,
                message=form.cleaned_data["message"],
                cv=form.cleaned_data["cv"],
            )
        except ApplicationError as error:
            field = "cv" if error.code == "invalid_cv" else None
            form.add_error(field, str(error.message))
        else:
            messages.success(
                request,
                _("Votre candidature est envoyée. Suivez-la dans « Mes candidatures »."),
            )
            return redirect(
                reverse("jobs:my_applications", kwargs={"territory_slug": territory.slug})
            )
    return render(
        request,
        "jobs/apply.html",
        {
            "territory": territory,
            "current_door": "market",
            "offer": offer,
            "form": form,
            "breadcrumb_items": breadcrumbs(
                territory,
                market_trail(territory),
                jobs_trail(territory),
                (offer.title, offer.get_absolute_url()),
                (_("Postuler"), ""),
            ),
        },
    )


def my_applications_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    applications = list(my_applications(user=request.user, territory=territory))
    return render(
        request,
        "jobs/my_applications.html",
        {
            "territory": territory,
            "current_door": "market",
            "applications": applications,
            "breadcrumb_items": breadcrumbs(
                territory,
                market_trail(territory),
                jobs_trail(territory),
                (_("Mes candidatures"), ""),
            ),
        },
    )


def _application(territory: Territory, application_id: int) -> JobApplication:
    application = application_of_territory(territory=territory, application_id=application_id)
    if application is None:
        raise Http404
    return application


@require_POST
def application_withdraw(
    request: AuthenticatedRequest, territory_slug: str, application_id: int
) -> HttpResponse:
    territory = require_territory(request)
    application = _application(territory, application_id)
    try:
        job_application_withdraw(application=application, by=request.user)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Votre candidature est retirée et votre CV effacé."))
    return redirect(reverse("jobs:my_applications", kwargs={"territory_slug": territory.slug}))


def application_cv(request: HttpRequest, territory_slug: str, application_id: int) -> FileResponse:
    territory = require_territory(request)
    application = _application(territory, application_id)
    access_application_cv(user=request.user, application=application)
    if not application.cv:
        raise Http404
    return private_file_response(application.cv, application.cv_name or "cv.pdf")
