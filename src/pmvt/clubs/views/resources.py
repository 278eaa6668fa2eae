"""A club's resources: the list, sharing a link or a document, downloading, pinning, removing."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.clubs.access import access_club_content, access_club_post, can_manage_club
from pmvt.clubs.documents import CONTENT_TYPES
from pmvt.clubs.forms import ResourceForm
from pmvt.clubs.models import Club, DocumentType, Resource
from pmvt.clubs.selectors import club_resources
from pmvt.clubs.services.resources import resource_add, resource_remove, resource_set_pinned
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory

from ._common import club_context, club_or_404, club_trail

RESOURCES_PER_PAGE = 20
# Shown in the browser; the other formats are downloaded.
INLINE_TYPES = {DocumentType.PDF, DocumentType.JPEG, DocumentType.PNG, DocumentType.WEBP}


def _resources_url(club: Club) -> str:
    return reverse(
        "clubs:resources", kwargs={"territory_slug": club.territory.slug, "club_slug": club.slug}
    )


def _resource(club: Club, resource_id: int) -> Resource:
    resource = club_resources(club=club).filter(pk=resource_id).first()
    if resource is None:
        raise Http404
    return resource


def resource_list(request: HttpRequest, territory_slug: str, club_slug: str) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_content(user=request.user, club=club)
    page_obj = Paginator(club_resources(club=club), RESOURCES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = club_context(request, club, "ressources")
    context.update(
        page_obj=page_obj,
        querystring_base="",
        breadcrumb_items=club_trail(territory, club, (_("Ressources"), "")),
    )
    return render(request, "clubs/resources.html", context)


def resource_new(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_post(user=request.user, club=club)
    can_pin = can_manage_club(user=request.user, club=club)
    form = ResourceForm(request.POST or None, request.FILES or None, can_pin=can_pin)
    if request.method == "POST" and form.is_valid():
        try:
            resource_add(
                club=club,
                by=request.user,
                title=form.cleaned_data["title"],
                url=form.cleaned_data["url"],
                document=form.cleaned_data["document"],
                description=form.cleaned_data["description"],
                pinned=form.cleaned_data.get("pinned", False),
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("La ressource est partagée avec les membres du club."))
            return redirect(_resources_url(club))
    context = club_context(request, club, "ressources")
    context.update(
        form=form,
        breadcrumb_items=club_trail(
            territory, club, (_("Ressources"), _resources_url(club)), (_("Partager"), "")
        ),
    )
    return render(request, "clubs/resource_form.html", context)


def resource_download(
    request: HttpRequest, territory_slug: str, club_slug: str, resource_id: int
) -> HttpResponseBase:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_content(user=request.user, club=club)
    resource = _resource(club, resource_id)
    if not resource.is_document:
        raise Http404
    try:
        handle = resource.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    document_type = DocumentType(resource.document_type)
    response = FileResponse(
        handle,
        as_attachment=document_type not in INLINE_TYPES,
        filename=f"{slugify(resource.title) or 'document'}.{document_type.value}",
        content_type=CONTENT_TYPES[document_type],
    )
    # Members-only content: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def resource_remove_view(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, resource_id: int
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_content(user=request.user, club=club)
    resource = _resource(club, resource_id)
    resource_remove(resource=resource, by=request.user)
    messages.success(request, _("La ressource est retirée."))
    return redirect(_resources_url(club))


@require_POST
def resource_pin(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, resource_id: int
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    resource = _resource(club, resource_id)
    pinned = request.POST.get("epingler") == "1"
    resource_set_pinned(resource=resource, by=request.user, pinned=pinned)
    if pinned:
        messages.success(request, _("La ressource est épinglée."))
    else:
        messages.success(request, _("La ressource n'est plus épinglée."))
    return redirect(_resources_url(club))
