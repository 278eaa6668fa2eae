"""The clubs of the territory, a club's page with its threads, joining and leaving, members."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import can_administer_territory
from pmvt.clubs.access import access_club_content, club_membership_of
from pmvt.clubs.forms import CategoryFilterForm
from pmvt.clubs.models import MembershipStatus
from pmvt.clubs.selectors import (
    club_event_candidates,
    club_events,
    club_list,
    club_members,
    club_resources,
    club_threads,
    my_club_memberships,
)
from pmvt.clubs.services.memberships import club_join, club_leave
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs, values_trail
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory

from ._common import club_context, club_or_404, club_trail

CLUBS_PER_PAGE = 20
THREADS_PER_PAGE = 20
MEMBERS_PER_PAGE = 50
PINNED_RESOURCES_ON_CLUB_PAGE = 5


def club_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    page_obj = Paginator(club_list(territory=territory), CLUBS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    mine = my_club_memberships(user=request.user, territory=territory)
    return render(
        request,
        "clubs/list.html",
        {
            "territory": territory,
            "current_door": "values",
            "page_obj": page_obj,
            "rows": [(club, mine.get(club.pk)) for club in page_obj.object_list],
            "querystring_base": "",
            "can_administer": can_administer_territory(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(territory, values_trail(territory), (_("Clubs"), "")),
        },
    )


def club_detail(request: HttpRequest, territory_slug: str, club_slug: str) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    context = club_context(request, club, "discussions")
    if context["can_read"]:
        form = CategoryFilterForm(request.GET or None, club=club)
        category = form.cleaned_data["categorie"] if form.is_valid() else ""
        page_obj = Paginator(
            club_threads(club=club, user=request.user, category=category), THREADS_PER_PAGE
        ).get_page(request.GET.get("page"))
        context.update(
            filter_form=form,
            category=category,
            page_obj=page_obj,
            querystring_base=f"categorie={category}&" if category else "",
            pinned_resources=list(
                club_resources(club=club).filter(pinned=True)[:PINNED_RESOURCES_ON_CLUB_PAGE]
            ),
            events=club_events(club=club),
            event_candidates=(
                list(club_event_candidates(club=club)[:50]) if context["can_manage"] else []
            ),
        )
    context["breadcrumb_items"] = club_trail(territory, club)
    return render(request, "clubs/detail.html", context)


@require_POST
def club_join_view(request: HttpRequest, territory_slug: str, club_slug: str) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(club.get_absolute_url())
    try:
        membership = club_join(club=club, user=request.user)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(club.get_absolute_url())
    if membership.status == MembershipStatus.ACTIVE:
        messages.success(
            request,
            _("Bienvenue au %(club)s : vous pouvez lire et écrire dans le club.")
            % {"club": club.name},
        )
    else:
        messages.success(
            request,
            _(
                "Votre demande est envoyée aux modérateurs du club. Vous recevrez une "
                "notification dès qu'ils l'auront examinée."
            ),
        )
    return redirect(club.get_absolute_url())


@require_POST
def club_leave_view(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    before = club_membership_of(user=request.user, club=club)
    club_leave(club=club, user=request.user)
    if before is not None and before.status == MembershipStatus.PENDING:
        messages.success(request, _("Votre demande d'adhésion est retirée."))
    else:
        messages.success(request, _("Vous avez quitté le %(club)s.") % {"club": club.name})
    return redirect(club.get_absolute_url())


def club_members_view(request: HttpRequest, territory_slug: str, club_slug: str) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_content(user=request.user, club=club)
    context = club_context(request, club, "membres")
    page_obj = Paginator(club_members(club=club), MEMBERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context.update(
        page_obj=page_obj,
        querystring_base="",
        breadcrumb_items=club_trail(territory, club, (_("Membres"), "")),
    )
    return render(request, "clubs/members.html", context)
