"""The club's moderators: membership requests, removing a member, naming moderators."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.clubs.access import access_club_manage
from pmvt.clubs.formatting import person_name
from pmvt.clubs.forms import ReasonForm, RefusalForm, RoleForm
from pmvt.clubs.models import Club, ClubMembership, MembershipRole, MembershipStatus
from pmvt.clubs.selectors import club_pending_requests
from pmvt.clubs.services.memberships import (
    membership_approve,
    membership_refuse,
    membership_remove,
    membership_set_role,
)
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory

from ._common import club_context, club_or_404, club_trail

REQUESTS_PER_PAGE = 50


def _url(club: Club, name: str) -> str:
    return reverse(name, kwargs={"territory_slug": club.territory.slug, "club_slug": club.slug})


def _membership(club: Club, membership_id: int, status: str) -> ClubMembership:
    membership = (
        ClubMembership.objects.filter(club=club, pk=membership_id, status=status)
        .select_related("user", "club__territory")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def requests_view(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_manage(user=request.user, club=club)
    page_obj = Paginator(club_pending_requests(club=club), REQUESTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = club_context(request, club, "demandes")
    context.update(
        page_obj=page_obj,
        querystring_base="",
        refusal_form=RefusalForm(),
        breadcrumb_items=club_trail(territory, club, (_("Demandes d'adhésion"), "")),
    )
    return render(request, "clubs/requests.html", context)


@require_POST
def request_approve(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, membership_id: int
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_manage(user=request.user, club=club)
    membership = _membership(club, membership_id, MembershipStatus.PENDING)
    membership_approve(membership=membership, by=request.user)
    messages.success(
        request,
        _("%(person)s est désormais membre du club.") % {"person": person_name(membership.user)},
    )
    return redirect(_url(club, "clubs:requests"))


@require_POST
def request_refuse(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, membership_id: int
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_manage(user=request.user, club=club)
    membership = _membership(club, membership_id, MembershipStatus.PENDING)
    form = RefusalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Le motif ne doit pas dépasser 1000 caractères."))
        return redirect(_url(club, "clubs:requests"))
    membership_refuse(membership=membership, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(
        request,
        _("La demande de %(person)s est refusée.") % {"person": person_name(membership.user)},
    )
    return redirect(_url(club, "clubs:requests"))


def member_remove(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, membership_id: int
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_manage(user=request.user, club=club)
    membership = _membership(club, membership_id, MembershipStatus.ACTIVE)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership_remove(
                membership=membership, by=request.user, reason=form.cleaned_data["reason"]
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(person)s ne fait plus partie du club ; la personne en est informée.")
                % {"person": person_name(membership.user)},
            )
            return redirect(_url(club, "clubs:members"))
    context = club_context(request, club, "membres")
    context.update(
        form=form,
        member=membership,
        breadcrumb_items=club_trail(
            territory,
            club,
            (_("Membres"), _url(club, "clubs:members")),
            (_("Retirer un membre"), ""),
        ),
    )
    return render(request, "clubs/member_remove.html", context)


@require_POST
def member_role(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, membership_id: int
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_manage(user=request.user, club=club)
    membership = _membership(club, membership_id, MembershipStatus.ACTIVE)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle."))
        return redirect(_url(club, "clubs:members"))
    try:
        membership_set_role(membership=membership, by=request.user, role=form.cleaned_data["role"])
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        if form.cleaned_data["role"] == MembershipRole.MODERATOR:
            message = _("%(person)s modère désormais le club.")
        else:
            message = _("%(person)s est désormais membre, sans rôle de modération.")
        messages.success(request, message % {"person": person_name(membership.user)})
    return redirect(_url(club, "clubs:members"))
