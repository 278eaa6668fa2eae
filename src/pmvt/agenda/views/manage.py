"""Propose an event, change it, see who registered."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.agenda.access import access_event_create, access_event_edit
from pmvt.agenda.forms import EventForm
from pmvt.agenda.models import Occurrence
from pmvt.agenda.selectors import event_participants
from pmvt.agenda.services.events import event_create, event_update
from pmvt.agenda.services.occurrences import occurrence_cancel
from pmvt.community.models import Visibility
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory

from ._common import agenda_breadcrumbs, agenda_context, event_or_404

PARTICIPANTS_PER_PAGE = 50


def event_new(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access_event_create(user=request.user, territory=territory)
    form = EventForm(
        request.POST or None, request.FILES or None, territory=territory, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = event_create(territory=territory, by=request.user, data=form.to_data())
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            if event.visibility == Visibility.PUBLISHED:
                messages.success(request, _("L'événement est publié dans l'agenda."))
            else:
                messages.success(
                    request,
                    _(
                        "Merci ! L'événement sera publié dans l'agenda dès qu'un modérateur "
                        "l'aura relu."
                    ),
                )
            return redirect(event.get_absolute_url())
    context = agenda_context(request, territory, "new")
    context.update(
        form=form,
        title=_("Proposer un événement"),
        submit_label=_("Proposer l'événement"),
        breadcrumb_items=agenda_breadcrumbs(territory, (_("Proposer un événement"), "")),
    )
    return render(request, "agenda/form.html", context)


def event_edit(request: AuthenticatedRequest, territory_slug: str, event_slug: str) -> HttpResponse:
    territory = require_territory(request)
    event = event_or_404(request, territory, event_slug)
    access_event_edit(user=request.user, event=event)
    user = request.user
    form = EventForm(
        request.POST or None, request.FILES or None, territory=territory, user=user, event=event
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = event_update(event=event, by=user, data=form.to_data())
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("L'événement est modifié."))
            return redirect(event.get_absolute_url())
    context = agenda_context(request, territory, "edit")
    context.update(
        form=form,
        event=event,
        title=_("Modifier l'événement"),
        submit_label=_("Enregistrer les modifications"),
        breadcrumb_items=agenda_breadcrumbs(
            territory, (event.title, event.get_absolute_url()), (_("Modifier"), "")
        ),
    )
    return render(request, "agenda/form.html", context)


def event_participants_view(
    request: AuthenticatedRequest, territory_slug: str, event_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    event = event_or_404(request, territory, event_slug)
    access_event_edit(user=request.user, event=event)
    page_obj = Paginator(event_participants(event=event), PARTICIPANTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = agenda_context(request, territory, "participants")
    context.update(
        event=event,
        page_obj=page_obj,
        querystring_base="",
        breadcrumb_items=agenda_breadcrumbs(
            territory, (event.title, event.get_absolute_url()), (_("Inscriptions"), "")
        ),
    )
    return render(request, "agenda/participants.html", context)


@require_POST
def occurrence_cancel_view(
    request: AuthenticatedRequest, territory_slug: str, event_slug: str, occurrence_id: int
) -> HttpResponse:
    """Call off one date of the event (organisers), from the dates table."""
    territory = require_territory(request)
    event = event_or_404(request, territory, event_slug)
    occurrence = Occurrence.objects.filter(event=event, pk=occurrence_id).first()
    if occurrence is None:
        raise Http404
    try:
        occurrence_cancel(occurrence=occurrence, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("La date est annulée ; les personnes inscrites sont prévenues."),
        )
    return redirect(event.get_absolute_url())
