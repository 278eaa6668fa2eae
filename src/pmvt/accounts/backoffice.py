"""The territory's back office: settings, members and roles. Territory admins and the operator."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import access_membership_as_admin, access_territory_as_admin
from pmvt.accounts.forms import MemberSearchForm, MembershipRoleForm
from pmvt.accounts.models import Role
from pmvt.accounts.selectors import membership_counts_by_role, membership_list
from pmvt.accounts.services.memberships import membership_set_role
from pmvt.core.exceptions import ApplicationError
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory
from pmvt.territories.selectors import commune_list
from pmvt.territories.services.territories import SETTINGS_FIELDS, territory_update_settings

MEMBERS_PER_PAGE = 25
MAX_LOGO_BYTES = 1024 * 1024


class TerritorySettingsForm(forms.ModelForm):
    class Meta:
        model = Territory
        fields = SETTINGS_FIELDS
        widgets = {
            "accessibility_audit_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contact_address": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("Le logo ne doit pas dépasser 1 Mo."))
        return logo


def dashboard(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_territory_as_admin(user=request.user, territory=territory)
    counts = membership_counts_by_role(territory=territory)
    roles = [(label, counts.get(value, 0)) for value, label in Role.choices]
    return render(
        request,
        "backoffice/dashboard.html",
        {
            "territory": territory,
            "roles": roles,
            "member_total": sum(counts.values()),
            "communes": commune_list(territory=territory),
        },
    )


def territory_settings(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_territory_as_admin(user=request.user, territory=territory)
    form = TerritorySettingsForm(request.POST or None, request.FILES or None, instance=territory)
    if request.method == "POST" and form.is_valid():
        territory_update_settings(by=request.user, territory=territory, values=form.cleaned_data)
        messages.success(request, _("Les paramètres du territoire ont été enregistrés."))
        return redirect("backoffice:settings", territory_slug=territory.slug)
    if request.method == "POST":
        # Keep the stored values on the page: the form mutated the instance while validating.
        territory.refresh_from_db()
    return render(request, "backoffice/settings.html", {"territory": territory, "form": form})


def members(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_territory_as_admin(user=request.user, territory=territory)
    search = MemberSearchForm(request.GET or None)
    query = role = ""
    if search.is_valid():
        query, role = search.cleaned_data["q"], search.cleaned_data["role"]
    page = Paginator(membership_list(territory=territory, query=query, role=role), MEMBERS_PER_PAGE)
    page_obj = page.get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "backoffice/members.html",
        {
            "territory": territory,
            "search": search,
            "page_obj": page_obj,
            "querystring_base": f"{querystring.urlencode()}&" if querystring else "",
            "role_choices": Role.choices,
        },
    )


@require_POST
def member_set_role(
    request: AuthenticatedRequest, territory_slug: str, membership_id: int
) -> HttpResponse:
    territory = require_territory(request)
    membership = access_membership_as_admin(
        user=request.user, territory=territory, membership_id=membership_id
    )
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle dans la liste."))
    else:
        try:
            membership_set_role(
                by=request.user, membership=membership, role=form.cleaned_data["role"]
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("Le rôle de %(member)s est maintenant : %(role)s.")
                % {"member": membership.user, "role": membership.get_role_display()},
            )
    return redirect("backoffice:members", territory_slug=territory.slug)
