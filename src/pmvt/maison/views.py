"""Pages of the Maison: landing, a need's suggestions and invitations, my projects, my invitations.

Thin views: parse, authorise (pmvt.maison.access), call the services, redirect with a message.
Every form is a plain POST that works without JavaScript.
"""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs, maison_trail, values_trail
from pmvt.core.requests import AuthenticatedRequest
from pmvt.maison import matching, selectors
from pmvt.maison.access import (
    access_need_as_team,
    can_answer,
)
from pmvt.maison.models import Direction, Invitation, InvitationStatus
from pmvt.maison.presentation import (
    show_invited_person,
    show_profile,
)
from pmvt.maison.services.invitations import (
    contribution_hours_record,
    help_offer,
    invitation_accept,
    invitation_decline,
    invitation_send,
    invitation_withdraw,
    parse_hours,
)
from pmvt.projects.models import Need
from pmvt.skills.models import SkillProfile
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

OPEN_NEEDS_ON_HOME = 6
PROJECTS_ON_HOME = 4
WORKSHOPS_ON_HOME = 3
FOR_YOU_ON_HOME = 3
SUGGESTIONS = 10


def _trail(territory: Territory, *steps: tuple[str, str]) -> list[tuple[str, str]]:
    return breadcrumbs(territory, values_trail(territory), maison_trail(territory), *steps)


def _links(territory: Territory) -> dict[str, str]:
    slug = territory.slug
    return {
        "my_profile": reverse("skills:my_profile", kwargs={"territory_slug": slug}),
        "skills": reverse("skills:list", kwargs={"territory_slug": slug}),
        "asset_create": reverse("assets:create", kwargs={"territory_slug": slug}),
        "assets": reverse("assets:list", kwargs={"territory_slug": slug}),
        "project_create": reverse("projects:create", kwargs={"territory_slug": slug}),
        "projects": reverse("projects:list", kwargs={"territory_slug": slug}),
        "workshops": reverse("workshops:list", kwargs={"territory_slug": slug}),
        "for_me": reverse("maison:for_me", kwargs={"territory_slug": slug}),
        "invitations": reverse("maison:invitations", kwargs={"territory_slug": slug}),
    }


def _need_or_404(territory: Territory, need_id: int) -> Need:
    need = selectors.need_of_territory(territory=territory, need_id=need_id)
    if need is None:
        raise Http404
    return need


def _invitation_or_404(territory: Territory, invitation_id: int) -> Invitation:
    invitation = selectors.invitation_of_territory(territory=territory, invitation_id=invitation_id)
    if invitation is None:
        raise Http404
    return invitation


def home(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    needs = list(selectors.open_needs(territory=territory)[:OPEN_NEEDS_ON_HOME])
    for_you: list[matching.Suggestion] = []
    has_profile = False
    profile = selectors.profile_of(territory=territory, user=request.user)
    if profile is not None:
        has_profile = True
        for_you = matching.suggest_needs(profile=profile, limit=FOR_YOU_ON_HOME)
    return render(
        request,
        "maison/home.html",
        {
            "territory": territory,
            "current_door": "values",
            "needs": needs,
            "open_need_count": selectors.open_needs(territory=territory).count(),
            "projects": selectors.recent_projects(territory=territory, limit=PROJECTS_ON_HOME),
            "workshops": selectors.upcoming_workshops(territory=territory, limit=WORKSHOPS_ON_HOME),
            "for_you": for_you,
            "has_profile": has_profile,
            "links": _links(territory),
            "breadcrumb_items": breadcrumbs(
                territory, values_trail(territory), (_("Maison de création de valeur"), "")
            ),
        },
    )


def _people_rows(
    request: HttpRequest, suggestions: list[matching.Suggestion]
) -> list[dict[str, Any]]:
    profiles = [s.profile for s in suggestions if s.profile is not None]
    homes = (
        selectors.home_communes(
            territory=profiles[0].territory, user_ids=[p.user_id for p in profiles]
        )
        if profiles
        else {}
    )
    rows = []
    for suggestion in suggestions:
        assert suggestion.profile is not None
        rows.append(
            {
                "suggestion": suggestion,
                "shown": show_profile(
                    viewer=request.user,
                    profile=suggestion.profile,
                    home=homes.get(suggestion.profile.user_id),
                ),
            }
        )
    return rows


def need_suggestions(request: HttpRequest, territory_slug: str, need_id: int) -> HttpResponse:
    territory = require_territory(request)
    need = _need_or_404(territory, need_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access_need_as_team(user=request.user, need=need)
    people = matching.suggest_people(need=need, limit=SUGGESTIONS)
    assets = matching.suggest_assets(need=need, limit=SUGGESTIONS)
    return render(
        request,
        "maison/need_suggestions.html",
        {
            "territory": territory,
            "current_door": "values",
            "need": need,
            "project_url": reverse(
                "projects:detail",
                kwargs={"territory_slug": territory.slug, "project_slug": need.project.slug},
            ),
            "people": _people_rows(request, people),
            "assets": assets,
            "is_people_need": need.kind in matching.PEOPLE_KINDS,
            "breadcrumb_items": _trail(
                territory, (_("Suggestions : %(need)s") % {"need": need.title}, "")
            ),
        },
    )


def _message(request: HttpRequest, key: str = "message") -> str:
    return str(request.POST.get(key, ""))


@require_POST
def invite(request: HttpRequest, territory_slug: str, need_id: int) -> HttpResponse:
    territory = require_territory(request)
    need = _need_or_404(territory, need_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access_need_as_team(user=request.user, need=need)
    back = reverse(
        "maison:need_suggestions", kwargs={"territory_slug": territory.slug, "need_id": need.pk}
    )
    person = asset = None
    suggestion: matching.Suggestion | None = None
    if request.POST.get("profile"):
        profile = (
            selectors.matchable_profiles(territory=territory)
            .filter(pk=_int(request.POST.get("profile")))
            .first()
        )
        if profile is None:
            raise Http404
        person = profile.user
        home = selectors.home_communes(territory=territory, user_ids=[profile.user_id])
        suggestion = matching.score_pair(need=need, profile=profile, home=home.get(profile.user_id))
    elif request.POST.get("asset"):
        chosen = _int(request.POST.get("asset"))
        suggestion = next(
            (
                s
                for s in matching.suggest_assets(need=need, limit=1000)
                if s.asset is not None and s.asset.pk == chosen
            ),
            None,
        )
        if suggestion is None:
            messages.error(request, _("Ce bien n'est plus disponible pour ce besoin."))
            return redirect(back)
        asset = suggestion.asset
    else:
        raise Http404
    try:
        invitation_send(
            need=need,
            by=request.user,
            person=person,
            asset=asset,
            message=_message(request),
            suggestion=suggestion,
        )
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(back)
    messages.success(request, _("Invitation envoyée. Vous serez prévenu de la réponse."))
    return redirect(back)


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


@login_required
def for_me(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    profile = selectors.profile_of(territory=territory, user=request.user)
    suggestions = matching.suggest_needs(profile=profile, limit=SUGGESTIONS) if profile else []
    return render(
        request,
        "maison/for_me.html",
        {
            "territory": territory,
            "current_door": "values",
            "profile": profile,
            "suggestions": suggestions,
            "links": _links(territory),
            "breadcrumb_items": _trail(territory, (_("Des projets pour moi"), "")),
        },
    )


@require_POST
def offer(request: HttpRequest, territory_slug: str, need_id: int) -> HttpResponse:
    territory = require_territory(request)
    need = _need_or_404(territory, need_id)
    back = reverse("maison:for_me", kwargs={"territory_slug": territory.slug})
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    profile = selectors.profile_of(territory=territory, user=request.user)
    suggestion = None
    if profile is not None:
        home = selectors.home_communes(territory=territory, user_ids=[request.user.pk])
        suggestion = matching.score_pair(
            need=need, profile=profile, home=home.get(request.user.pk), for_person=True
        )
    try:
        help_offer(need=need, person=request.user, message=_message(request), suggestion=suggestion)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(back)
    messages.success(
        request,
        _("Merci ! Votre proposition d'aide est envoyée à l'équipe du projet « %(project)s ».")
        % {"project": need.project.title},
    )
    return redirect("maison:invitations", territory_slug=territory.slug)


@login_required
def my_invitations(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    user = request.user
    return render(
        request,
        "maison/invitations.html",
        {
            "territory": territory,
            "current_door": "values",
            "received": list(selectors.received_invitations(territory=territory, user=user)),
            "received_assets": selectors.received_asset_invitations(territory=territory, user=user),
            "offers": list(selectors.sent_offers(territory=territory, user=user)),
            "contributions": list(selectors.my_contributions(territory=territory, user=user)),
            "today": selectors.today(),
            "links": _links(territory),
            "breadcrumb_items": _trail(territory, (_("Mes invitations"), "")),
        },
    )


def need_invitations(request: HttpRequest, territory_slug: str, need_id: int) -> HttpResponse:
    territory = require_territory(request)
    need = _need_or_404(territory, need_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access_need_as_team(user=request.user, need=need)
    invitations = list(selectors.need_invitations(need=need))
    user_ids = [i.person_id for i in invitations if i.person_id is not None]
    profiles = {
        p.user_id: p
        for p in SkillProfile.objects.filter(territory=territory, user_id__in=user_ids)
        .select_related("user", "territory")
        .prefetch_related("communes")
    }
    # The viewer's roles, once: the rows' permissions then cost no query.
    user = request.user
    in_team = selectors.is_team_member(user=user, project=need.project)
    carrier = selectors.is_carrier(user=user, project=need.project)
    rows = []
    for invitation in invitations:
        pending = invitation.status == InvitationStatus.PENDING
        offered = invitation.direction == Direction.PERSON_OFFERS
        own = invitation.person_id == user.pk
        if offered:
            answers = in_team
        elif invitation.person_id is not None:
            answers = own
        else:
            answers = can_answer(user=user, invitation=invitation)
        rows.append(
            {
                "invitation": invitation,
                "shown": show_invited_person(
                    viewer=user, invitation=invitation, profile=profiles.get(invitation.person_id)
                )
                if invitation.person_id is not None
                else None,
                "can_answer": pending and answers,
                "can_withdraw": pending and (own if offered else in_team),
                "can_record": invitation.status == InvitationStatus.ACCEPTED
                and invitation.person_id is not None
                and (own or carrier),
            }
        )
    return render(
        request,
        "maison/need_invitations.html",
        {
            "territory": territory,
            "current_door": "values",
            "need": need,
            "rows": rows,
            "today": selectors.today(),
            "breadcrumb_items": _trail(
                territory, (_("Invitations : %(need)s") % {"need": need.title}, "")
            ),
        },
    )


def _back(request: HttpRequest, territory: Territory, invitation: Invitation) -> str:
    if request.POST.get("next") == "need":
        return reverse(
            "maison:need_invitations",
            kwargs={"territory_slug": territory.slug, "need_id": invitation.need_id},
        )
    return reverse("maison:invitations", kwargs={"territory_slug": territory.slug})


def _answer_view(
    request: HttpRequest, territory_slug: str, invitation_id: int, action: str
) -> HttpResponse:
    territory = require_territory(request)
    invitation = _invitation_or_404(territory, invitation_id)
    back = _back(request, territory, invitation)
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    user = request.user
    try:
        if action == "accept":
            invitation_accept(invitation=invitation, by=user, answer=_message(request, "answer"))
            done = _("Réponse envoyée : vous avez accepté.")
        elif action == "decline":
            invitation_decline(invitation=invitation, by=user, answer=_message(request, "answer"))
            done = _("Réponse envoyée : vous avez décliné.")
        else:
            invitation_withdraw(invitation=invitation, by=user)
            done = _("C'est retiré.")
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(back)
    messages.success(request, done)
    return redirect(back)


@require_POST
def accept(request: HttpRequest, territory_slug: str, invitation_id: int) -> HttpResponse:
    return _answer_view(request, territory_slug, invitation_id, "accept")


@require_POST
def decline(request: HttpRequest, territory_slug: str, invitation_id: int) -> HttpResponse:
    return _answer_view(request, territory_slug, invitation_id, "decline")


@require_POST
def withdraw(request: HttpRequest, territory_slug: str, invitation_id: int) -> HttpResponse:
    return _answer_view(request, territory_slug, invitation_id, "withdraw")


@require_POST
def record_hours(request: HttpRequest, territory_slug: str, invitation_id: int) -> HttpResponse:
    territory = require_territory(request)
    invitation = _invitation_or_404(territory, invitation_id)
    back = _back(request, territory, invitation)
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    try:
        given_on = _date(request.POST.get("given_on"))
        hours = parse_hours(request.POST.get("hours", ""))
        contribution_hours_record(
            invitation=invitation,
            by=request.user,
            given_on=given_on,
            hours=hours,
            note=_message(request, "note"),
        )
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(back)
    messages.success(request, _("Merci ! Les heures données sont enregistrées."))
    return redirect(back)


def _date(value: object) -> date:
    from pmvt.maison.errors import HoursFieldError

    try:
        return date.fromisoformat(str(value or ""))
    except ValueError as error:
        raise HoursFieldError(_("Indiquez une date valide."), field="given_on") from error
