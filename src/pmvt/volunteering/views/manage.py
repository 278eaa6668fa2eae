"""The organiser's back office, in an actor's professional space or in the territory's
management (the collectivité's own missions): write missions and their dates, see who signed
up (printable), mark attendance and record the hours given.

Each view takes an optional `actor_slug`: with it, the actor's missions; without, the
collectivité's.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.actors.models import Actor
from pmvt.actors.selectors import actor_of_territory
from pmvt.agenda.formatting import when_fr
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.core.seats import SeatStatus
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory
from pmvt.volunteering.access import access_missions_as_organiser
from pmvt.volunteering.errors import MissionFieldError
from pmvt.volunteering.forms import AttendanceForm, CapacityForm, MissionForm, SessionsForm
from pmvt.volunteering.models import Mission, Session, Signup
from pmvt.volunteering.selectors import (
    hours_by_mission,
    hours_total,
    mission_of_territory,
    mission_sessions_for_organiser,
    organiser_missions,
    session_of_mission,
    session_roster,
)
from pmvt.volunteering.services.hours import max_hours, signup_record_attendance
from pmvt.volunteering.services.missions import (
    mission_cancel,
    mission_create,
    mission_publish,
    mission_update,
)
from pmvt.volunteering.services.sessions import (
    session_cancel,
    session_set_capacity,
    sessions_add,
)


@dataclass(frozen=True)
class Space:
    """Where the organiser works: an actor's professional space, or the territory's management."""

    territory: Territory
    actor: Actor | None

    def url(self, name: str, **kwargs: Any) -> str:
        kwargs["territory_slug"] = self.territory.slug
        if self.actor is not None:
            kwargs["actor_slug"] = self.actor.slug
            return reverse(f"volunteering:pro_{name}", kwargs=kwargs)
        return reverse(f"volunteering:gestion_{name}", kwargs=kwargs)

    def trail(self, *items: tuple[str, str]) -> list[tuple[str, str]]:
        slug = self.territory.slug
        if self.actor is not None:
            head = [
                (_("Espace pro"), reverse("actors:pro_index", kwargs={"territory_slug": slug})),
                (
                    self.actor.display_name,
                    reverse(
                        "actors:pro_home",
                        kwargs={"territory_slug": slug, "actor_slug": self.actor.slug},
                    ),
                ),
            ]
        else:
            head = [
                (_("Gestion"), reverse("backoffice:dashboard", kwargs={"territory_slug": slug}))
            ]
        return breadcrumbs(self.territory, *head, *items)

    @property
    def organiser_name(self) -> str:
        return self.actor.display_name if self.actor else self.territory.name


def _space(request: HttpRequest, actor_slug: str | None) -> Space:
    territory = require_territory(request)
    actor = None
    if actor_slug is not None:
        actor = actor_of_territory(territory=territory, slug=actor_slug)
        if actor is None:
            raise Http404
    access_missions_as_organiser(user=request.user, territory=territory, actor=actor)
    return Space(territory=territory, actor=actor)


def _mission(space: Space, slug: str) -> Mission:
    mission = mission_of_territory(territory=space.territory, slug=slug)
    if mission is None or mission.organiser_id != (space.actor.pk if space.actor else None):
        raise Http404
    return mission


def _session(mission: Mission, session_id: int) -> Session:
    session = session_of_mission(mission=mission, session_id=session_id)
    if session is None:
        raise Http404
    return session


def _context(space: Space, **values: Any) -> dict[str, Any]:
    return {"territory": space.territory, "space": space, "actor": space.actor, **values}


def _report(form: Any, error: ApplicationError) -> None:
    field = getattr(error, "field", None)
    if isinstance(error, MissionFieldError) and field in form.fields:
        form.add_error(field, str(error.message))
    else:
        form.add_error(None, str(error.message))


def _list_trail(space: Space) -> tuple[str, str]:
    return (_("Bénévolat"), space.url("list"))


def manage_list(
    request: HttpRequest, territory_slug: str, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug)
    missions = list(organiser_missions(territory=space.territory, actor=space.actor))
    hours = hours_by_mission(territory=space.territory, actor=space.actor)
    for mission in missions:
        mission.hours_given = hours.get(mission.pk)  # type: ignore[attr-defined]
        mission.manage_url = space.url("mission", mission_slug=mission.slug)  # type: ignore[attr-defined]
    total = hours_total(
        territory=space.territory,
        organiser=space.actor,
        collectivite=space.actor is None,
    )
    return render(
        request,
        "volunteering/manage/list.html",
        _context(
            space,
            missions=missions,
            hours_total=total,
            space_create_url=space.url("create"),
            breadcrumb_items=space.trail((_("Bénévolat"), "")),
        ),
    )


def manage_create(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug)
    form = MissionForm(request.POST or None, territory=space.territory)
    if request.method == "POST" and form.is_valid():
        try:
            mission = mission_create(
                territory=space.territory,
                organiser=space.actor,
                by=request.user,
                data=form.to_data(),
            )
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(
                request, _("La mission est enregistrée en brouillon : ajoutez ses dates.")
            )
            return redirect(space.url("mission", mission_slug=mission.slug))
    return render(
        request,
        "volunteering/manage/form.html",
        _context(
            space,
            form=form,
            mission=None,
            breadcrumb_items=space.trail(_list_trail(space), (_("Nouvelle mission"), "")),
        ),
    )


def manage_edit(
    request: AuthenticatedRequest,
    territory_slug: str,
    mission_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    mission = _mission(space, mission_slug)
    form = MissionForm(
        request.POST or None, territory=space.territory, initial=MissionForm.initial_of(mission)
    )
    if request.method == "POST" and form.is_valid():
        try:
            mission_update(mission=mission, by=request.user, data=form.to_data())
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(request, _("La mission est enregistrée."))
            return redirect(space.url("mission", mission_slug=mission.slug))
    return render(
        request,
        "volunteering/manage/form.html",
        _context(
            space,
            form=form,
            mission=mission,
            breadcrumb_items=space.trail(
                _list_trail(space),
                (mission.title, space.url("mission", mission_slug=mission.slug)),
                (_("Modifier"), ""),
            ),
        ),
    )


def manage_mission(
    request: AuthenticatedRequest,
    territory_slug: str,
    mission_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    """The mission's dates, and the form that adds dates."""
    space = _space(request, actor_slug)
    mission = _mission(space, mission_slug)
    form = SessionsForm(request.POST or None, initial={"repeat": SessionsForm.ONCE})
    if request.method == "POST" and form.is_valid():
        try:
            added = sessions_add(mission=mission, by=request.user, **form.service_kwargs())
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(
                request,
                _("%(count)s date(s) ajoutée(s).") % {"count": len(added)},
            )
            return redirect(space.url("mission", mission_slug=mission.slug))
    sessions = mission_sessions_for_organiser(mission=mission)
    for session in sessions:
        kwargs = {"mission_slug": mission.slug, "session_id": session.pk}
        session.manage_url = space.url("session", **kwargs)  # type: ignore[attr-defined]
        session.cancel_url = space.url("session_cancel", **kwargs)  # type: ignore[attr-defined]
    return render(
        request,
        "volunteering/manage/mission.html",
        _context(
            space,
            mission=mission,
            form=form,
            sessions=sessions,
            urls={
                name: space.url(name, mission_slug=mission.slug)
                for name in ("edit", "publish", "cancel")
            },
            hours_total=hours_total(territory=space.territory, mission=mission),
            breadcrumb_items=space.trail(_list_trail(space), (mission.title, "")),
        ),
    )


@require_POST
def manage_publish(
    request: AuthenticatedRequest,
    territory_slug: str,
    mission_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    mission = _mission(space, mission_slug)
    try:
        mission_publish(mission=mission, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("La mission est publiée : les bénévoles peuvent s'inscrire."))
    return redirect(space.url("mission", mission_slug=mission.slug))


@require_POST
def manage_cancel(
    request: AuthenticatedRequest,
    territory_slug: str,
    mission_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    mission = _mission(space, mission_slug)
    try:
        mission_cancel(mission=mission, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("La mission est annulée ; les bénévoles inscrits sont prévenus.")
        )
    return redirect(space.url("mission", mission_slug=mission.slug))


def manage_session(
    request: AuthenticatedRequest,
    territory_slug: str,
    mission_slug: str,
    session_id: int,
    actor_slug: str | None = None,
) -> HttpResponse:
    """Who signed up to a date (printable), attendance and hours, the number of places."""
    space = _space(request, actor_slug)
    mission = _mission(space, mission_slug)
    session = _session(mission, session_id)
    capacity_form = CapacityForm(
        request.POST or None, initial={"capacity": session.capacity}, prefix="places"
    )
    if request.method == "POST" and capacity_form.is_valid():
        try:
            session_set_capacity(
                session=session, by=request.user, capacity=capacity_form.cleaned_data["capacity"]
            )
        except ApplicationError as error:
            _report(capacity_form, error)
        else:
            messages.success(request, _("Le nombre de places est enregistré."))
            return redirect(space.url("session", mission_slug=mission.slug, session_id=session.pk))
    roster = list(session_roster(session=session))
    limit = None
    for signup in roster:
        signup.session = session
        signup.attendance_url = space.url(  # type: ignore[attr-defined]
            "attendance", mission_slug=mission.slug, session_id=session.pk, signup_id=signup.pk
        )
        if limit is None:
            limit = max_hours(signup)
    return render(
        request,
        "volunteering/manage/session.html",
        _context(
            space,
            mission=mission,
            session=session,
            when=when_fr(session.starts_at, session.ends_at),
            confirmed=[s for s in roster if s.status == SeatStatus.CONFIRMED],
            waiting=[s for s in roster if s.status == SeatStatus.WAITING],
            cancelled=[s for s in roster if s.status == SeatStatus.CANCELLED],
            capacity_form=capacity_form,
            default_hours=round(session.length.total_seconds() / 3600, 2),
            max_hours=limit,
            breadcrumb_items=space.trail(
                _list_trail(space),
                (mission.title, space.url("mission", mission_slug=mission.slug)),
                (when_fr(session.starts_at, session.ends_at), ""),
            ),
        ),
    )


@require_POST
def manage_session_cancel(
    request: AuthenticatedRequest,
    territory_slug: str,
    mission_slug: str,
    session_id: int,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    mission = _mission(space, mission_slug)
    session = _session(mission, session_id)
    try:
        session_cancel(session=session, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("La date est annulée ; les bénévoles inscrits sont prévenus."))
    return redirect(space.url("mission", mission_slug=mission.slug))


@require_POST
def manage_attendance(
    request: AuthenticatedRequest,
    territory_slug: str,
    mission_slug: str,
    session_id: int,
    signup_id: int,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    mission = _mission(space, mission_slug)
    session = _session(mission, session_id)
    signup = Signup.objects.filter(session=session, pk=signup_id).select_related("user").first()
    if signup is None:
        raise Http404
    back = space.url("session", mission_slug=mission.slug, session_id=session.pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez présent ou absent, et un nombre d'heures valide."))
        return redirect(back)
    attended = form.cleaned_data["attendance"] == AttendanceForm.PRESENT
    hours = form.cleaned_data["hours"] if attended else None
    name = signup.user.display_name or signup.user.email
    try:
        signup_record_attendance(signup=signup, by=request.user, attended=attended, hours=hours)
    except ApplicationError as error:
        messages.error(request, _("%(name)s : %(error)s") % {"name": name, "error": error.message})
    else:
        messages.success(request, _("Présence enregistrée pour %(name)s.") % {"name": name})
    return redirect(back)
