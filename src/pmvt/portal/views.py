"""Pages of the portal: the federation root, a territory's home, its two doors, legal pages."""

from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pmvt.catalog.selectors import category_counts, recent_offers
from pmvt.core.colors import contrast_ratio
from pmvt.core.navigation import breadcrumbs
from pmvt.portal.doors import door_sections
from pmvt.portal.forms import ContactForm, LocateForm
from pmvt.portal.selectors import accessibility_test_report
from pmvt.portal.services import contact_message_send
from pmvt.territories.middleware import require_territory
from pmvt.territories.selectors import territory_list_active, territory_locate


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def index(request: HttpRequest) -> HttpResponse:
    form = LocateForm(request.GET or None)
    results = territory_locate(query=form.cleaned_data["q"]) if form.is_valid() else None
    return render(
        request,
        "portal/index.html",
        {"territories": territory_list_active(), "form": form, "results": results},
    )


def home(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    return render(request, "portal/home.html", {"territory": territory})


def market(request: HttpRequest, territory_slug: str) -> HttpResponse:
    """The market's door: search box, categories with counts, the latest real offers."""
    territory = require_territory(request)
    return render(
        request,
        "portal/market.html",
        {
            "territory": territory,
            "current_door": "market",
            "categories": category_counts(territory=territory),
            "offers": recent_offers(territory=territory, limit=8),
            "sections": door_sections("market", territory=territory),
            "page_path": request.get_full_path(),
            "breadcrumb_items": breadcrumbs(territory, (_("Place des marchés"), "")),
        },
    )


def values(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    return render(
        request,
        "portal/values.html",
        {
            "territory": territory,
            "current_door": "values",
            "sections": door_sections("values", territory=territory),
            "breadcrumb_items": breadcrumbs(territory, (_("Valeurs territoriales"), "")),
        },
    )


def _legal_page(request: HttpRequest, template: str) -> HttpResponse:
    return render(
        request,
        template,
        {
            "territory": getattr(request, "territory", None),
            "axe_report": accessibility_test_report(),
        },
    )


def legal(request: HttpRequest, territory_slug: str | None = None) -> HttpResponse:
    return _legal_page(request, "portal/legal.html")


def privacy(request: HttpRequest, territory_slug: str | None = None) -> HttpResponse:
    return _legal_page(request, "portal/privacy.html")


def accessibility(request: HttpRequest, territory_slug: str | None = None) -> HttpResponse:
    return _legal_page(request, "portal/accessibility.html")


def terms(request: HttpRequest, territory_slug: str | None = None) -> HttpResponse:
    return _legal_page(request, "portal/terms.html")


def contact(request: HttpRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact_message_send(territory=territory, **form.cleaned_data)
        messages.success(request, _("Votre message a été envoyé. Merci !"))
        return redirect("portal:contact", territory_slug=territory.slug)
    return render(request, "portal/contact.html", {"territory": territory, "form": form})


@require_GET
@cache_control(max_age=3600, public=True)
def theme_css(request: HttpRequest, territory_slug: str) -> HttpResponse:
    """The territory's colours as CSS custom properties (no inline style: the CSP forbids it)."""
    territory = require_territory(request)
    colours = {}
    for name, value in (("primary", territory.primary_color), ("accent", territory.accent_color)):
        # Keep the accessible default if a stored colour is unreadable on white.
        if contrast_ratio(value, "#ffffff") >= 4.5:
            colours[name] = value
    css = ":root {" + "".join(f" --color-{k}: {v};" for k, v in colours.items()) + " }\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)
