"""The territory's back office for clubs: open a club, change it, close it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.clubs.access import access_clubs_as_admin
from pmvt.clubs.forms import ClubForm
from pmvt.clubs.models import Audience, ClubKind, JoinPolicy
from pmvt.clubs.selectors import club_list, club_of_territory
from pmvt.clubs.services.clubs import club_create, club_update
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

CLUBS_PER_PAGE = 50


def _gestion(territory: Territory) -> tuple[str, str]:
    return (
        _("Gestion"),
        reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug}),
    )


def _list_url(territory: Territory) -> str:
    return reverse("clubs:admin_list", kwargs={"territory_slug": territory.slug})


def admin_list(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_clubs_as_admin(user=request.user, territory=territory)
    page_obj = Paginator(
        club_list(territory=territory, include_inactive=True), CLUBS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "clubs/admin_list.html",
        {
            "territory": territory,
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": breadcrumbs(territory, _gestion(territory), (_("Clubs"), "")),
        },
    )


def admin_create(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_clubs_as_admin(user=request.user, territory=territory)
    form = ClubForm(
        request.POST or None,
        initial={
            "kind": ClubKind.OTHER,
            "join_policy": JoinPolicy.OPEN,
            "audience": Audience.EVERYONE,
            "is_active": True,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            club = club_create(territory=territory, by=request.user, **form.cleaned_data)
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "Le club est ouvert. Rejoignez-le, puis nommez ses modérateurs depuis la "
                    "liste de ses membres."
                ),
            )
            return redirect(club.get_absolute_url())
    return render(
        request,
        "clubs/admin_form.html",
        {
            "territory": territory,
            "form": form,
            "club": None,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                (_("Clubs"), _list_url(territory)),
                (_("Nouveau club"), ""),
            ),
        },
    )


def admin_edit(request: AuthenticatedRequest, territory_slug: str, club_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_clubs_as_admin(user=request.user, territory=territory)
    club = club_of_territory(territory=territory, slug=club_slug)
    if club is None:
        raise Http404
    form = ClubForm(
        request.POST or None,
        initial={
            field: getattr(club, field)
            for field in (
                "name",
                "purpose",
                "description",
                "kind",
                "join_policy",
                "audience",
                "is_active",
            )
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            club_update(club=club, by=request.user, **form.cleaned_data)
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Le club est enregistré."))
            return redirect(_list_url(territory))
    return render(
        request,
        "clubs/admin_form.html",
        {
            "territory": territory,
            "form": form,
            "club": club,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                (_("Clubs"), _list_url(territory)),
                (club.name, ""),
            ),
        },
    )
