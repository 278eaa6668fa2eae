"""Public pages: the list of missions, one mission and its dates, sign up, cancel, my missions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.agenda.formatting import when_fr
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.markdown import render_markdown
from pmvt.core.navigation import breadcrumbs, market_trail
from pmvt.core.requests import AuthenticatedRequest
from pmvt.core.seats import SeatStatus
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory
from pmvt.volunteering.access import can_manage_mission, can_view_mission, signup_refusal
from pmvt.volunteering.forms import MissionFilterForm
from pmvt.volunteering.models import Mission, Session
from pmvt.volunteering.selectors import (
    active_signups_by_session,
    mission_list,
    mission_of_territory,
    my_signups,
    session_of_mission,
    upcoming_sessions,
    waiting_rank,
)
from pmvt.volunteering.services.signups import signup_cancel, signup_create

MISSIONS_PER_PAGE = 20
SIGNUPS_PER_PAGE = 20


def list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Bénévolat"),
        reverse("volunteering:list", kwargs={"territory_slug": territory.slug}),
    )


def _querystring_base(request: HttpRequest) -> str:
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return f"{querystring.urlencode()}&" if querystring else ""


def mission_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = MissionFilterForm(request.GET or None, territory=territory)
    page_obj = Paginator(
        mission_list(territory=territory, filters=form.to_filters()), MISSIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteering/list.html",
        {
            "territory": territory,
            "current_door": "market",
            "form": form,
            "page_obj": page_obj,
            "querystring_base": _querystring_base(request),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), (_("Bénévolat"), "")
            ),
        },
    )


def _visible_mission(request: HttpRequest, territory: Territory, slug: str) -> Mission:
    mission = mission_of_territory(territory=territory, slug=slug)
    if mission is None or not can_view_mission(user=request.user, mission=mission):
        raise Http404
    return mission


def detail(request: HttpRequest, territory_slug: str, mission_slug: str) -> HttpResponse:
    territory = require_territory(request)
    mission = _visible_mission(request, territory, mission_slug)
    sessions = upcoming_sessions(mission=mission)
    signups = active_signups_by_session(user=request.user, sessions=sessions)
    rows = []
    for session in sessions:
        signup = signups.get(session.pk)
        rows.append(
            {
                "session": session,
                "signup": signup,
                "rank": waiting_rank(signup=signup)
                if signup and signup.status == SeatStatus.WAITING
                else None,
                "refusal": signup_refusal(user=request.user, session=session),
            }
        )
    return render(
        request,
        "volunteering/detail.html",
        {
            "territory": territory,
            "current_door": "market",
            "mission": mission,
            "description": render_markdown(mission.description),
            "rows": rows,
            "can_manage": can_manage_mission(user=request.user, mission=mission),
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), list_trail(territory), (mission.title, "")
            ),
        },
    )


def _session_or_404(
    request: HttpRequest, territory: Territory, mission_slug: str, session_id: int
) -> Session:
    mission = _visible_mission(request, territory, mission_slug)
    session = session_of_mission(mission=mission, session_id=session_id)
    if session is None:
        raise Http404
    return session


@require_POST
def signup(
    request: HttpRequest, territory_slug: str, mission_slug: str, session_id: int
) -> HttpResponse:
    territory = require_territory(request)
    session = _session_or_404(request, territory, mission_slug, session_id)
    mission_url = session.mission.get_absolute_url()
    if not request.user.is_authenticated:
        return redirect_to_login(mission_url)
    try:
        created = signup_create(session=session, user=request.user)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(mission_url)
    values = {"when": when_fr(session.starts_at, session.ends_at)}
    if created.status == SeatStatus.CONFIRMED:
        messages.success(
            request,
            _("Merci ! Vous êtes inscrit pour le %(when)s. Un courriel de confirmation est envoyé.")
            % values,
        )
    else:
        messages.success(
            request,
            _(
                "La date du %(when)s est complète : vous êtes sur la liste d'attente. Vous serez "
                "prévenu si une place se libère."
            )
            % values,
        )
    return redirect(mission_url)


@require_POST
def cancel(
    request: HttpRequest, territory_slug: str, mission_slug: str, session_id: int
) -> HttpResponse:
    territory = require_territory(request)
    session = _session_or_404(request, territory, mission_slug, session_id)
    mission_url = session.mission.get_absolute_url()
    if not request.user.is_authenticated:
        return redirect_to_login(mission_url)
    try:
        signup_cancel(session=session, user=request.user)
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
    if request.POST.get("next") == "mes-missions":
        return redirect("volunteering:mine", territory_slug=territory.slug)
    return redirect(mission_url)


@login_required
def mine(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    page_obj = Paginator(
        my_signups(user=request.user, territory=territory), SIGNUPS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteering/mine.html",
        {
            "territory": territory,
            "current_door": "market",
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": breadcrumbs(
                territory, market_trail(territory), list_trail(territory), (_("Mes missions"), "")
            ),
        },
    )
