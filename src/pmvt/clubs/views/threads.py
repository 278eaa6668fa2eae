"""A club's threads: open one, read it with its replies, reply, and the moderators' marks."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.clubs.access import (
    access_club_post,
    access_thread,
    can_mark_solved,
    can_reply_to_thread,
)
from pmvt.clubs.forms import ReplyForm, ThreadForm
from pmvt.clubs.models import Club, Reply, Thread
from pmvt.clubs.selectors import reply_position, thread_of_club, thread_replies
from pmvt.clubs.services.threads import (
    reply_create,
    thread_create,
    thread_mark_solved,
    thread_set_locked,
    thread_set_pinned,
)
from pmvt.community.models import Visibility
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.requests import AuthenticatedRequest, id_param
from pmvt.territories.middleware import require_territory

from ._common import club_context, club_or_404, club_trail

REPLIES_PER_PAGE = 20


def _thread(club: Club, thread_slug: str) -> Thread:
    thread = thread_of_club(club=club, slug=thread_slug)
    if thread is None:
        raise Http404
    return thread


def thread_new(request: AuthenticatedRequest, territory_slug: str, club_slug: str) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    access_club_post(user=request.user, club=club)
    form = ThreadForm(request.POST or None, club=club)
    if request.method == "POST" and form.is_valid():
        try:
            thread = thread_create(club=club, author=request.user, **form.cleaned_data)
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            if thread.visibility == Visibility.PUBLISHED:
                messages.success(request, _("Votre discussion est publiée."))
            else:
                messages.success(
                    request,
                    _(
                        "Votre discussion est enregistrée. Elle sera visible des autres membres "
                        "après relecture par la modération."
                    ),
                )
            return redirect(thread.get_absolute_url())
    context = club_context(request, club, "discussions")
    context.update(
        form=form,
        breadcrumb_items=club_trail(territory, club, (_("Nouvelle discussion"), "")),
    )
    return render(request, "clubs/thread_form.html", context)


def thread_detail(
    request: HttpRequest, territory_slug: str, club_slug: str, thread_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    thread = _thread(club, thread_slug)
    access_thread(user=request.user, thread=thread)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reply = reply_create(
                thread=thread,
                author=request.user,  # type: ignore[arg-type]
                body=form.cleaned_data["body"],
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            if reply.visibility == Visibility.PUBLISHED:
                messages.success(request, _("Votre réponse est publiée."))
            else:
                messages.success(
                    request,
                    _(
                        "Votre réponse est enregistrée. Elle sera visible des autres membres "
                        "après relecture par la modération."
                    ),
                )
            return redirect(reply.get_absolute_url())
    replies = thread_replies(thread=thread, user=request.user)
    page_number = request.GET.get("page")
    target = id_param(request.GET.get("reponse"))
    if target is not None and not page_number:
        position = reply_position(thread=thread, user=request.user, reply_id=target)
        if position is not None:
            page_number = str(position // REPLIES_PER_PAGE + 1)
    page_obj = Paginator(replies, REPLIES_PER_PAGE).get_page(page_number)
    context = club_context(request, club, "discussions")
    context.update(
        thread=thread,
        page_obj=page_obj,
        querystring_base="",
        form=form,
        can_reply=can_reply_to_thread(user=request.user, thread=thread),
        can_mark_solved=can_mark_solved(user=request.user, thread=thread),
        solved_reply=thread.solved_reply if thread.solved_reply_id else None,
        breadcrumb_items=club_trail(territory, club, (thread.title, "")),
    )
    return render(request, "clubs/thread_detail.html", context)


@require_POST
def thread_solved(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, thread_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    thread = _thread(club, thread_slug)
    access_thread(user=request.user, thread=thread)
    raw_reply_id = request.POST.get("reponse", "")
    reply: Reply | None = None
    if raw_reply_id:
        reply_id = id_param(raw_reply_id)
        if reply_id is None:
            raise Http404
        reply = thread_replies(thread=thread, user=request.user).filter(pk=reply_id).first()
        if reply is None:
            raise Http404
    try:
        thread_mark_solved(thread=thread, by=request.user, reply=reply)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        if reply is None:
            messages.success(request, _("La question est de nouveau ouverte."))
        else:
            messages.success(request, _("La question est marquée comme résolue."))
    if reply is not None:
        return redirect(reply.get_absolute_url())
    return redirect(thread.get_absolute_url())


@require_POST
def thread_pin(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, thread_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    thread = _thread(club, thread_slug)
    pinned = request.POST.get("epingler") == "1"
    thread_set_pinned(thread=thread, by=request.user, pinned=pinned)
    if pinned:
        messages.success(request, _("La discussion est épinglée en tête du club."))
    else:
        messages.success(request, _("La discussion n'est plus épinglée."))
    return redirect(thread.get_absolute_url())


@require_POST
def thread_lock(
    request: AuthenticatedRequest, territory_slug: str, club_slug: str, thread_slug: str
) -> HttpResponse:
    territory = require_territory(request)
    club = club_or_404(request, territory, club_slug)
    thread = _thread(club, thread_slug)
    locked = request.POST.get("clore") == "1"
    thread_set_locked(thread=thread, by=request.user, locked=locked)
    if locked:
        messages.success(
            request, _("La discussion est close : les membres ne peuvent plus y répondre.")
        )
    else:
        messages.success(request, _("La discussion est de nouveau ouverte aux réponses."))
    return redirect(thread.get_absolute_url())
