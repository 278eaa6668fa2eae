"""Back office of the Valeurs territoriales: moderation settings and themes (territory admins)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.community.access import access_community_settings, access_themes
from pmvt.community.forms import CommunitySettingsForm, ThemeForm
from pmvt.community.models import Theme
from pmvt.community.selectors import community_settings_of, themes_of
from pmvt.community.services.settings import community_settings_update
from pmvt.community.services.themes import theme_create, theme_move, theme_rename
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.territories.middleware import require_territory
from pmvt.territories.models import Territory


def _trail(territory: Territory, label: str) -> list[tuple[str, str]]:
    return breadcrumbs(
        territory,
        (_("Gestion"), reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug})),
        (label, ""),
    )


def settings_page(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_community_settings(user=request.user, territory=territory)
    current = community_settings_of(territory)
    form = CommunitySettingsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "report_threshold": current.report_threshold,
            "moderate_before_publication": current.moderate_before_publication,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            community_settings_update(
                by=request.user,
                territory=territory,
                report_threshold=form.cleaned_data["report_threshold"],
                moderate_before_publication=form.cleaned_data["moderate_before_publication"],
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Les réglages de la modération ont été enregistrés."))
            return redirect("community:admin_settings", territory_slug=territory.slug)
    return render(
        request,
        "community/admin_settings.html",
        {
            "territory": territory,
            "form": form,
            "breadcrumb_items": _trail(territory, _("Modération et thèmes")),
        },
    )


def _theme_or_404(territory: Territory, theme_id: int) -> Theme:
    theme = Theme.objects.filter(territory=territory, pk=theme_id).select_related("territory")
    found = theme.first()
    if found is None:
        raise Http404
    return found


def themes(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_themes(user=request.user, territory=territory)
    form = ThemeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = theme_create(
                by=request.user, territory=territory, name=form.cleaned_data["name"]
            )
        except ApplicationError as error:
            form.add_error("name", str(error.message))
        else:
            messages.success(
                request, _("Le thème « %(name)s » a été ajouté.") % {"name": theme.name}
            )
            return redirect("community:admin_themes", territory_slug=territory.slug)
    return render(
        request,
        "community/admin_themes.html",
        {
            "territory": territory,
            "form": form,
            "themes": list(themes_of(territory=territory)),
            "breadcrumb_items": _trail(territory, _("Thèmes")),
        },
        status=400 if request.method == "POST" else 200,
    )


def theme_edit(request: HttpRequest, territory_slug: str, theme_id: int) -> HttpResponse:
    territory = require_territory(request)
    access_themes(user=request.user, territory=territory)
    theme = _theme_or_404(territory, theme_id)
    form = ThemeForm(
        request.POST if request.method == "POST" else None, initial={"name": theme.name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            theme_rename(by=request.user, theme=theme, name=form.cleaned_data["name"])
        except ApplicationError as error:
            form.add_error("name", str(error.message))
        else:
            messages.success(request, _("Le thème a été renommé."))
            return redirect("community:admin_themes", territory_slug=territory.slug)
    return render(
        request,
        "community/admin_theme_edit.html",
        {
            "territory": territory,
            "form": form,
            "theme": theme,
            "breadcrumb_items": breadcrumbs(
                territory,
                (
                    _("Thèmes"),
                    reverse("community:admin_themes", kwargs={"territory_slug": territory.slug}),
                ),
                (_("Renommer le thème"), ""),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def theme_move_view(request: HttpRequest, territory_slug: str, theme_id: int) -> HttpResponse:
    territory = require_territory(request)
    access_themes(user=request.user, territory=territory)
    theme = _theme_or_404(territory, theme_id)
    theme_move(by=request.user, theme=theme, up=request.POST.get("direction") == "up")
    messages.success(request, _("L'ordre des thèmes a été modifié."))
    return redirect("community:admin_themes", territory_slug=territory.slug)
