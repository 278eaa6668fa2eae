"""The territory's back office for idea campaigns: list, open and change them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.ideas.access import access_campaigns_as_admin
from pmvt.ideas.forms import CampaignForm
from pmvt.ideas.models import Campaign
from pmvt.ideas.selectors import campaign_admin_list, campaign_of_territory
from pmvt.ideas.services.campaigns import campaign_create, campaign_update
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

ADMIN_PER_PAGE = 25


def _gestion(territory: Territory) -> tuple[str, str]:
    return (
        _("Gestion"),
        reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug}),
    )


def _admin_list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Campagnes d'idées"),
        reverse("ideas:admin_list", kwargs={"territory_slug": territory.slug}),
    )


def _campaign(territory: Territory, slug: str) -> Campaign:
    campaign = campaign_of_territory(territory=territory, slug=slug)
    if campaign is None:
        raise Http404
    return campaign


def admin_list(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_campaigns_as_admin(user=request.user, territory=territory)
    page_obj = Paginator(campaign_admin_list(territory=territory), ADMIN_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "ideas/admin_list.html",
        {
            "territory": territory,
            "page_obj": page_obj,
            "querystring_base": "",
            "breadcrumb_items": breadcrumbs(
                territory, _gestion(territory), (_("Campagnes d'idées"), "")
            ),
        },
    )


def admin_create(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_campaigns_as_admin(user=request.user, territory=territory)
    form = CampaignForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(
                territory=territory, by=request.user, **form.service_kwargs()
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("La campagne est créée."))
            return redirect(campaign.get_absolute_url())
    return render(
        request,
        "ideas/admin_form.html",
        {
            "territory": territory,
            "form": form,
            "campaign": None,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                _admin_list_trail(territory),
                (_("Nouvelle campagne"), ""),
            ),
        },
        status=400 if form.errors else 200,
    )


def admin_edit(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    access_campaigns_as_admin(user=request.user, territory=territory)
    campaign = _campaign(territory, campaign_slug)
    form = CampaignForm(
        request.POST or None, territory=territory, initial=CampaignForm.initial_for(campaign)
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign_update(campaign=campaign, by=request.user, **form.service_kwargs())
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("La campagne est enregistrée."))
            return redirect(reverse("ideas:admin_list", kwargs={"territory_slug": territory.slug}))
    return render(
        request,
        "ideas/admin_form.html",
        {
            "territory": territory,
            "form": form,
            "campaign": campaign,
            "breadcrumb_items": breadcrumbs(
                territory, _gestion(territory), _admin_list_trail(territory), (campaign.title, "")
            ),
        },
        status=400 if form.errors else 200,
    )
