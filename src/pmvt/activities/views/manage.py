"""The organiser's back office, in an actor's professional space or in the territory's
management (the collectivité's own activities): write activities and their sessions, see who
registered (printable).

Each view takes an optional `actor_slug`: with it, the actor's activities; without, the
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

from pmvt.activities.access import access_activities_as_organiser
from pmvt.activities.errors import ActivityFieldError
from pmvt.activities.forms import ActivityForm, CapacityForm, SessionsForm
from pmvt.activities.models import Activity, Session
from pmvt.activities.selectors import (
    activity_of_territory,
    activity_sessions_for_organiser,
    organiser_activities,
    session_of_activity,
    session_roster,
)
from pmvt.activities.services.activities import (
    activity_cancel,
    activity_create,
    activity_publish,
    activity_update,
)
from pmvt.activities.services.sessions import (
    session_cancel,
    session_set_capacity,
    sessions_add,
)
from pmvt.actors.models import Actor
from pmvt.actors.selectors import actor_of_territory
from pmvt.agenda.formatting import when_fr
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.core.seats import SeatStatus
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory


@dataclass(frozen=True)
class Space:
    """Where the organiser works: an actor's professional space, or the territory's management."""

    territory: Territory
    actor: Actor | None

    def url(self, name: str, **kwargs: Any) -> str:
        kwargs["territory_slug"] = self.territory.slug
        if self.actor is not None:
            kwargs["actor_slug"] = self.actor.slug
            return reverse(f"activities:pro_{name}", kwargs=kwargs)
        return reverse(f"activities:gestion_{name}", kwargs=kwargs)

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
    access_activities_as_organiser(user=request.user, territory=territory, actor=actor)
    return Space(territory=territory, actor=actor)


def _activity(space: Space, slug: str) -> Activity:
    activity = activity_of_territory(territory=space.territory, slug=slug)
    if activity is None or activity.organiser_id != (space.actor.pk if space.actor else None):
        raise Http404
    return activity


def _session(activity: Activity, session_id: int) -> Session:
    session = session_of_activity(activity=activity, session_id=session_id)
    if session is None:
        raise Http404
    return session


def _context(space: Space, **values: Any) -> dict[str, Any]:
    return {"territory": space.territory, "space": space, "actor": space.actor, **values}


def _report(form: Any, error: ApplicationError) -> None:
    field = getattr(error, "field", None)
    if isinstance(error, ActivityFieldError) and field in form.fields:
        form.add_error(field, str(error.message))
    else:
        form.add_error(None, str(error.message))


def _list_trail(space: Space) -> tuple[str, str]:
    return (_("Activités"), space.url("list"))


def manage_list(
    request: HttpRequest, territory_slug: str, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug)
    activities = list(organiser_activities(territory=space.territory, actor=space.actor))
    for activity in activities:
        activity.manage_url = space.url("activity", activity_slug=activity.slug)  # type: ignore[attr-defined]
    return render(
        request,
        "activities/manage/list.html",
        _context(
            space,
            activities=activities,
            space_create_url=space.url("create"),
            breadcrumb_items=space.trail((_("Activités"), "")),
        ),
    )


def manage_create(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug)
    form = ActivityForm(request.POST or None, territory=space.territory)
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_create(
                territory=space.territory,
                organiser=space.actor,
                by=request.user,
                data=form.to_data(),
            )
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(
                request, _("L'activité est enregistrée en brouillon : ajoutez ses séances.")
            )
            return redirect(space.url("activity", activity_slug=activity.slug))
    return render(
        request,
        "activities/manage/form.html",
        _context(
            space,
            form=form,
            activity=None,
            breadcrumb_items=space.trail(_list_trail(space), (_("Nouvelle activité"), "")),
        ),
    )


def manage_edit(
    request: AuthenticatedRequest,
    territory_slug: str,
    activity_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    activity = _activity(space, activity_slug)
    form = ActivityForm(
        request.POST or None, territory=space.territory, initial=ActivityForm.initial_of(activity)
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(activity=activity, by=request.user, data=form.to_data())
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(request, _("L'activité est enregistrée."))
            return redirect(space.url("activity", activity_slug=activity.slug))
    return render(
        request,
        "activities/manage/form.html",
        _context(
            space,
            form=form,
            activity=activity,
            breadcrumb_items=space.trail(
                _list_trail(space),
                (activity.title, space.url("activity", activity_slug=activity.slug)),
                (_("Modifier"), ""),
            ),
        ),
    )


def manage_activity(
    request: AuthenticatedRequest,
    territory_slug: str,
    activity_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    """The activity's sessions, and the form that adds sessions."""
    space = _space(request, actor_slug)
    activity = _activity(space, activity_slug)
    form = SessionsForm(request.POST or None, initial={"repeat": SessionsForm.ONCE})
    if request.method == "POST" and form.is_valid():
        try:
            added = sessions_add(activity=activity, by=request.user, **form.service_kwargs())
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(
                request,
                _("%(count)s séance(s) ajoutée(s).") % {"count": len(added)},
            )
            return redirect(space.url("activity", activity_slug=activity.slug))
    sessions = activity_sessions_for_organiser(activity=activity)
    for session in sessions:
        kwargs = {"activity_slug": activity.slug, "session_id": session.pk}
        session.manage_url = space.url("session", **kwargs)  # type: ignore[attr-defined]
        session.cancel_url = space.url("session_cancel", **kwargs)  # type: ignore[attr-defined]
    return render(
        request,
        "activities/manage/activity.html",
        _context(
            space,
            activity=activity,
            form=form,
            sessions=sessions,
            urls={
                name: space.url(name, activity_slug=activity.slug)
                for name in ("edit", "publish", "cancel")
            },
            breadcrumb_items=space.trail(_list_trail(space), (activity.title, "")),
        ),
    )


@require_POST
def manage_publish(
    request: AuthenticatedRequest,
    territory_slug: str,
    activity_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    activity = _activity(space, activity_slug)
    try:
        activity_publish(activity=activity, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("L'activité est publiée : les inscriptions sont ouvertes."))
    return redirect(space.url("activity", activity_slug=activity.slug))


@require_POST
def manage_cancel(
    request: AuthenticatedRequest,
    territory_slug: str,
    activity_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    activity = _activity(space, activity_slug)
    try:
        activity_cancel(activity=activity, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("L'activité est annulée ; les personnes inscrites sont prévenues.")
        )
    return redirect(space.url("activity", activity_slug=activity.slug))


def manage_session(
    request: AuthenticatedRequest,
    territory_slug: str,
    activity_slug: str,
    session_id: int,
    actor_slug: str | None = None,
) -> HttpResponse:
    """Who registered to a session (printable), and its number of places."""
    space = _space(request, actor_slug)
    activity = _activity(space, activity_slug)
    session = _session(activity, session_id)
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
            return redirect(
                space.url("session", activity_slug=activity.slug, session_id=session.pk)
            )
    roster = list(session_roster(session=session))
    for registration in roster:
        registration.session = session
    return render(
        request,
        "activities/manage/session.html",
        _context(
            space,
            activity=activity,
            session=session,
            when=when_fr(session.starts_at, session.ends_at),
            confirmed=[s for s in roster if s.status == SeatStatus.CONFIRMED],
            waiting=[s for s in roster if s.status == SeatStatus.WAITING],
            cancelled=[s for s in roster if s.status == SeatStatus.CANCELLED],
            capacity_form=capacity_form,
            breadcrumb_items=space.trail(
                _list_trail(space),
                (activity.title, space.url("activity", activity_slug=activity.slug)),
                (when_fr(session.starts_at, session.ends_at), ""),
            ),
        ),
    )


@require_POST
def manage_session_cancel(
    request: AuthenticatedRequest,
    territory_slug: str,
    activity_slug: str,
    session_id: int,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    activity = _activity(space, activity_slug)
    session = _session(activity, session_id)
    try:
        session_cancel(session=session, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("La séance est annulée ; les personnes inscrites sont prévenues.")
        )
    return redirect(space.url("activity", activity_slug=activity.slug))
