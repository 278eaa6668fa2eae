"""Public pages: the list of activities, one activity and its sessions, register (oneself or a
relative), cancel, my activities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.activities.access import can_manage_activity, can_view_activity, registration_refusal
from pmvt.activities.forms import ActivityFilterForm, RegistrationForm
from pmvt.activities.models import Activity, Session
from pmvt.activities.selectors import (
    active_registrations_by_session,
    activity_list,
    activity_of_territory,
    my_registrations,
    session_of_activity,
    upcoming_sessions,
    waiting_rank,
)
from pmvt.activities.services.registrations import registration_cancel, registration_create
from pmvt.agenda.formatting import when_fr
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.markdown import render_markdown
from pmvt.core.navigation import breadcrumbs, market_trail
from pmvt.core.requests import AuthenticatedRequest
from pmvt.core.seats import SeatStatus
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

MISSIONS_PER_PAGE = 20
SIGNUPS_PER_PAGE = 20


def list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Activités"),
        reverse("activities:list", kwargs={"territory_slug": territory.slug}),
    )


def _querystring_base(request: HttpRequest) -> str:
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return f"{querystring.urlencode()}&" if querystring else ""


def activity_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = ActivityFilterForm(request.GET or None, territory=territory)
    page_obj = Paginator(
        activity_list(territory=territory, filters=form.to_filters()), MISSIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/list.html",
        {
            "territory": territory,
            "current_door": "market",
            "form": form,
            "page_obj": page_obj,
            "querystring_base": _querystring_base(request),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), (_("Activités"), "")
            ),
        },
    )


def _visible_activity(request: HttpRequest, territory: Territory, slug: str) -> Activity:
    activity = activity_of_territory(territory=territory, slug=slug)
    if activity is None or not can_view_activity(user=request.user, activity=activity):
        raise Http404
    return activity


def detail(request: HttpRequest, territory_slug: str, activity_slug: str) -> HttpResponse:
    territory = require_territory(request)
    activity = _visible_activity(request, territory, activity_slug)
    sessions = upcoming_sessions(activity=activity)
    registrations = active_registrations_by_session(user=request.user, sessions=sessions)
    rows = []
    for session in sessions:
        mine = registrations.get(session.pk, [])
        for registration in mine:
            if registration.status == SeatStatus.WAITING:
                registration.rank = waiting_rank(registration=registration)  # type: ignore[attr-defined]
        rows.append(
            {
                "session": session,
                "registrations": mine,
                "refusal": registration_refusal(user=request.user, session=session),
            }
        )
    return render(
        request,
        "activities/detail.html",
        {
            "territory": territory,
            "current_door": "market",
            "activity": activity,
            "description": render_markdown(activity.description),
            "rows": rows,
            "form": RegistrationForm(),
            "can_manage": can_manage_activity(user=request.user, activity=activity),
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), list_trail(territory), (activity.title, "")
            ),
        },
    )


def _session_or_404(
    request: HttpRequest, territory: Territory, activity_slug: str, session_id: int
) -> Session:
    activity = _visible_activity(request, territory, activity_slug)
    session = session_of_activity(activity=activity, session_id=session_id)
    if session is None:
        raise Http404
    return session


@require_POST
def register(
    request: HttpRequest, territory_slug: str, activity_slug: str, session_id: int
) -> HttpResponse:
    territory = require_territory(request)
    session = _session_or_404(request, territory, activity_slug, session_id)
    activity_url = session.activity.get_absolute_url()
    if not request.user.is_authenticated:
        return redirect_to_login(activity_url)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Le nom ou le téléphone est trop long."))
        return redirect(activity_url)
    try:
        created = registration_create(
            session=session,
            user=request.user,
            participant_name=form.cleaned_data["participant_name"],
            contact_phone=form.cleaned_data["contact_phone"],
        )
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(activity_url)
    values = {"when": when_fr(session.starts_at, session.ends_at), "who": created.participant}
    if created.status == SeatStatus.CONFIRMED:
        messages.success(
            request,
            _(
                "Inscription confirmée pour %(who)s le %(when)s. Un courriel de confirmation est envoyé."
            )
            % values,
        )
    else:
        messages.success(
            request,
            _(
                "La séance du %(when)s est complète : %(who)s est sur la liste d'attente. Vous "
                "serez prévenu si une place se libère."
            )
            % values,
        )
    return redirect(activity_url)


@require_POST
def cancel(
    request: HttpRequest,
    territory_slug: str,
    activity_slug: str,
    session_id: int,
    registration_id: int,
) -> HttpResponse:
    territory = require_territory(request)
    session = _session_or_404(request, territory, activity_slug, session_id)
    activity_url = session.activity.get_absolute_url()
    if not request.user.is_authenticated:
        return redirect_to_login(activity_url)
    try:
        registration_cancel(session=session, user=request.user, registration_id=registration_id)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Votre inscription du %(when)s est annulée.")
            % {"when": when_fr(session.starts_at, session.ends_at)},
        )
    if request.POST.get("next") == "mes-activites":
        return redirect("activities:mine", territory_slug=territory.slug)
    return redirect(activity_url)


@login_required
def mine(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    page_obj = Paginator(
        my_registrations(user=request.user, territory=territory), SIGNUPS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/mine.html",
        {
            "territory": territory,
            "current_door": "market",
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), list_trail(territory), (_("Mes activités"), "")
            ),
        },
    )
