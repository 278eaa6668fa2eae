"""A club's moderators put agenda events forward on the club's page, or take them off."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.agenda.models import Event
from pmvt.clubs.access import access_club_manage
from pmvt.clubs.models import ClubEvent
from pmvt.clubs.services.events import club_event_attach, club_event_detach
from pmvt.core.exceptions import ApplicationError
from pmvt.core.requests import AuthenticatedRequest, id_param
from pmvt.territories.middleware import require_territory

from ._common import club_or_404


@require_POST
def club_event_attach_view(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_manage(user=request.user, club=club)
    event_id = id_param(request.POST.get("event"))
    event = (
        Event.objects.filter(territory=territory, pk=event_id).first()
        if event_id is not None
        else None
    )
    if event is None:
        messages.error(request, _("Choisissez un événement de l'agenda."))
        return redirect(club.get_absolute_url())
    try:
        club_event_attach(club=club, event=event, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("« %(title)s » figure sur la page du club.") % {"title": event.title}
        )
    return redirect(club.get_absolute_url())


@require_POST
def club_event_detach_view(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, club_event_id: int
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    club_event = (
        ClubEvent.objects.filter(club=club, pk=club_event_id).select_related("event").first()
    )
    if club_event is None:
        raise Http404
    club_event_detach(club_event=club_event, by=request.user)
    messages.success(
        request,
        _("« %(title)s » ne figure plus sur la page du club.") % {"title": club_event.event.title},
    )
    return redirect(club.get_absolute_url())
