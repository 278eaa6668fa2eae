"""The territory's back office for aids: write aid schemes, attach documents, publish them, and
write the collectivité's announcements."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.aids.access import access_aids_as_admin
from pmvt.aids.forms import AidDocumentForm, AidForm, AnnouncementForm
from pmvt.aids.models import AidScheme, Announcement
from pmvt.aids.selectors import (
    aid_admin_list,
    aid_document,
    aid_of_territory,
    announcement_admin_list,
    announcement_of_territory,
)
from pmvt.aids.services.aids import (
    AidFieldError,
    aid_create,
    aid_document_add,
    aid_document_remove,
    aid_publish,
    aid_unpublish,
    aid_update,
)
from pmvt.aids.services.announcements import (
    announcement_create,
    announcement_delete,
    announcement_update,
)
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

ADMIN_PER_PAGE = 25


def _gestion(territory: Territory) -> tuple[str, str]:
    return (
        _("Gestion"),
        reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug}),
    )


def _admin_list_trail(territory: Territory) -> tuple[str, str]:
    return (_("Aides"), reverse("aids:admin_list", kwargs={"territory_slug": territory.slug}))


def _announcements_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Annonces"),
        reverse("aids:admin_announcements", kwargs={"territory_slug": territory.slug}),
    )


def _aid(territory: Territory, slug: str) -> AidScheme:
    aid = aid_of_territory(territory=territory, slug=slug)
    if aid is None:
        raise Http404
    return aid


def _announcement(territory: Territory, pk: int) -> Announcement:
    announcement = announcement_of_territory(territory=territory, pk=pk)
    if announcement is None:
        raise Http404
    return announcement


def _report(form: Any, error: ApplicationError) -> None:
    """Show a service error beside its field when it names one, else at the top."""
    field = getattr(error, "field", None)
    if isinstance(error, AidFieldError) and field in form.fields:
        form.add_error(field, str(error.message))
    else:
        form.add_error(None, str(error.message))


# --- aids -------------------------------------------------------------------------------------


def admin_list(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    page_obj = Paginator(aid_admin_list(territory=territory), ADMIN_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "aids/admin_list.html",
        {
            "territory": territory,
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": breadcrumbs(territory, _gestion(territory), (_("Aides"), "")),
        },
    )


def admin_create(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    form = AidForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            aid = aid_create(
                territory=territory,
                by=request.user,
                is_published=form.cleaned_data["is_published"],
                **form.service_kwargs(),
            )
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(
                request,
                _("L'aide est enregistrée. Vous pouvez maintenant y joindre des documents."),
            )
            return redirect(aid.get_admin_url())
    return render(
        request,
        "aids/admin_form.html",
        {
            "territory": territory,
            "form": form,
            "aid": None,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                _admin_list_trail(territory),
                (_("Nouvelle aide"), ""),
            ),
        },
        status=400 if form.errors else 200,
    )


def _edit_page(
    request: AuthenticatedRequest,
    territory: Territory,
    aid: AidScheme,
    *,
    form: AidForm,
    document_form: AidDocumentForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "aids/admin_form.html",
        {
            "territory": territory,
            "form": form,
            "document_form": document_form,
            "aid": aid,
            "documents": list(aid.documents.all()),
            "breadcrumb_items": breadcrumbs(
                territory, _gestion(territory), _admin_list_trail(territory), (aid.title, "")
            ),
        },
        status=status,
    )


def admin_edit(request: AuthenticatedRequest, territory_slug: str, aid_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    aid = _aid(territory, aid_slug)
    form = AidForm(
        request.POST or None,
        territory=territory,
        creating=False,
        initial=AidForm.initial_for(aid),
    )
    if request.method == "POST" and form.is_valid():
        try:
            aid_update(aid=aid, by=request.user, **form.service_kwargs())
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(request, _("L'aide est enregistrée."))
            return redirect(aid.get_admin_url())
    return _edit_page(
        request,
        territory,
        aid,
        form=form,
        document_form=AidDocumentForm(prefix="document"),
        status=400 if form.errors else 200,
    )


@require_POST
def admin_publish(
    request: AuthenticatedRequest, territory_slug: str, aid_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    aid = _aid(territory, aid_slug)
    if request.POST.get("publier") == "oui":
        aid_publish(aid=aid, by=request.user)
        messages.success(request, _("L'aide est publiée : elle paraît dans l'annuaire des aides."))
    else:
        aid_unpublish(aid=aid, by=request.user)
        messages.success(
            request, _("L'aide n'est plus publiée : seuls les administrateurs la voient.")
        )
    return redirect(aid.get_admin_url())


@require_POST
def admin_document_add(
    request: AuthenticatedRequest, territory_slug: str, aid_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    aid = _aid(territory, aid_slug)
    document_form = AidDocumentForm(request.POST, request.FILES, prefix="document")
    if document_form.is_valid():
        data = document_form.cleaned_data
        try:
            aid_document_add(
                aid=aid, by=request.user, title=data["title"], upload=data["file"], url=data["url"]
            )
        except ApplicationError as error:
            _report(document_form, error)
        else:
            messages.success(request, _("Le document est ajouté."))
            return redirect(f"{aid.get_admin_url()}#documents")
    form = AidForm(territory=territory, creating=False, initial=AidForm.initial_for(aid))
    return _edit_page(request, territory, aid, form=form, document_form=document_form, status=400)


@require_POST
def admin_document_remove(
    request: AuthenticatedRequest, territory_slug: str, aid_slug: str, document_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    aid = _aid(territory, aid_slug)
    document = aid_document(aid=aid, document_id=document_id)
    if document is None:
        raise Http404
    aid_document_remove(document=document, by=request.user)
    messages.success(request, _("Le document est retiré."))
    return redirect(f"{aid.get_admin_url()}#documents")


# --- announcements ----------------------------------------------------------------------------


def admin_announcements(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    page_obj = Paginator(announcement_admin_list(territory=territory), ADMIN_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "aids/admin_announcements.html",
        {
            "territory": territory,
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": breadcrumbs(
                territory, _gestion(territory), _admin_list_trail(territory), (_("Annonces"), "")
            ),
        },
    )


def _announcement_page(
    request: AuthenticatedRequest,
    territory: Territory,
    announcement: Announcement | None,
) -> HttpResponse:
    initial = AnnouncementForm.initial_for(announcement) if announcement else {}
    form = AnnouncementForm(request.POST or None, territory=territory, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "title": data["title"],
            "body": data["body"],
            "aid": data["aid"],
            "publish": data["publish"],
        }
        try:
            if announcement is None:
                announcement_create(territory=territory, by=request.user, **values)
            else:
                announcement_update(announcement=announcement, by=request.user, **values)
        except ApplicationError as error:
            _report(form, error)
        else:
            messages.success(request, _("L'annonce est enregistrée."))
            return redirect("aids:admin_announcements", territory_slug=territory.slug)
    title = announcement.title if announcement else _("Nouvelle annonce")
    return render(
        request,
        "aids/admin_announcement_form.html",
        {
            "territory": territory,
            "form": form,
            "announcement": announcement,
            "page_title": title,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                _admin_list_trail(territory),
                _announcements_trail(territory),
                (title, ""),
            ),
        },
        status=400 if form.errors else 200,
    )


def admin_announcement_create(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    return _announcement_page(request, territory, None)


def admin_announcement_edit(
    request: AuthenticatedRequest, territory_slug: str, announcement_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    return _announcement_page(request, territory, _announcement(territory, announcement_id))


@require_POST
def admin_announcement_delete(
    request: AuthenticatedRequest, territory_slug: str, announcement_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_aids_as_admin(user=request.user, territory=territory)
    announcement = _announcement(territory, announcement_id)
    announcement_delete(announcement=announcement, by=request.user)
    messages.success(request, _("L'annonce est supprimée."))
    return redirect("aids:admin_announcements", territory_slug=territory.slug)
