"""The professional space: registering an activity, the seller back office, the team."""

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.models import User
from pmvt.actors.access import (
    access_actor_back_office_as_staff,
    access_actor_page_as_editor,
    access_actor_staff_as_owner,
    actors_of_user,
    can_edit_actor_page,
    staff_role_of,
)
from pmvt.actors.capla import capla_family_for_naf
from pmvt.actors.forms import (
    ActorPageForm,
    AttendForm,
    ClosureForm,
    InviteForm,
    OnboardingForm,
    OpeningHoursForm,
    PhotoForm,
    StaffRoleForm,
)
from pmvt.actors.models import (
    Actor,
    ActorInvitation,
    ActorPhoto,
    ActorStaff,
    Closure,
    OpeningHours,
    StaffRole,
)
from pmvt.actors.selectors import (
    actor_of_territory,
    actor_pending_invitations,
    actor_team,
    market_list,
    market_of_territory,
    stalls_of_actor,
)
from pmvt.actors.services.actors import actor_register, actor_update_page
from pmvt.actors.services.markets import market_stall_remove, market_stall_set
from pmvt.actors.services.page import (
    actor_closure_add,
    actor_closure_remove,
    actor_opening_hours_set,
    actor_photo_add,
    actor_photo_remove,
)
from pmvt.actors.services.staff import (
    actor_invite,
    actor_staff_remove,
    actor_staff_set_role,
    invitation_accept,
    invitation_check,
    invitation_find,
    invitation_revoke,
)
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory


def _actor(
    request: HttpRequest, actor_slug: str, access: Callable[..., None]
) -> tuple[Territory, Actor]:
    """The territory, its actor named in the URL (404 otherwise), checked with `access`."""
    territory = require_territory(request)
    actor = actor_of_territory(territory=territory, slug=actor_slug)
    if actor is None:
        raise Http404
    access(user=request.user, actor=actor)
    return territory, actor


def _pro_index_url(territory: Territory) -> str:
    return reverse("actors:pro_index", kwargs={"territory_slug": territory.slug})


def _pro_trail(territory: Territory, actor: Actor, *trail: tuple[str, str]) -> list:
    items = [(_("Espace pro"), _pro_index_url(territory))]
    if trail:
        items.append((actor.display_name, _url("actors:pro_home", actor)))
        items.extend(trail)
    else:
        items.append((actor.display_name, ""))
    return breadcrumbs(territory, *items)


def _url(name: str, actor: Actor, **kwargs: object) -> str:
    return reverse(
        name,
        kwargs={"territory_slug": actor.territory.slug, "actor_slug": actor.slug, **kwargs},
    )


# --- my actors, registration ------------------------------------------------------------------


def pro_index(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(
        request,
        "actors/pro_index.html",
        {
            "territory": territory,
            "actors": actors_of_user(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(territory, (_("Espace pro"), "")),
        },
    )


def onboarding(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = cast(User, request.user)
    form = OnboardingForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            actor = actor_register(territory=territory, by=user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "Votre activité est enregistrée. Le territoire va la vérifier avant de "
                    "publier votre page ; vous recevrez une notification."
                ),
            )
            return redirect(_url("actors:pro_home", actor))
    return render(
        request,
        "actors/onboarding.html",
        {
            "territory": territory,
            "current_door": "market",
            "form": form,
            "breadcrumb_items": breadcrumbs(
                territory,
                (
                    _("Place des marchés"),
                    reverse("portal:market", kwargs={"territory_slug": territory.slug}),
                ),
                (_("Inscrire mon activité"), ""),
            ),
        },
    )


# --- the back-office home ---------------------------------------------------------------------


def pro_home(request: HttpRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _actor(request, actor_slug, access_actor_back_office_as_staff)
    role = staff_role_of(user=request.user, actor=actor)
    return render(
        request,
        "actors/pro_home.html",
        {
            "territory": territory,
            "actor": actor,
            "role_label": StaffRole(role).label if role else _("Opérateur de la plateforme"),
            "can_edit_page": can_edit_actor_page(user=request.user, actor=actor),
            "can_manage_staff": role == StaffRole.OWNER or request.user.is_superuser,
            "breadcrumb_items": _pro_trail(territory, actor),
        },
    )


# --- the page: details, hours, closures, photos -----------------------------------------------


def pro_page(request: AuthenticatedRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _actor(request, actor_slug, access_actor_page_as_editor)
    derived = capla_family_for_naf(actor.naf_code) if actor.naf_code else ""
    form = ActorPageForm(request.POST or None, actor=actor, derived_family=derived)
    if request.method == "POST" and form.is_valid():
        try:
            actor_update_page(actor=actor, by=request.user, values=form.cleaned_data)
        except ApplicationError as error:
            form.add_service_error(error)
            actor.refresh_from_db()
        else:
            messages.success(request, _("La page a été enregistrée."))
            return redirect(_url("actors:pro_page", actor))
    return render(
        request,
        "actors/pro_page.html",
        {
            "territory": territory,
            "actor": actor,
            "form": form,
            "breadcrumb_items": _pro_trail(territory, actor, (_("Ma page"), "")),
        },
    )


def pro_hours(request: AuthenticatedRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _actor(request, actor_slug, access_actor_page_as_editor)
    current = [(h.weekday, h.opens, h.closes) for h in OpeningHours.objects.filter(actor=actor)]
    form = OpeningHoursForm(request.POST or None, hours=current)
    if request.method == "POST" and form.is_valid():
        try:
            actor_opening_hours_set(actor=actor, by=request.user, hours=form.ranges())
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Les horaires d'ouverture ont été enregistrés."))
            return redirect(_url("actors:pro_hours", actor))
    return render(
        request,
        "actors/pro_hours.html",
        {
            "territory": territory,
            "actor": actor,
            "form": form,
            "breadcrumb_items": _pro_trail(
                territory,
                actor,
                (_("Ma page"), _url("actors:pro_page", actor)),
                (_("Horaires d'ouverture"), ""),
            ),
        },
    )


def pro_closures(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory, actor = _actor(request, actor_slug, access_actor_page_as_editor)
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actor_closure_add(actor=actor, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("La fermeture exceptionnelle a été ajoutée."))
            return redirect(_url("actors:pro_closures", actor))
    return render(
        request,
        "actors/pro_closures.html",
        {
            "territory": territory,
            "actor": actor,
            "form": form,
            "closures": Closure.objects.filter(actor=actor).order_by("start_date"),
            "breadcrumb_items": _pro_trail(
                territory,
                actor,
                (_("Ma page"), _url("actors:pro_page", actor)),
                (_("Fermetures exceptionnelles"), ""),
            ),
        },
    )


@require_POST
def pro_closure_remove(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, closure_id: int
) -> HttpResponse:
    _territory, actor = _actor(request, actor_slug, access_actor_page_as_editor)
    closure = Closure.objects.filter(actor=actor, pk=closure_id).first()
    if closure is None:
        raise Http404
    actor_closure_remove(closure=closure, by=request.user)
    messages.success(request, _("La fermeture exceptionnelle a été retirée."))
    return redirect(_url("actors:pro_closures", actor))


def pro_photos(request: AuthenticatedRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _actor(request, actor_slug, access_actor_page_as_editor)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actor_photo_add(
                actor=actor,
                by=request.user,
                image=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except ApplicationError as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("La photo a été ajoutée."))
            return redirect(_url("actors:pro_photos", actor))
    return render(
        request,
        "actors/pro_photos.html",
        {
            "territory": territory,
            "actor": actor,
            "form": form,
            "photos": ActorPhoto.objects.filter(actor=actor),
            "breadcrumb_items": _pro_trail(
                territory,
                actor,
                (_("Ma page"), _url("actors:pro_page", actor)),
                (_("Photos"), ""),
            ),
        },
    )


@require_POST
def pro_photo_remove(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, photo_id: int
) -> HttpResponse:
    _territory, actor = _actor(request, actor_slug, access_actor_page_as_editor)
    photo = ActorPhoto.objects.filter(actor=actor, pk=photo_id).first()
    if photo is None:
        raise Http404
    actor_photo_remove(photo=photo, by=request.user)
    messages.success(request, _("La photo a été retirée."))
    return redirect(_url("actors:pro_photos", actor))


# --- the team ---------------------------------------------------------------------------------


def pro_team(request: AuthenticatedRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _actor(request, actor_slug, access_actor_staff_as_owner)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actor_invite(
                actor=actor,
                by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=request.build_absolute_uri("/"),
            )
        except ApplicationError as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error.message))
        else:
            messages.success(
                request,
                _("L'invitation a été envoyée à %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(_url("actors:pro_team", actor))
    return render(
        request,
        "actors/pro_team.html",
        {
            "territory": territory,
            "actor": actor,
            "form": form,
            "team": actor_team(actor=actor),
            "invitations": actor_pending_invitations(actor=actor),
            "role_choices": StaffRole.choices,
            "breadcrumb_items": _pro_trail(territory, actor, (_("Équipe"), "")),
        },
    )


def _staff(actor: Actor, staff_id: int) -> ActorStaff:
    staff = ActorStaff.objects.filter(actor=actor, pk=staff_id).select_related("user").first()
    if staff is None:
        raise Http404
    return staff


@require_POST
def pro_staff_role(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, staff_id: int
) -> HttpResponse:
    _territory, actor = _actor(request, actor_slug, access_actor_staff_as_owner)
    staff = _staff(actor, staff_id)
    form = StaffRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle dans la liste."))
    else:
        try:
            actor_staff_set_role(staff=staff, role=form.cleaned_data["role"], by=request.user)
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("Le rôle de %(who)s est maintenant : %(role)s.")
                % {"who": staff.user, "role": StaffRole(staff.role).label},
            )
    return redirect(_url("actors:pro_team", actor))


@require_POST
def pro_staff_remove(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, staff_id: int
) -> HttpResponse:
    _territory, actor = _actor(request, actor_slug, access_actor_staff_as_owner)
    staff = _staff(actor, staff_id)
    try:
        actor_staff_remove(staff=staff, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("%(who)s ne fait plus partie de l'équipe.") % {"who": staff.user}
        )
    return redirect(_url("actors:pro_team", actor))


@require_POST
def pro_invitation_revoke(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, invitation_id: int
) -> HttpResponse:
    _territory, actor = _actor(request, actor_slug, access_actor_staff_as_owner)
    invitation = ActorInvitation.objects.filter(actor=actor, pk=invitation_id).first()
    if invitation is None:
        raise Http404
    try:
        invitation_revoke(invitation=invitation, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("L'invitation de %(email)s est annulée.") % {"email": invitation.email}
        )
    return redirect(_url("actors:pro_team", actor))


def invitation_accept_view(request: HttpRequest, territory_slug: str, token: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = cast(User, request.user)
    invitation = invitation_find(token=token)
    error = ""
    if request.method == "POST":
        try:
            staff = invitation_accept(token=token, user=user)
        except ApplicationError as exc:
            error = str(exc.message)
        else:
            messages.success(
                request,
                _("Bienvenue dans l'équipe de %(actor)s.") % {"actor": staff.actor.display_name},
            )
            return redirect(_url("actors:pro_home", staff.actor))
    else:
        try:
            invitation_check(invitation=invitation, user=user)
        except ApplicationError as exc:
            error = str(exc.message)
    return render(
        request,
        "actors/invitation.html",
        {
            "territory": territory,
            "invitation": invitation if not error else None,
            "error": error,
            "breadcrumb_items": breadcrumbs(
                territory,
                (_("Espace pro"), _pro_index_url(territory)),
                (_("Invitation"), ""),
            ),
        },
        status=200 if not error else 400,
    )


# --- markets ----------------------------------------------------------------------------------


def pro_markets(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str
) -> HttpResponse:
    territory, actor = _actor(request, actor_slug, access_actor_page_as_editor)
    stalls = stalls_of_actor(actor=actor)
    rows = []
    for market in market_list(territory=territory):
        stall = stalls.get(market.pk)
        form = AttendForm(
            initial={
                "attends": stall is not None,
                "offers_pickup": bool(stall and stall.offers_pickup),
            },
            prefix=f"m{market.pk}",
        )
        rows.append((market, stall, form))
    return render(
        request,
        "actors/pro_markets.html",
        {
            "territory": territory,
            "actor": actor,
            "rows": rows,
            "breadcrumb_items": _pro_trail(territory, actor, (_("Marchés"), "")),
        },
    )


@require_POST
def pro_market_attend(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str, market_slug: str
) -> HttpResponse:
    territory, actor = _actor(request, actor_slug, access_actor_page_as_editor)
    market = market_of_territory(territory=territory, slug=market_slug)
    if market is None:
        raise Http404
    form = AttendForm(request.POST, prefix=f"m{market.pk}")
    form.is_valid()  # Two check boxes: always valid.
    try:
        if form.cleaned_data.get("attends"):
            market_stall_set(
                market=market,
                actor=actor,
                by=request.user,
                offers_pickup=form.cleaned_data.get("offers_pickup", False),
            )
            messages.success(
                request, _("Votre stand est enregistré : %(market)s.") % {"market": market.name}
            )
        else:
            market_stall_remove(market=market, actor=actor, by=request.user)
            messages.success(
                request,
                _("Votre stand est retiré : %(market)s.") % {"market": market.name},
            )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect(_url("actors:pro_markets", actor))
