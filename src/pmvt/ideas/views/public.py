"""Public pages of the idea campaigns: the campaigns, a campaign with its rules and ideas, an
idea with its public answers and comments, and the members' actions (submit, support,
follow, comment) and the admins' answer — all plain forms that work without JavaScript."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import can_administer_territory, membership_of
from pmvt.community.models import Visibility
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs, values_trail
from pmvt.core.requests import AuthenticatedRequest, id_param
from pmvt.ideas.access import (
    access_idea_answer,
    access_idea_submit,
    access_idea_support,
    can_answer_idea,
    can_comment_idea,
    can_follow_idea,
    can_submit_idea,
    can_support_idea,
    can_view_idea,
    can_withdraw_support,
)
from pmvt.ideas.forms import AnswerForm, CommentForm, IdeaFilterForm, IdeaForm
from pmvt.ideas.models import Campaign, CampaignStatus, Idea
from pmvt.ideas.selectors import (
    campaign_ideas,
    campaign_list,
    campaign_of_territory,
    campaign_status_counts,
    comment_of_idea,
    comment_position,
    has_supported,
    idea_comments,
    idea_history,
    idea_of_campaign,
    is_following,
    supported_idea_ids,
)
from pmvt.ideas.services.ideas import allowed_themes, idea_answer, idea_submit
from pmvt.ideas.services.participation import (
    comment_create,
    idea_follow,
    idea_support,
    idea_support_withdraw,
    idea_unfollow,
)
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Commune, Territory

CAMPAIGNS_PER_PAGE = 20
IDEAS_PER_PAGE = 20
COMMENTS_PER_PAGE = 20
# The list's tabs: URL value → status, in display order.
TABS = {
    "en-cours": CampaignStatus.OPEN,
    "a-venir": CampaignStatus.UPCOMING,
    "terminees": CampaignStatus.CLOSED,
}


def _list_trail(territory: Territory) -> tuple[str, str]:
    return (
        _("Idées et propositions"),
        reverse("ideas:list", kwargs={"territory_slug": territory.slug}),
    )


def _campaign(territory: Territory, slug: str) -> Campaign:
    campaign = campaign_of_territory(territory=territory, slug=slug)
    if campaign is None:
        raise Http404
    return campaign


def _idea(request: HttpRequest, campaign: Campaign, slug: str) -> Idea:
    idea = idea_of_campaign(campaign=campaign, slug=slug)
    if idea is None or not can_view_idea(user=request.user, idea=idea):
        raise Http404
    # The campaign read above already carries its territory and themes.
    idea.campaign = campaign
    return idea


def _refusal(check: Any, **kwargs: Any) -> str:
    """Why the check refuses ('' when it passes)."""
    try:
        check(**kwargs)
    except PermissionDeniedError as error:
        return str(error.message)
    return ""


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form was on (a page of this site), else to `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


# --- the campaigns ----------------------------------------------------------------------------


def campaign_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    tab = request.GET.get("etat", "en-cours")
    if tab not in TABS:
        tab = "en-cours"
    now = timezone.now()
    page_obj = Paginator(
        campaign_list(territory=territory, status=TABS[tab], now=now), CAMPAIGNS_PER_PAGE
    ).get_page(request.GET.get("page"))
    counts = campaign_status_counts(territory=territory, now=now)
    return render(
        request,
        "ideas/list.html",
        {
            "territory": territory,
            "current_door": "values",
            "tab": tab,
            "tabs": [
                (value, CampaignStatus(status).label, counts[status])
                for value, status in TABS.items()
            ],
            "page_obj": page_obj,
            "querystring_base": f"etat={tab}&",
            "can_manage": can_administer_territory(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory, values_trail(territory), (_("Idées et propositions"), "")
            ),
        },
    )


def campaign_detail(request: HttpRequest, territory_slug: str, campaign_slug: str) -> HttpResponse:
    territory = require_territory(request)
    campaign = _campaign(territory, campaign_slug)
    themes = allowed_themes(campaign)
    communes = list(Commune.objects.filter(territory=territory).order_by("name"))
    form = IdeaFilterForm(request.GET or None, themes=themes, communes=communes)
    filters = form.to_filters()
    page_obj = Paginator(
        campaign_ideas(campaign=campaign, filters=filters), IDEAS_PER_PAGE
    ).get_page(request.GET.get("page"))
    ideas = list(page_obj.object_list)
    supported = supported_idea_ids(user=request.user, ideas=ideas)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    user = request.user
    for idea in ideas:
        idea.campaign = campaign
    return render(
        request,
        "ideas/campaign.html",
        {
            "territory": territory,
            "current_door": "values",
            "campaign": campaign,
            "form": form,
            "filtered": filters.active,
            "page_obj": page_obj,
            "rows": [
                (
                    idea,
                    idea.pk in supported,
                    idea.pk not in supported and can_support_idea(user=user, idea=idea),
                    idea.pk in supported and can_withdraw_support(user=user, idea=idea),
                )
                for idea in ideas
            ],
            "querystring_base": f"{querystring.urlencode()}&" if querystring else "",
            "can_submit": can_submit_idea(user=user, campaign=campaign),
            "submit_refusal": _refusal(access_idea_submit, user=user, campaign=campaign)
            if user.is_authenticated
            else "",
            "is_member": membership_of(user=user, territory=territory) is not None,
            "can_manage": can_administer_territory(user=user, territory=territory),
            "here": request.get_full_path(),
            "breadcrumb_items": breadcrumbs(
                territory, values_trail(territory), _list_trail(territory), (campaign.title, "")
            ),
        },
    )


# --- submitting -------------------------------------------------------------------------------


def idea_submit_view(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    campaign = _campaign(territory, campaign_slug)
    access_idea_submit(user=request.user, campaign=campaign)
    membership = membership_of(user=request.user, territory=territory)
    form = IdeaForm(
        request.POST or None,
        request.FILES or None,
        campaign=campaign,
        themes=allowed_themes(campaign),
        initial={"commune": membership.commune if membership else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            idea = idea_submit(campaign=campaign, author=request.user, **form.service_kwargs())
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            if idea.visibility == Visibility.PUBLISHED:
                messages.success(
                    request,
                    _(
                        "Votre idée est publiée. Vous la suivez : chaque réponse vous sera signalée."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Votre idée est enregistrée. Elle sera visible de tous après relecture "
                        "par la modération."
                    ),
                )
            return redirect(idea.get_absolute_url())
    return render(
        request,
        "ideas/submit.html",
        {
            "territory": territory,
            "current_door": "values",
            "campaign": campaign,
            "form": form,
            "breadcrumb_items": breadcrumbs(
                territory,
                values_trail(territory),
                _list_trail(territory),
                (campaign.title, campaign.get_absolute_url()),
                (_("Proposer une idée"), ""),
            ),
        },
        status=400 if form.errors else 200,
    )


# --- one idea ---------------------------------------------------------------------------------


def _detail_context(
    request: HttpRequest,
    idea: Idea,
    *,
    comment_form: CommentForm | None = None,
    answer_form: AnswerForm | None = None,
) -> dict[str, Any]:
    campaign = idea.campaign
    territory = campaign.territory
    user = request.user
    page_number = request.GET.get("page")
    target = id_param(request.GET.get("commentaire"))
    if target is not None and not page_number:
        position = comment_position(idea=idea, user=user, comment_id=target)
        if position is not None:
            page_number = str(position // COMMENTS_PER_PAGE + 1)
    page_obj = Paginator(idea_comments(idea=idea, user=user), COMMENTS_PER_PAGE).get_page(
        page_number
    )
    can_answer = can_answer_idea(user=user, idea=idea)
    if answer_form is None and can_answer and idea.next_statuses:
        answer_form = AnswerForm(idea=idea)
    supported = has_supported(user=user, idea=idea)
    support_refusal = "" if supported else _refusal(access_idea_support, user=user, idea=idea)
    return {
        "territory": territory,
        "current_door": "values",
        "campaign": campaign,
        "idea": idea,
        "history": list(idea_history(idea=idea)),
        "page_obj": page_obj,
        "querystring_base": "",
        "supported": supported,
        "support_refusal": support_refusal,
        "can_support": not supported and not support_refusal,
        "can_withdraw": supported and can_withdraw_support(user=user, idea=idea),
        "following": is_following(user=user, idea=idea),
        "can_follow": can_follow_idea(user=user, idea=idea),
        "can_comment": can_comment_idea(user=user, idea=idea),
        "comment_form": comment_form or CommentForm(),
        "can_answer": can_answer and bool(idea.next_statuses),
        "answer_form": answer_form,
        "breadcrumb_items": breadcrumbs(
            territory,
            values_trail(territory),
            _list_trail(territory),
            (campaign.title, campaign.get_absolute_url()),
            (idea.title, ""),
        ),
    }


def idea_detail(
    request: HttpRequest, territory_slug: str, campaign_slug: str, idea_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    idea = _idea(request, _campaign(territory, campaign_slug), idea_slug)
    return render(request, "ideas/detail.html", _detail_context(request, idea))


@require_POST
def idea_support_view(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str, idea_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    idea = _idea(request, _campaign(territory, campaign_slug), idea_slug)
    try:
        idea_support(idea=idea, user=request.user)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Votre soutien est enregistré. Vous pouvez le retirer jusqu'à la clôture."),
        )
    return _back(request, idea.get_absolute_url())


@require_POST
def idea_withdraw_view(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str, idea_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    idea = _idea(request, _campaign(territory, campaign_slug), idea_slug)
    try:
        idea_support_withdraw(idea=idea, user=request.user)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Votre soutien est retiré."))
    return _back(request, idea.get_absolute_url())


@require_POST
def idea_follow_view(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str, idea_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    idea = _idea(request, _campaign(territory, campaign_slug), idea_slug)
    if not request.user.is_authenticated:
        raise PermissionDeniedError(_("Connectez-vous pour suivre une idée."))
    if request.POST.get("suivre") == "0":
        idea_unfollow(idea=idea, user=request.user)
        messages.success(request, _("Vous ne suivez plus cette idée."))
    else:
        idea_follow(idea=idea, user=request.user)
        messages.success(
            request,
            _("Vous suivez cette idée : chaque réponse de la collectivité vous sera signalée."),
        )
    return redirect(idea.get_absolute_url())


@require_POST
def idea_comment_view(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str, idea_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    idea = _idea(request, _campaign(territory, campaign_slug), idea_slug)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = comment_of_idea(idea=idea, comment_id=form.cleaned_data["parent"])
            if parent is None:
                raise Http404
        try:
            comment = comment_create(
                idea=idea, author=request.user, text=form.cleaned_data["text"], parent=parent
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            if comment.visibility == Visibility.PUBLISHED:
                messages.success(request, _("Votre commentaire est publié."))
            else:
                messages.success(
                    request,
                    _(
                        "Votre commentaire est enregistré. Il sera visible de tous après "
                        "relecture par la modération."
                    ),
                )
            return redirect(comment.get_absolute_url())
    return render(
        request,
        "ideas/detail.html",
        _detail_context(request, idea, comment_form=form),
        status=400,
    )


@require_POST
def idea_answer_view(
    request: AuthenticatedRequest, territory_slug: str, campaign_slug: str, idea_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    idea = _idea(request, _campaign(territory, campaign_slug), idea_slug)
    access_idea_answer(user=request.user, idea=idea)
    form = AnswerForm(request.POST, idea=idea)
    if form.is_valid():
        try:
            idea_answer(
                idea=idea,
                by=request.user,
                to=form.cleaned_data["status"],
                answer=form.cleaned_data["answer"],
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("La réponse est publiée ; l'idée est désormais : %(status)s.")
                % {"status": idea.get_status_display()},
            )
            return redirect(f"{idea.get_absolute_url()}#reponses")
    return render(
        request,
        "ideas/detail.html",
        _detail_context(request, idea, answer_form=form),
        status=400,
    )
