"""Public pages: the directory of aids, one aid, "which aids for my business?", announcements."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.actors.models import Actor
from pmvt.aids.access import (
    access_actor_aids,
    access_aid_profile_as_editor,
    actors_for_aids,
    can_edit_aid_profile,
    can_manage_aids,
    can_view_aid,
)
from pmvt.aids.documents import CONTENT_TYPES
from pmvt.aids.eligibility import (
    EligibilityProfile,
    Verdict,
    eligibility_summary,
    explain,
    profile_of_actor,
    subject_for,
)
from pmvt.aids.forms import ActorChoiceForm, AidFilterForm, HeadcountForm, SimulatorForm
from pmvt.aids.models import AidScheme
from pmvt.aids.selectors import (
    aid_directory,
    aid_document,
    aid_of_territory,
    aid_profile_of,
    aids_for_profile,
    announcement_list,
    latest_announcements,
)
from pmvt.aids.services.aids import AidFieldError
from pmvt.aids.services.profiles import actor_aid_profile_set
from pmvt.core.navigation import breadcrumbs, values_trail
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

AIDS_PER_PAGE = 20
ANNOUNCEMENTS_PER_PAGE = 10


def _aids_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Aides aux acteurs"),
        reverse("aids:directory", kwargs={"territory_slug": territory.slug}),
    )


def _querystring_base(request: HttpRequest) -> str:
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return f"{querystring.urlencode()}&" if querystring else ""


def directory(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = AidFilterForm(request.GET or None, territory=territory)
    aids = aid_directory(territory=territory, filters=form.to_filters(), today=timezone.localdate())
    page_obj = Paginator(aids, AIDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "aids/directory.html",
        {
            "territory": territory,
            "current_door": "values",
            "form": form,
            "page_obj": page_obj,
            "querystring_base": _querystring_base(request),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "announcements": latest_announcements(territory=territory),
            "can_manage": can_manage_aids(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory, values_trail(territory), (_("Aides aux acteurs"), "")
            ),
        },
    )


def _visible_aid(request: HttpRequest, territory: Territory, aid_slug: str) -> AidScheme:
    aid = aid_of_territory(territory=territory, slug=aid_slug)
    if aid is None or not can_view_aid(user=request.user, aid=aid):
        raise Http404
    return aid


def detail(request: HttpRequest, territory_slug: str, aid_slug: str) -> HttpResponse:
    territory = require_territory(request)
    aid = _visible_aid(request, territory, aid_slug)
    return render(
        request,
        "aids/detail.html",
        {
            "territory": territory,
            "current_door": "values",
            "aid": aid,
            "eligibility": eligibility_summary(aid),
            "documents": list(aid.documents.all()),
            "announcements": list(aid.announcements.filter(published_at__isnull=False)),
            "can_manage": can_manage_aids(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory, values_trail(territory), _aids_trail(territory), (aid.title, "")
            ),
        },
    )


def document(
    request: HttpRequest, territory_slug: str, aid_slug: str, document_id: int
) -> FileResponse:
    territory = require_territory(request)
    aid = _visible_aid(request, territory, aid_slug)
    found = aid_document(aid=aid, document_id=document_id)
    if found is None or not found.file:
        raise Http404
    # Office documents are downloaded; a PDF opens in the browser's viewer.
    return FileResponse(
        found.file.open("rb"),
        as_attachment=found.file_format != "pdf",
        filename=f"{found.title}.{found.file_format}",
        content_type=CONTENT_TYPES.get(found.file_format, "application/octet-stream"),
    )


def announcements(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    page_obj = Paginator(announcement_list(territory=territory), ANNOUNCEMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "aids/announcements.html",
        {
            "territory": territory,
            "current_door": "values",
            "page_obj": page_obj,
            "querystring_base": "",
            "can_manage": can_manage_aids(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory,
                values_trail(territory),
                _aids_trail(territory),
                (_("Annonces de la collectivité"), ""),
            ),
        },
    )


# --- which aids for my business? ---------------------------------------------------------------


def _results(
    request: HttpRequest, territory: Territory, profile: EligibilityProfile
) -> tuple[object, list[tuple[AidScheme, Verdict]]]:
    aids = aids_for_profile(territory=territory, profile=profile, today=timezone.localdate())
    page_obj = Paginator(aids, AIDS_PER_PAGE).get_page(request.GET.get("page"))
    return page_obj, [(aid, explain(aid, profile)) for aid in page_obj.object_list]


def _chosen_actor(request: HttpRequest, actors: list[Actor]) -> Actor:
    wanted = request.GET.get("acteur", "")
    return next((actor for actor in actors if actor.slug == wanted), actors[0])


def my_aids(request: HttpRequest, territory_slug: str) -> HttpResponse:
    """The aids for the user's verified actor; for everyone else, or on demand, the simulator."""
    territory = require_territory(request)
    actors = actors_for_aids(user=request.user, territory=territory)
    simulate = not actors or "simuler" in request.GET
    context = {
        "territory": territory,
        "current_door": "values",
        "actors": actors,
        "simulate": simulate,
        "breadcrumb_items": breadcrumbs(
            territory,
            values_trail(territory),
            _aids_trail(territory),
            (_("Quelles aides pour mon entreprise ?"), ""),
        ),
    }
    if simulate:
        # A radio left unchecked is not sent: any field of the form means it was submitted.
        submitted = any(name in request.GET for name in SimulatorForm.base_fields)
        form = SimulatorForm(request.GET if submitted else None, territory=territory)
        context["form"] = form
        if submitted and form.is_valid():
            profile = form.profile()
            context["page_obj"], context["results"] = _results(request, territory, profile)
            context["subject"] = subject_for(profile.kind)
            context["headcount_unknown"] = not profile.headcount
            context["querystring_base"] = _querystring_base(request)
        return render(request, "aids/my_aids.html", context, status=400 if form.errors else 200)
    actor = _chosen_actor(request, actors)
    access_actor_aids(user=request.user, actor=actor)
    aid_profile = aid_profile_of(actor=actor)
    headcount = aid_profile.headcount_range if aid_profile else ""
    profile = profile_of_actor(actor, headcount=headcount)
    context["page_obj"], context["results"] = _results(request, territory, profile)
    context.update(
        {
            "actor": actor,
            "subject": subject_for(profile.kind),
            "headcount_unknown": not headcount,
            "headcount_label": (
                aid_profile.get_headcount_range_display() if aid_profile and headcount else ""
            ),
            "choice_form": ActorChoiceForm(initial={"acteur": actor.slug}, actors=actors),
            "headcount_form": HeadcountForm(initial={"effectif": headcount}),
            "can_edit_profile": can_edit_aid_profile(user=request.user, actor=actor),
            "querystring_base": f"acteur={actor.slug}&",
        }
    )
    return render(request, "aids/my_aids.html", context)


@require_POST
def my_headcount(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    actors = actors_for_aids(user=request.user, territory=territory)
    actor = next((a for a in actors if a.slug == request.POST.get("acteur")), None)
    if actor is None:
        raise Http404
    access_aid_profile_as_editor(user=request.user, actor=actor)
    form = HeadcountForm(request.POST)
    back = reverse("aids:my_aids", kwargs={"territory_slug": territory.slug})
    if not form.is_valid():
        messages.error(request, _("Choisissez une tranche d'effectif de la liste."))
    else:
        try:
            actor_aid_profile_set(
                actor=actor, by=request.user, headcount_range=form.cleaned_data["effectif"]
            )
        except AidFieldError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request, _("L'effectif est enregistré : la liste des aides est à jour.")
            )
    return redirect(f"{back}?acteur={actor.slug}")
