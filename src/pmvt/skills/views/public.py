"""Pages of the people directory, a person's profile, "Ce que je peux offrir", contact requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.requests import AuthenticatedRequest
from pmvt.skills.access import access_declaration, contact_refusal, is_member, is_owner
from pmvt.skills.forms import AnswerForm, ContactForm, ProfileFilterForm, ProfileForm
from pmvt.skills.models import ContactRequest, ContactStatus
from pmvt.skills.selectors import (
    pending_received_count,
    pending_request,
    profile_list,
    profile_of,
    received_requests,
    request_of_territory,
    sent_requests,
    skill_terms,
    visible_profile_or_none,
)
from pmvt.skills.services.contacts import (
    contact_request_accept,
    contact_request_decline,
    contact_request_send,
)
from pmvt.skills.services.profiles import skill_profile_delete, skill_profile_save
from pmvt.skills.views.common import list_trail, report, skills_breadcrumbs
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

PROFILES_PER_PAGE = 20
REQUESTS_PER_PAGE = 20


def _querystring_base(request: HttpRequest) -> str:
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return f"{querystring.urlencode()}&" if querystring else ""


def _url(territory: Territory, name: str) -> str:
    return reverse(f"skills:{name}", kwargs={"territory_slug": territory.slug})


def profile_list_view(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    terms = skill_terms(territory=territory)
    form = ProfileFilterForm(request.GET or None, territory=territory, terms=terms)
    page_obj = Paginator(
        profile_list(territory=territory, viewer=request.user, filters=form.to_filters()),
        PROFILES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    member = is_member(user=request.user, territory=territory)
    return render(
        request,
        "skills/list.html",
        {
            "territory": territory,
            "current_door": "values",
            "form": form,
            "page_obj": page_obj,
            "querystring_base": _querystring_base(request),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "is_member": member,
            "breadcrumb_items": skills_breadcrumbs(territory, (_("Compétences et temps"), "")),
        },
    )


def detail(request: HttpRequest, territory_slug: str, profile_id: int) -> HttpResponse:
    territory = require_territory(request)
    profile = visible_profile_or_none(
        territory=territory, viewer=request.user, profile_id=profile_id
    )
    if profile is None:
        raise Http404
    return render(
        request,
        "skills/detail.html",
        {
            "territory": territory,
            "current_door": "values",
            "profile": profile,
            "is_owner": is_owner(user=request.user, profile=profile),
            "refusal": contact_refusal(user=request.user, profile=profile),
            "pending": pending_request(profile=profile, sender=request.user),
            "breadcrumb_items": skills_breadcrumbs(
                territory, list_trail(territory), (profile.display_name, "")
            ),
        },
    )


@login_required
def my_profile(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_declaration(user=request.user, territory=territory)
    profile = profile_of(territory=territory, user=request.user)
    terms = list(skill_terms(territory=territory))
    form = ProfileForm(request.POST or None, territory=territory, terms=terms, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            saved = skill_profile_save(territory=territory, user=request.user, data=form.to_data())
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(
                request,
                _("Merci ! Ce que vous pouvez offrir est enregistré.")
                if saved.is_active
                else _("Votre profil est enregistré ; il est en pause et n'apparaît nulle part."),
            )
            return redirect("skills:my_profile", territory_slug=territory.slug)
    return render(
        request,
        "skills/my_profile.html",
        {
            "territory": territory,
            "current_door": "values",
            "form": form,
            "profile": profile,
            "breadcrumb_items": skills_breadcrumbs(
                territory, list_trail(territory), (_("Ce que je peux offrir"), "")
            ),
        },
    )


@require_POST
@login_required
def my_profile_delete(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if skill_profile_delete(territory=territory, user=request.user):
        messages.success(request, _("Votre profil de compétences est supprimé."))
    return redirect("skills:list", territory_slug=territory.slug)


def contact(request: HttpRequest, territory_slug: str, profile_id: int) -> HttpResponse:
    territory = require_territory(request)
    profile = visible_profile_or_none(
        territory=territory, viewer=request.user, profile_id=profile_id
    )
    if profile is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    refusal = contact_refusal(user=request.user, profile=profile)
    if refusal:
        raise PermissionDeniedError(refusal)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact_request_send(
                profile=profile, sender=request.user, message=form.cleaned_data["message"]
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(
                request,
                _("Votre demande est envoyée à %(name)s. Vous serez prévenu de sa réponse.")
                % {"name": profile.display_name},
            )
            return redirect("skills:sent", territory_slug=territory.slug)
    return render(
        request,
        "skills/contact.html",
        {
            "territory": territory,
            "current_door": "values",
            "profile": profile,
            "form": form,
            "breadcrumb_items": skills_breadcrumbs(
                territory,
                list_trail(territory),
                (profile.display_name, profile.get_absolute_url()),
                (_("Contacter"), ""),
            ),
        },
    )


@login_required
def requests(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    page_obj = Paginator(
        received_requests(territory=territory, user=request.user), REQUESTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    rows = [
        {
            "request": item,
            "form": AnswerForm(prefix=f"r{item.pk}")
            if item.status == ContactStatus.PENDING
            else None,
        }
        for item in page_obj.object_list
    ]
    return render(
        request,
        "skills/requests.html",
        {
            "territory": territory,
            "current_door": "values",
            "page_obj": page_obj,
            "rows": rows,
            "querystring_base": "",
            "profile": profile_of(territory=territory, user=request.user),
            "breadcrumb_items": skills_breadcrumbs(
                territory, list_trail(territory), (_("Demandes reçues"), "")
            ),
        },
    )


def _answer(
    request: AuthenticatedRequest, territory_slug: str, request_id: int, *, accept: bool
) -> HttpResponse:
    territory = require_territory(request)
    item: ContactRequest | None = request_of_territory(territory=territory, request_id=request_id)
    if item is None:
        raise Http404
    form = AnswerForm(request.POST, prefix=f"r{item.pk}")
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    service = contact_request_accept if accept else contact_request_decline
    try:
        service(request=item, by=request.user, answer=answer)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        values = {"name": item.sender.display_name or _("cette personne")}
        if accept:
            messages.success(
                request,
                _("Demande acceptée : votre adresse est transmise à %(name)s.") % values,
            )
        else:
            messages.success(request, _("Demande déclinée : %(name)s en est informé.") % values)
    return redirect("skills:requests", territory_slug=territory.slug)


@require_POST
@login_required
def request_accept(
    request: AuthenticatedRequest, territory_slug: str, request_id: int
) -> HttpResponse:
    return _answer(request, territory_slug, request_id, accept=True)


@require_POST
@login_required
def request_decline(
    request: AuthenticatedRequest, territory_slug: str, request_id: int
) -> HttpResponse:
    return _answer(request, territory_slug, request_id, accept=False)


@login_required
def sent(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    page_obj = Paginator(
        sent_requests(territory=territory, user=request.user), REQUESTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "skills/sent.html",
        {
            "territory": territory,
            "current_door": "values",
            "page_obj": page_obj,
            "querystring_base": "",
            "pending_received": pending_received_count(territory=territory, user=request.user),
            "breadcrumb_items": skills_breadcrumbs(
                territory, list_trail(territory), (_("Mes demandes envoyées"), "")
            ),
        },
    )
