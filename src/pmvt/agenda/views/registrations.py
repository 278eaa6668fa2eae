"""Register to a date, cancel, and the page of my registrations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.agenda.models import Event, Occurrence, RegistrationStatus
from pmvt.agenda.selectors import my_events, my_registrations
from pmvt.agenda.services.registrations import registration_cancel, registration_create, when_text
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory

from ._common import agenda_breadcrumbs, agenda_context, event_or_404

REGISTRATIONS_PER_PAGE = 20
MY_EVENTS_SHOWN = 20


def _occurrence_or_404(event: Event, occurrence_id: int) -> Occurrence:
    occurrence = Occurrence.objects.filter(event=event, pk=occurrence_id).first()
    if occurrence is None:
        raise Http404
    occurrence.event = event
    return occurrence


@require_POST
def register(
    request: HttpRequest, territory_slug: str, event_slug: str, occurrence_id: int
) -> HttpResponse:
    territory = require_territory(request)
    event = event_or_404(request, territory, event_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    occurrence = _occurrence_or_404(event, occurrence_id)
    try:
        registration = registration_create(occurrence=occurrence, user=request.user)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(event.get_absolute_url())
    values = {"when": when_text(occurrence)}
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request,
            _("Vous êtes inscrit pour le %(when)s. Un courriel de confirmation est envoyé.")
            % values,
        )
    else:
        messages.success(
            request,
            _(
                "La date du %(when)s est complète : vous êtes sur la liste d'attente. Vous serez "
                "prévenu si une place se libère."
            )
            % values,
        )
    return redirect(event.get_absolute_url())


@require_POST
def cancel(
    request: HttpRequest, territory_slug: str, event_slug: str, occurrence_id: int
) -> HttpResponse:
    territory = require_territory(request)
    event = event_or_404(request, territory, event_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    occurrence = _occurrence_or_404(event, occurrence_id)
    try:
        registration_cancel(occurrence=occurrence, user=request.user)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Votre inscription du %(when)s est annulée.") % {"when": when_text(occurrence)},
        )
    next_url = request.POST.get("next", "")
    if next_url == "mes-inscriptions":
        return redirect("agenda:my_registrations", territory_slug=territory.slug)
    return redirect(event.get_absolute_url())


@login_required
def my_registrations_view(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    page_obj = Paginator(
        my_registrations(user=request.user, territory=territory), REGISTRATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    context = agenda_context(request, territory, "mine")
    context.update(
        page_obj=page_obj,
        querystring_base="",
        events=list(my_events(user=request.user, territory=territory)[:MY_EVENTS_SHOWN]),
        breadcrumb_items=agenda_breadcrumbs(territory, (_("Mes inscriptions"), "")),
    )
    return render(request, "agenda/my_registrations.html", context)
