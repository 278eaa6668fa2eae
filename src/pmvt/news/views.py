"""Pages of the news: the list with its filters, a post, submit and edit, my posts."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.accounts.access import can_administer_territory, can_moderate_territory
from pmvt.community.models import Theme, Visibility
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs, values_trail
from pmvt.core.requests import AuthenticatedRequest
from pmvt.news.access import (
    access_post_delete,
    access_post_edit,
    access_post_submit,
    can_delete_post,
    can_edit_post,
    can_submit_post,
    can_view_post,
    is_post_author,
    publishing_actors,
)
from pmvt.news.forms import NewsFilterForm, PostForm
from pmvt.news.models import Post
from pmvt.news.selectors import (
    communes_of_territory,
    news_list,
    news_of_author,
    post_of_territory,
    themes_of_territory,
)
from pmvt.news.services.posts import PERSONAL, post_create, post_delete, post_update
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory

POSTS_PER_PAGE = 12
MY_POSTS_PER_PAGE = 20


def _news_trail(territory: Territory) -> tuple[str, str]:
    return (_("Actualités"), reverse("news:list", kwargs={"territory_slug": territory.slug}))


def _feeds(territory: Territory, theme: Theme | None) -> list[dict[str, str]]:
    """The feeds offered in the page head: the territory's, and the theme's when filtered."""
    kwargs = {"territory_slug": territory.slug}
    feeds = [
        {
            "type": "application/rss+xml",
            "title": _("Actualités de %(territory)s (RSS)") % {"territory": territory.public_name},
            "url": reverse("news:feed_rss", kwargs=kwargs),
        },
        {
            "type": "application/atom+xml",
            "title": _("Actualités de %(territory)s (Atom)") % {"territory": territory.public_name},
            "url": reverse("news:feed_atom", kwargs=kwargs),
        },
    ]
    if theme is not None:
        theme_kwargs = {**kwargs, "theme_slug": theme.slug}
        feeds += [
            {
                "type": "application/rss+xml",
                "title": _("Actualités du thème %(theme)s (RSS)") % {"theme": theme.name},
                "url": reverse("news:theme_feed_rss", kwargs=theme_kwargs),
            },
            {
                "type": "application/atom+xml",
                "title": _("Actualités du thème %(theme)s (Atom)") % {"theme": theme.name},
                "url": reverse("news:theme_feed_atom", kwargs=theme_kwargs),
            },
        ]
    return feeds


def news_index(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = NewsFilterForm(
        request.GET or None,
        themes=list(themes_of_territory(territory=territory)),
        communes=list(communes_of_territory(territory=territory)),
    )
    filters = form.to_filters()
    posts = news_list(territory=territory, filters=filters)
    page_obj = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "news/list.html",
        {
            "territory": territory,
            "current_door": "values",
            "form": form,
            "page_obj": page_obj,
            "querystring_base": f"{querystring.urlencode()}&" if querystring else "",
            "filtered": bool(querystring),
            "theme": filters.theme,
            "feeds": _feeds(territory, filters.theme),
            "can_submit": can_submit_post(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory, values_trail(territory), (_("Actualités"), "")
            ),
        },
    )


def _post_or_404(request: HttpRequest, territory: Territory, post_slug: str) -> Post:
    post = post_of_territory(territory=territory, slug=post_slug)
    if post is None or not can_view_post(user=request.user, post=post):
        raise Http404
    return post


def post_detail(request: HttpRequest, territory_slug: str, post_slug: str) -> HttpResponse:
    territory = require_territory(request)
    post = _post_or_404(request, territory, post_slug)
    return render(
        request,
        "news/detail.html",
        {
            "territory": territory,
            "current_door": "values",
            "post": post,
            "is_author": is_post_author(user=request.user, post=post),
            "can_edit": can_edit_post(user=request.user, post=post),
            "can_delete": can_delete_post(user=request.user, post=post),
            "feeds": _feeds(territory, None),
            "breadcrumb_items": breadcrumbs(
                territory, values_trail(territory), _news_trail(territory), (post.title, "")
            ),
        },
    )


def _form(
    request: HttpRequest, territory: Territory, *, post: Post | None, choose_publisher: bool
) -> PostForm:
    return PostForm(
        request.POST or None,
        request.FILES or None,
        themes=themes_of_territory(territory=territory),
        communes=communes_of_territory(territory=territory),
        actors=publishing_actors(user=request.user, territory=territory),
        as_territory=can_administer_territory(user=request.user, territory=territory),
        post=post,
        choose_publisher=choose_publisher,
    )


def _saved_message(request: HttpRequest, post: Post) -> None:
    if post.visibility == Visibility.PUBLISHED:
        messages.success(request, _("Votre actualité est publiée."))
    else:
        messages.success(
            request,
            _(
                "Votre actualité est enregistrée. Elle sera publiée après relecture par "
                "la modération du territoire."
            ),
        )


def post_new(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access_post_submit(user=request.user, territory=territory)
    form = _form(request, territory, post=None, choose_publisher=True)
    if request.method == "POST" and form.is_valid():
        publisher = form.to_publisher()
        try:
            post = post_create(
                territory=territory,
                author=request.user,
                publisher=publisher or PERSONAL,
                **form.service_values(),
            )
        except PermissionDeniedError as error:
            form.add_error("publisher" if "publisher" in form.fields else None, str(error.message))
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            _saved_message(request, post)
            return redirect(post.get_absolute_url())
    return render(
        request,
        "news/form.html",
        {
            "territory": territory,
            "current_door": "values",
            "form": form,
            "post": None,
            "is_moderated": not can_moderate_territory(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory,
                values_trail(territory),
                _news_trail(territory),
                (_("Proposer une actualité"), ""),
            ),
        },
    )


def post_edit(request: AuthenticatedRequest, territory_slug: str, post_slug: str) -> HttpResponse:
    territory = require_territory(request)
    post = _post_or_404(request, territory, post_slug)
    access_post_edit(user=request.user, post=post)
    # Only the author chooses who signs; a moderator correcting a post keeps its signature.
    is_author = is_post_author(user=request.user, post=post)
    form = _form(request, territory, post=post, choose_publisher=is_author)
    if request.method == "POST" and form.is_valid():
        try:
            post = post_update(
                post=post,
                by=request.user,
                **form.service_values(),
                remove_image=bool(form.cleaned_data.get("remove_image")),
                publisher=form.to_publisher() if is_author else None,
            )
        except PermissionDeniedError as error:
            form.add_error("publisher" if "publisher" in form.fields else None, str(error.message))
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            if is_author:
                _saved_message(request, post)
            else:
                messages.success(request, _("L'actualité est modifiée."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "news/form.html",
        {
            "territory": territory,
            "current_door": "values",
            "form": form,
            "post": post,
            "is_moderated": is_author
            and not can_moderate_territory(user=request.user, territory=territory),
            "breadcrumb_items": breadcrumbs(
                territory,
                values_trail(territory),
                _news_trail(territory),
                (post.title, post.get_absolute_url()),
                (_("Modifier"), ""),
            ),
        },
    )


def post_remove(request: AuthenticatedRequest, territory_slug: str, post_slug: str) -> HttpResponse:
    """GET: ask to confirm; POST: delete the post for good."""
    territory = require_territory(request)
    post = _post_or_404(request, territory, post_slug)
    access_post_delete(user=request.user, post=post)
    if request.method == "POST":
        is_author = is_post_author(user=request.user, post=post)
        post_delete(post=post, by=request.user)
        messages.success(request, _("L'actualité est supprimée."))
        if is_author:
            return redirect("news:mine", territory_slug=territory.slug)
        return redirect("news:list", territory_slug=territory.slug)
    return render(
        request,
        "news/delete.html",
        {
            "territory": territory,
            "current_door": "values",
            "post": post,
            "breadcrumb_items": breadcrumbs(
                territory,
                values_trail(territory),
                _news_trail(territory),
                (post.title, post.get_absolute_url()),
                (_("Supprimer"), ""),
            ),
        },
    )


def my_posts(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    posts = news_of_author(territory=territory, user=request.user)
    page_obj = Paginator(posts, MY_POSTS_PER_PAGE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "territory": territory,
        "current_door": "values",
        "page_obj": page_obj,
        "querystring_base": "",
        "can_submit": can_submit_post(user=request.user, territory=territory),
        "breadcrumb_items": breadcrumbs(
            territory,
            values_trail(territory),
            _news_trail(territory),
            (_("Mes actualités"), ""),
        ),
    }
    return render(request, "news/mine.html", context)
