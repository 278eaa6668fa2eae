"""The holder's back office, in the actor's pro space or, for the collectivité's own calls and
the approval of every call, in the territory's back office. The same views serve both: an
`actor_slug` in the URL means the actor's pro space."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.actors.models import Actor
from pmvt.actors.selectors import actor_of_territory
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.investments.access import (
    access_actor_call_create,
    access_actor_calls,
    access_call_as_editor,
    access_call_pledges,
    access_calls_as_reviewer,
    can_create_actor_call,
    can_edit_call,
    can_review_calls,
    can_view_pledges,
)
from pmvt.investments.export import export_pledges_csv
from pmvt.investments.forms import CallForm, DocumentForm, NewsForm, RejectForm
from pmvt.investments.models import CallStatus, InvestmentCall
from pmvt.investments.selectors import (
    actor_calls,
    admin_calls,
    call_document,
    call_documents,
    call_news,
    call_of_territory,
    call_pledges,
    review_queue,
    totals_of,
)
from pmvt.investments.services.calls import (
    call_close,
    call_create,
    call_document_add,
    call_document_remove,
    call_news_add,
    call_publish,
    call_reject,
    call_submit,
    call_update,
)
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

LIST_PER_PAGE = 25


def _holder(request: HttpRequest, actor_slug: str | None) -> tuple[Territory, Actor | None]:
    territory = require_territory(request)
    if actor_slug is None:
        return territory, None
    actor = actor_of_territory(territory=territory, slug=actor_slug)
    if actor is None:
        raise Http404
    return territory, actor


def _call(territory: Territory, actor: Actor | None, call_slug: str) -> InvestmentCall:
    """The call named in the URL, held by the actor of the URL (none: the collectivité)."""
    call = call_of_territory(territory=territory, slug=call_slug)
    if call is None or call.actor_id != (actor.pk if actor else None):
        raise Http404
    return call


def _list_url(territory: Territory, actor: Actor | None) -> str:
    if actor is None:
        return reverse("investments:admin_list", kwargs={"territory_slug": territory.slug})
    return reverse(
        "investments:pro_list",
        kwargs={"territory_slug": territory.slug, "actor_slug": actor.slug},
    )


def _trail(territory: Territory, actor: Actor | None, *items: tuple[str, str]) -> list:
    if actor is None:
        head = [
            (
                _("Gestion"),
                reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug}),
            )
        ]
    else:
        head = [
            (
                _("Espace pro"),
                reverse("actors:pro_index", kwargs={"territory_slug": territory.slug}),
            ),
            (
                actor.display_name,
                reverse(
                    "actors:pro_home",
                    kwargs={"territory_slug": territory.slug, "actor_slug": actor.slug},
                ),
            ),
        ]
    if items:
        head.append((_("Investissement local"), _list_url(territory, actor)))
        return breadcrumbs(territory, *head, *items)
    return breadcrumbs(territory, *head, (_("Investissement local"), ""))


# --- lists ------------------------------------------------------------------------------------


def pro_list(request: HttpRequest, territory_slug: str, actor_slug: str) -> HttpResponse:
    territory, actor = _holder(request, actor_slug)
    assert actor is not None
    access_actor_calls(user=request.user, actor=actor)
    calls = list(actor_calls(actor=actor))
    return render(
        request,
        "investments/pro_list.html",
        {
            "territory": territory,
            "actor": actor,
            "items": [(call, totals_of(call)) for call in calls],
            "can_create": can_create_actor_call(user=request.user, actor=actor),
            "create_url": reverse(
                "investments:pro_create",
                kwargs={"territory_slug": territory.slug, "actor_slug": actor.slug},
            ),
            "breadcrumb_items": _trail(territory, actor),
        },
    )


def admin_list(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_calls_as_reviewer(user=request.user, territory=territory)
    page_obj = Paginator(admin_calls(territory=territory), LIST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "investments/admin_list.html",
        {
            "territory": territory,
            "queue": list(review_queue(territory=territory)),
            "page_obj": page_obj,
            "items": [(call, totals_of(call)) for call in page_obj.object_list],
            "querystring_base": "",
            "breadcrumb_items": _trail(territory, None),
        },
    )


# --- create and manage ------------------------------------------------------------------------


def create(
    request: AuthenticatedRequest, territory_slug: str, actor_slug: str | None = None
) -> HttpResponse:
    territory, actor = _holder(request, actor_slug)
    if actor is None:
        access_calls_as_reviewer(user=request.user, territory=territory)
    else:
        access_actor_call_create(user=request.user, actor=actor)
    form = CallForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            call = call_create(
                territory=territory, by=request.user, actor=actor, **form.cleaned_data
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "Le projet est enregistré comme brouillon. Ajoutez vos documents, puis "
                    "soumettez-le à la validation du territoire."
                ),
            )
            return redirect(call.get_manage_url())
    return render(
        request,
        "investments/call_form.html",
        {
            "territory": territory,
            "actor": actor,
            "form": form,
            "breadcrumb_items": _trail(territory, actor, (_("Nouveau projet"), "")),
        },
    )


def _urls(call: InvestmentCall) -> dict[str, str]:
    names = ("manage", "submit", "close", "document_add", "news_add", "pledges", "export")
    urls = {name: call.holder_url(name) for name in names}
    kwargs = {"territory_slug": call.territory.slug, "call_slug": call.slug}
    urls["publish"] = reverse("investments:admin_publish", kwargs=kwargs)
    urls["reject"] = reverse("investments:admin_reject", kwargs=kwargs)
    return urls


def _render_manage(
    request: HttpRequest,
    territory: Territory,
    actor: Actor | None,
    call: InvestmentCall,
    **forms: Any,
) -> HttpResponse:
    can_edit = can_edit_call(user=request.user, call=call)
    is_holder = can_view_pledges(user=request.user, call=call)
    reviewing = actor is None and can_review_calls(user=request.user, territory=territory)
    context: dict[str, Any] = {
        "territory": territory,
        "actor": actor,
        "call": call,
        "urls": _urls(call),
        "totals": totals_of(call),
        "documents": call_documents(call=call),
        "news": call_news(call=call),
        "can_edit": can_edit,
        "is_holder": is_holder,
        "can_review": reviewing and call.status == CallStatus.SUBMITTED,
        "breadcrumb_items": _trail(territory, actor, (call.title, "")),
    }
    if can_edit and call.is_editable:
        context["form"] = forms.get("form") or CallForm(territory=territory, call=call)
    if can_edit and call.status in {CallStatus.DRAFT, CallStatus.REJECTED, CallStatus.PUBLISHED}:
        context["document_form"] = forms.get("document_form") or DocumentForm(prefix="document")
    if can_edit and call.is_public:
        context["news_form"] = forms.get("news_form") or NewsForm(prefix="news")
    if context["can_review"]:
        context["reject_form"] = forms.get("reject_form") or RejectForm(prefix="reject")
    return render(request, "investments/manage.html", context)


def _manage_call(
    request: HttpRequest, territory_slug: str, call_slug: str, actor_slug: str | None
) -> tuple[Territory, Actor | None, InvestmentCall]:
    """The call and the right to see its back-office page: the holder's team, or a reviewer
    (who manages the collectivité's calls and reviews the actors' ones)."""
    territory, actor = _holder(request, actor_slug)
    if actor_slug is None:
        call = call_of_territory(territory=territory, slug=call_slug)
        if call is None or (call.actor is not None and call.status == CallStatus.DRAFT):
            raise Http404
        access_calls_as_reviewer(user=request.user, territory=territory)
        return territory, None, call
    call = _call(territory, actor, call_slug)
    access_call_pledges(user=request.user, call=call)
    return territory, actor, call


def manage(
    request: AuthenticatedRequest,
    territory_slug: str,
    call_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    territory, actor, call = _manage_call(request, territory_slug, call_slug, actor_slug)
    if request.method == "POST":
        access_call_as_editor(user=request.user, call=call)
        form = CallForm(request.POST, territory=territory, call=call)
        if form.is_valid():
            try:
                call_update(call=call, by=request.user, **form.cleaned_data)
            except ApplicationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Le projet est enregistré."))
                return redirect(call.get_manage_url())
        return _render_manage(request, territory, actor, call, form=form)
    return _render_manage(request, territory, actor, call)


def _holder_action(
    request: HttpRequest, territory_slug: str, call_slug: str, actor_slug: str | None
) -> tuple[Territory, Actor | None, InvestmentCall]:
    """A write of the holder: the call of the URL's holder, checked by the service itself."""
    territory, actor = _holder(request, actor_slug)
    call = _call(territory, actor, call_slug)
    access_call_as_editor(user=request.user, call=call)
    return territory, actor, call


def _after(request: HttpRequest, call: InvestmentCall, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
    return redirect(call.get_manage_url())


@require_POST
def submit(
    request: AuthenticatedRequest,
    territory_slug: str,
    call_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    _t, _a, call = _holder_action(request, territory_slug, call_slug, actor_slug)
    return _after(
        request,
        call,
        lambda: call_submit(call=call, by=request.user),
        _(
            "Le projet est soumis. Le territoire vérifie son existence avant de le publier ; "
            "vous recevrez une notification."
        ),
    )


@require_POST
def close(
    request: AuthenticatedRequest,
    territory_slug: str,
    call_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    _t, _a, call = _holder_action(request, territory_slug, call_slug, actor_slug)
    return _after(
        request,
        call,
        lambda: call_close(call=call, by=request.user),
        _("Les promesses sont closes. Les personnes qui en ont fait une sont averties."),
    )


@require_POST
def document_add(
    request: AuthenticatedRequest,
    territory_slug: str,
    call_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    territory, actor, call = _holder_action(request, territory_slug, call_slug, actor_slug)
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    if form.is_valid():
        try:
            call_document_add(
                call=call,
                by=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Le document est ajouté."))
            return redirect(call.get_manage_url() + "#documents")
    return _render_manage(request, territory, actor, call, document_form=form)


@require_POST
def document_remove(
    request: AuthenticatedRequest,
    territory_slug: str,
    call_slug: str,
    document_id: int,
    actor_slug: str | None = None,
) -> HttpResponse:
    _t, _a, call = _holder_action(request, territory_slug, call_slug, actor_slug)
    found = call_document(call=call, document_id=document_id)
    if found is None:
        raise Http404
    return _after(
        request,
        call,
        lambda: call_document_remove(document=found, by=request.user),
        _("Le document est retiré."),
    )


@require_POST
def news_add(
    request: AuthenticatedRequest,
    territory_slug: str,
    call_slug: str,
    actor_slug: str | None = None,
) -> HttpResponse:
    territory, actor, call = _holder_action(request, territory_slug, call_slug, actor_slug)
    form = NewsForm(request.POST, prefix="news")
    if form.is_valid():
        try:
            call_news_add(call=call, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "L'actualité est publiée. Les personnes qui ont fait une promesse sont averties."
                ),
            )
            return redirect(call.get_manage_url())
    return _render_manage(request, territory, actor, call, news_form=form)


# --- pledges ----------------------------------------------------------------------------------


def pledges(
    request: HttpRequest, territory_slug: str, call_slug: str, actor_slug: str | None = None
) -> HttpResponse:
    territory, actor = _holder(request, actor_slug)
    call = _call(territory, actor, call_slug)
    access_call_pledges(user=request.user, call=call)
    return render(
        request,
        "investments/pledges.html",
        {
            "territory": territory,
            "actor": actor,
            "call": call,
            "pledges": list(call_pledges(call=call)),
            "totals": totals_of(call),
            "urls": _urls(call),
            "breadcrumb_items": _trail(
                territory,
                actor,
                (call.title, call.get_manage_url()),
                (_("Promesses"), ""),
            ),
        },
    )


def export(
    request: HttpRequest, territory_slug: str, call_slug: str, actor_slug: str | None = None
) -> HttpResponse:
    territory, actor = _holder(request, actor_slug)
    call = _call(territory, actor, call_slug)
    access_call_pledges(user=request.user, call=call)
    response = HttpResponse(export_pledges_csv(call=call), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="promesses-{call.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- approval by the territory ----------------------------------------------------------------


def _reviewed_call(request: HttpRequest, call_slug: str) -> tuple[Territory, InvestmentCall]:
    territory = require_territory(request)
    access_calls_as_reviewer(user=request.user, territory=territory)
    call = call_of_territory(territory=territory, slug=call_slug)
    if call is None:
        raise Http404
    return territory, call


@require_POST
def publish(request: AuthenticatedRequest, territory_slug: str, call_slug: str) -> HttpResponse:
    _t, call = _reviewed_call(request, call_slug)
    try:
        call_publish(call=call, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("Le projet est publié : les membres peuvent faire leurs promesses.")
        )
    return redirect(call.get_review_url())


@require_POST
def reject(request: AuthenticatedRequest, territory_slug: str, call_slug: str) -> HttpResponse:
    territory, call = _reviewed_call(request, call_slug)
    form = RejectForm(request.POST, prefix="reject")
    if form.is_valid():
        try:
            call_reject(call=call, by=request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Le projet est refusé ; son porteur est averti du motif."))
            return redirect(call.get_review_url())
    return _render_manage(request, territory, None, call, reject_form=form)
