"""Territory back office: the product taxonomy every seller files its offers under."""

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import access_territory_as_admin
from pmvt.accounts.models import User
from pmvt.catalog.forms import CategoryForm
from pmvt.catalog.models import Category
from pmvt.catalog.selectors_categories import category_of_territory, category_tree_page
from pmvt.catalog.services.categories import (
    category_activate,
    category_add,
    category_deactivate,
    category_delete,
    category_update,
)
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory


def _gestion(territory: Territory) -> tuple[str, str]:
    return (
        _("Gestion"),
        reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug}),
    )


def _index_url(territory: Territory) -> str:
    return reverse("catalog:admin_categories", kwargs={"territory_slug": territory.slug})


def _category(territory: Territory, category_id: int) -> Category:
    category = category_of_territory(territory=territory, category_id=category_id)
    if category is None:
        raise Http404
    return category


def _admin_category(request: HttpRequest, category_id: int) -> tuple[Territory, Category]:
    """The territory, checked to be administered by the user, and one of its categories."""
    territory = require_territory(request)
    access_territory_as_admin(user=request.user, territory=territory)
    return territory, _category(territory, category_id)


def categories(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    """The two-level tree with the offers in each category, and a form to add one."""
    territory = require_territory(request)
    access_territory_as_admin(user=request.user, territory=territory)
    form = CategoryForm(request.POST or None, territory=territory)
    if request.method == "POST" and form.is_valid():
        try:
            category = category_add(
                territory=territory,
                by=request.user,
                name=form.cleaned_data["name"],
                parent=form.cleaned_data["parent"],
                position=form.cleaned_data["position"],
            )
        except ApplicationError as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error.message))
        else:
            messages.success(
                request, _("La catégorie « %(name)s » est créée.") % {"name": category}
            )
            return redirect(_index_url(territory))
    listing = category_tree_page(territory=territory, page=request.GET.get("page"))
    return render(
        request,
        "catalog/admin_categories.html",
        {
            "territory": territory,
            "tree": listing.tree,
            "page_obj": listing.page_obj,
            "form": form,
            "breadcrumb_items": breadcrumbs(
                territory, _gestion(territory), (_("Catégories du catalogue"), "")
            ),
        },
    )


def category_edit(
    request: AuthenticatedRequest, territory_slug: str, category_id: int
) -> HttpResponse:
    """Rename, move under another top category, reorder."""
    territory, category = _admin_category(request, category_id)
    initial = {"name": category.name, "parent": category.parent, "position": category.position}
    form = CategoryForm(
        request.POST or None, territory=territory, category=category, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            category_update(
                category=category,
                by=request.user,
                name=form.cleaned_data["name"],
                parent=form.cleaned_data["parent"],
                position=form.cleaned_data["position"],
            )
        except ApplicationError as error:
            category.refresh_from_db()
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error.message))
        else:
            messages.success(
                request, _("La catégorie « %(name)s » est enregistrée.") % {"name": category}
            )
            return redirect(_index_url(territory))
    return render(
        request,
        "catalog/admin_category_edit.html",
        {
            "territory": territory,
            "category": category,
            "form": form,
            "breadcrumb_items": breadcrumbs(
                territory,
                _gestion(territory),
                (_("Catégories du catalogue"), _index_url(territory)),
                (category.name, ""),
            ),
        },
    )


def _status_change(
    request: AuthenticatedRequest,
    category_id: int,
    change: Callable[..., object],
    done: str,
) -> HttpResponse:
    territory, category = _admin_category(request, category_id)
    name = category.name
    user: User = request.user
    try:
        change(category=category, by=user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done % {"name": name})
    return redirect(_index_url(territory))


@require_POST
def category_deactivate_view(
    request: AuthenticatedRequest, territory_slug: str, category_id: int
) -> HttpResponse:
    return _status_change(
        request,
        category_id,
        category_deactivate,
        _("La catégorie « %(name)s » est désactivée : les vendeurs ne la voient plus."),
    )


@require_POST
def category_activate_view(
    request: AuthenticatedRequest, territory_slug: str, category_id: int
) -> HttpResponse:
    return _status_change(
        request,
        category_id,
        category_activate,
        _("La catégorie « %(name)s » est de nouveau proposée aux vendeurs."),
    )


@require_POST
def category_delete_view(
    request: AuthenticatedRequest, territory_slug: str, category_id: int
) -> HttpResponse:
    return _status_change(
        request, category_id, category_delete, _("La catégorie « %(name)s » est supprimée.")
    )
