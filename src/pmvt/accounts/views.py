"""Account pages: after login, my account and data (RGPD), my profile in a territory."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import membership_of
from pmvt.accounts.forms import DeleteAccountForm, MembershipCommuneForm, ProfileForm
from pmvt.accounts.selectors import membership_list_of_user
from pmvt.accounts.services.memberships import membership_join, membership_set_commune
from pmvt.accounts.services.users import user_erase, user_export_data, user_record_consent
from pmvt.core.context_processors import LAST_TERRITORY_COOKIE
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory


@login_required
def after_login(request: AuthenticatedRequest) -> HttpResponse:
    """Send the user back to the territory they came from, or to their only territory."""
    slug = request.COOKIES.get(LAST_TERRITORY_COOKIE)
    memberships = membership_list_of_user(user=request.user)
    if slug:
        return redirect("portal:home", territory_slug=slug)
    if len(memberships) == 1:
        return redirect("portal:home", territory_slug=memberships[0].territory.slug)
    return redirect("accounts:my_data")


@login_required
def my_account(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Vos informations ont été enregistrées."))
        return redirect("accounts:my_data")
    return render(
        request,
        "accounts/my_account.html",
        {"form": form, "memberships": membership_list_of_user(user=request.user)},
    )


@login_required
def export_data(request: AuthenticatedRequest) -> HttpResponse:
    data = user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"pmvt-mes-donnees-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete_account(request: AuthenticatedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user_erase(user=user)
        messages.success(request, _("Votre compte et vos données personnelles ont été supprimés."))
        return redirect("portal:index")
    return render(request, "accounts/delete_account.html", {"form": form})


def territory_profile(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    membership = membership_of(user=request.user, territory=territory)
    form = None
    if membership is not None:
        form = MembershipCommuneForm(
            request.POST or None,
            territory=territory,
            initial={"commune": membership.commune_id},
        )
        if request.method == "POST" and form.is_valid():
            membership_set_commune(membership=membership, commune=form.cleaned_data["commune"])
            messages.success(request, _("Votre commune de résidence a été enregistrée."))
            return redirect("accounts:territory_profile", territory_slug=territory.slug)
    return render(
        request,
        "accounts/territory_profile.html",
        {"territory": territory, "membership": membership, "form": form},
    )


@require_POST
@login_required
def territory_join(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    membership_join(user=request.user, territory=territory)
    messages.success(
        request,
        _("Bienvenue ! Vous êtes membre de %(territory)s.") % {"territory": territory.public_name},
    )
    return redirect("accounts:territory_profile", territory_slug=territory.slug)


@require_POST
@login_required
def accept_terms(request: AuthenticatedRequest) -> HttpResponse:
    """Record consent to the current terms (shown when they changed since the last consent)."""
    user_record_consent(user=request.user)
    messages.success(
        request, _("Merci : votre accord aux conditions d'utilisation est enregistré.")
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("accounts:my_data")
    return redirect(target)
