"""Territory back office: the product taxonomy every seller files its offers under."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.accounts.access import access_territory_as_admin
from pmvt.catalog.forms import CategoryForm, CategoryRenameForm
from pmvt.catalog.models import Category
from pmvt.catalog.services.categories import category_add, category_delete, category_rename
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory


def _index_url(territory: Territory) -> str:
    return reverse("catalog:admin_categories", kwargs={"territory_slug": territory.slug})


def _category(territory: Territory, category_id: int) -> Category:
    category = Category.objects.filter(territory=territory, pk=category_id).first()
    if category is None:
        raise Http404
    return category


def categories(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    """The two-level tree with the number of offers in each category, and a form to add one."""
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
            )
        except ApplicationError as error:
            form.add_error("name", str(error.message))
        else:
            messages.success(
                request, _("La catégorie « %(name)s » est créée.") % {"name": category}
            )
            return redirect(_index_url(territory))
    rows = list(
        Category.objects.filter(territory=territory)
        .annotate(offer_count=Count("offers"))
        .order_by("position", "name")
    )
    tops = [c for c in rows if c.parent_id is None]
    children: dict[int, list[Category]] = {}
    for c in rows:
        if c.parent_id is not None:
            children.setdefault(c.parent_id, []).append(c)
    gestion = reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug})
    return render(
        request,
        "catalog/admin_categories.html",
        {
            "territory": territory,
            "tree": [(top, children.get(top.pk, [])) for top in tops],
            "form": form,
            "rename_form": CategoryRenameForm(),
            "breadcrumb_items": breadcrumbs(
                territory, (_("Gestion"), gestion), (_("Catégories du catalogue"), "")
            ),
        },
    )


@require_POST
def category_rename_view(
    request: AuthenticatedRequest, territory_slug: str, category_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_territory_as_admin(user=request.user, territory=territory)
    category = _category(territory, category_id)
    form = CategoryRenameForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le nom de la catégorie (120 caractères au plus)."))
        return redirect(_index_url(territory))
    try:
        category_rename(category=category, by=request.user, name=form.cleaned_data["name"])
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("La catégorie est renommée « %(name)s ».") % {"name": category})
    return redirect(_index_url(territory))


@require_POST
def category_delete_view(
    request: AuthenticatedRequest, territory_slug: str, category_id: int
) -> HttpResponse:
    territory = require_territory(request)
    access_territory_as_admin(user=request.user, territory=territory)
    category = _category(territory, category_id)
    name = category.name
    try:
        category_delete(category=category, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("La catégorie « %(name)s » est supprimée.") % {"name": name})
    return redirect(_index_url(territory))
