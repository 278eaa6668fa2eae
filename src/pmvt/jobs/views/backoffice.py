"""The employer's back office, phone-friendly: an actor's offers in its professional space
(/espace-pro/<actor>/emplois/) and the collectivité's own offers (/gestion/emplois/).

Both spaces use the same views: `actor_slug` in the URL names the actor, its absence means
the collectivité. Opening an application marks it as seen (the applicant is told).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.actors.models import Actor
from pmvt.actors.selectors import actor_of_territory
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.jobs.access import (
    access_actor_jobs_as_editor,
    access_actor_jobs_as_staff,
    access_application_as_handler,
    access_offer_applications,
    access_territory_jobs_as_admin,
    can_edit_offer,
    can_handle_applications,
    can_publish_offer,
    can_write_actor_offers,
)
from pmvt.jobs.errors import JobFieldError
from pmvt.jobs.forms import JobOfferForm, StatusMessageForm
from pmvt.jobs.models import JobApplication, JobOffer
from pmvt.jobs.selectors import (
    application_of_territory,
    employer_offers,
    offer_applications,
    offer_of_territory,
)
from pmvt.jobs.services.applications import (
    job_application_close,
    job_application_invite_interview,
    job_application_mark_seen,
)
from pmvt.jobs.services.offers import (
    job_offer_close,
    job_offer_create,
    job_offer_publish,
    job_offer_update,
)
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

OFFERS_PER_PAGE = 25


@dataclass(frozen=True)
class Space:
    """Whose offers: an actor's (its pro space) or the collectivité's (the gestion)."""

    territory: Territory
    actor: Actor | None

    @property
    def prefix(self) -> str:
        return "admin" if self.actor is None else "pro"

    @property
    def employer_name(self) -> str:
        return self.territory.public_name if self.actor is None else self.actor.display_name

    def url(self, name: str, **kwargs: Any) -> str:
        kwargs["territory_slug"] = self.territory.slug
        if self.actor is not None:
            kwargs["actor_slug"] = self.actor.slug
        return reverse(f"jobs:{self.prefix}_{name}", kwargs=kwargs)

    def trail(self, *items: tuple[str, str]) -> list[tuple[str, str]]:
        if self.actor is None:
            start = [
                (
                    _("Gestion"),
                    reverse("backoffice:dashboard", kwargs={"territory_slug": self.territory.slug}),
                )
            ]
        else:
            start = [
                (
                    _("Espace pro"),
                    reverse("actors:pro_index", kwargs={"territory_slug": self.territory.slug}),
                ),
                (
                    self.actor.display_name,
                    reverse(
                        "actors:pro_home",
                        kwargs={
                            "territory_slug": self.territory.slug,
                            "actor_slug": self.actor.slug,
                        },
                    ),
                ),
            ]
        offers = (_("Offres d'emploi"), self.url("offers") if items else "")
        return breadcrumbs(self.territory, *start, offers, *items)


def _space(request: HttpRequest, actor_slug: str | None, *, edit: bool = False) -> Space:
    territory = require_territory(request)
    if actor_slug is None:
        access_territory_jobs_as_admin(user=request.user, territory=territory)
        return Space(territory=territory, actor=None)
    actor = actor_of_territory(territory=territory, slug=actor_slug)
    if actor is None:
        raise Http404
    if edit:
        access_actor_jobs_as_editor(user=request.user, actor=actor)
    else:
        access_actor_jobs_as_staff(user=request.user, actor=actor)
    return Space(territory=territory, actor=actor)


def _offer_of(space: Space, offer_id: int) -> JobOffer:
    """The offer if it belongs to this space (another employer's: 404, its existence hidden)."""
    offer = offer_of_territory(territory=space.territory, offer_id=offer_id)
    actor_id = space.actor.pk if space.actor is not None else None
    if offer is None or offer.actor_id != actor_id:
        raise Http404
    return offer


def _application_of(space: Space, application_id: int) -> JobApplication:
    application = application_of_territory(territory=space.territory, application_id=application_id)
    actor_id = space.actor.pk if space.actor is not None else None
    if application is None or application.offer.actor_id != actor_id:
        raise Http404
    return application


def _report(form: Any, error: ApplicationError) -> None:
    field = getattr(error, "field", None)
    if isinstance(error, JobFieldError) and field in form.fields:
        form.add_error(field, str(error.message))
    else:
        form.add_error(None, str(error.message))


def _base_context(space: Space) -> dict[str, Any]:
    return {
        "territory": space.territory,
        "space": space,
        "actor": space.actor,
        "current_door": "market",
        "offers_url": space.url("offers"),
        "create_url": space.url("offer_create"),
    }


def _offer_urls(space: Space, offer: JobOffer) -> dict[str, str]:
    return {
        "offer_url": space.url("offer", offer_id=offer.pk),
        "edit_url": space.url("offer_edit", offer_id=offer.pk),
        "publish_url": space.url("offer_publish", offer_id=offer.pk),
        "close_url": space.url("offer_close", offer_id=offer.pk),
    }


# --- offers -----------------------------------------------------------------------------------


def offers(
    request: HttpRequest, territory_slug: str, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug)
    page_obj = Paginator(
        employer_offers(territory=space.territory, actor=space.actor), OFFERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    can_write = space.actor is None or can_write_actor_offers(user=request.user, actor=space.actor)
    return render(
        request,
        "jobs/manage_offers.html",
        {
            **_base_context(space),
            "page_obj": page_obj,
            "querystring_base": "",
            "can_write": can_write,
            "breadcrumb_items": space.trail(),
        },
    )


def offer_create(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug, edit=True)
    form = JobOfferForm(request.POST or None, territory=space.territory)
    if request.method == "POST" and form.is_valid():
        publish = request.POST.get("action") == "publish"
        try:
            offer = job_offer_create(
                territory=space.territory,
                by=request.user,
                actor=space.actor,
                values=form.values(),
                publish=publish,
            )
        except PermissionDeniedError as error:
            form.add_error(None, str(error.message))
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(
                request,
                _("L'offre est publiée.")
                if publish
                else _("L'offre est enregistrée en brouillon."),
            )
            return redirect(space.url("offer", offer_id=offer.pk))
    return render(
        request,
        "jobs/manage_form.html",
        {
            **_base_context(space),
            "form": form,
            "offer": None,
            "breadcrumb_items": space.trail((_("Nouvelle offre"), "")),
        },
    )


def offer_detail(
    request: HttpRequest, territory_slug: str, offer_id: int, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug)
    offer = _offer_of(space, offer_id)
    handles = can_handle_applications(user=request.user, offer=offer)
    return render(
        request,
        "jobs/manage_offer.html",
        {
            **_base_context(space),
            "offer": offer,
            **_offer_urls(space, offer),
            "applications": list(offer_applications(offer=offer)) if handles else None,
            "can_edit": can_edit_offer(user=request.user, offer=offer),
            "can_publish": can_publish_offer(user=request.user, offer=offer),
            "breadcrumb_items": space.trail((offer.title, "")),
        },
    )


def offer_edit(
    request: AuthenticatedRequest, territory_slug: str, offer_id: int, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug, edit=True)
    offer = _offer_of(space, offer_id)
    form = JobOfferForm(request.POST or None, territory=space.territory, offer=offer)
    if request.method == "POST" and form.is_valid():
        try:
            job_offer_update(offer=offer, by=request.user, values=form.values())
        except ApplicationError as error:
            _report(form, error)
            offer.refresh_from_db()
        else:
            messages.success(request, _("L'offre est enregistrée."))
            return redirect(space.url("offer", offer_id=offer.pk))
    return render(
        request,
        "jobs/manage_form.html",
        {
            **_base_context(space),
            "form": form,
            "offer": offer,
            "breadcrumb_items": space.trail(
                (offer.title, space.url("offer", offer_id=offer.pk)), (_("Modifier"), "")
            ),
        },
    )


@require_POST
def offer_publish(
    request: AuthenticatedRequest, territory_slug: str, offer_id: int, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug, edit=True)
    offer = _offer_of(space, offer_id)
    try:
        job_offer_publish(offer=offer, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("L'offre est publiée."))
    return redirect(space.url("offer", offer_id=offer.pk))


@require_POST
def offer_close(
    request: AuthenticatedRequest, territory_slug: str, offer_id: int, actor_slug: str | None = None
) -> HttpResponse:
    space = _space(request, actor_slug, edit=True)
    offer = _offer_of(space, offer_id)
    try:
        job_offer_close(offer=offer, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("L'offre est close : elle ne reçoit plus de candidatures."))
    return redirect(space.url("offer", offer_id=offer.pk))


# --- applications -----------------------------------------------------------------------------


def application_detail(
    request: AuthenticatedRequest,
    territory_slug: str,
    application_id: int,
    actor_slug: str | None = None,
) -> HttpResponse:
    space = _space(request, actor_slug)
    application = _application_of(space, application_id)
    access_application_as_handler(user=request.user, application=application)
    if request.method == "GET":
        job_application_mark_seen(application=application, by=request.user)
    offer = application.offer
    return render(
        request,
        "jobs/manage_application.html",
        {
            **_base_context(space),
            "offer": offer,
            **_offer_urls(space, offer),
            "application": application,
            "interview_url": space.url("application_interview", application_id=application.pk),
            "close_application_url": space.url("application_close", application_id=application.pk),
            "form": StatusMessageForm(),
            "breadcrumb_items": space.trail(
                (offer.title, space.url("offer", offer_id=offer.pk)),
                (_("Candidature"), ""),
            ),
        },
    )


def _move(
    request: AuthenticatedRequest,
    actor_slug: str | None,
    application_id: int,
    service: Any,
    done: str,
) -> HttpResponse:
    space = _space(request, actor_slug)
    application = _application_of(space, application_id)
    access_offer_applications(user=request.user, offer=application.offer)
    form = StatusMessageForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        service(application=application, by=request.user, message=message)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect(space.url("application", application_id=application.pk))


@require_POST
def application_interview(
    request: AuthenticatedRequest,
    territory_slug: str,
    application_id: int,
    actor_slug: str | None = None,
) -> HttpResponse:
    return _move(
        request,
        actor_slug,
        application_id,
        job_application_invite_interview,
        _("Un entretien est proposé : la personne candidate est prévenue."),
    )


@require_POST
def application_close(
    request: AuthenticatedRequest,
    territory_slug: str,
    application_id: int,
    actor_slug: str | None = None,
) -> HttpResponse:
    return _move(
        request,
        actor_slug,
        application_id,
        job_application_close,
        _("La candidature est close : la personne candidate est prévenue."),
    )
