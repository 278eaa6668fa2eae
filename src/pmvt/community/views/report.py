"""The report form: anyone signed in reports a piece of content to the moderators."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pmvt.community.access import can_view_content, is_author
from pmvt.community.forms import ReportForm
from pmvt.community.models import ModeratedContent
from pmvt.community.selectors import content_of, has_reported
from pmvt.community.services.moderation import content_kind, content_report, content_title
from pmvt.core.exceptions import ApplicationError
from pmvt.core.navigation import breadcrumbs
from pmvt.territories.middleware import require_territory


def _content_or_404(request: HttpRequest, content_type_id: int, object_id: int):
    territory = require_territory(request)
    content = content_of(territory=territory, content_type_id=content_type_id, object_id=object_id)
    if content is None or not can_view_content(request.user, content):
        raise Http404
    return territory, content


def _back(content: ModeratedContent) -> str:
    return content.get_absolute_url()  # type: ignore[attr-defined]


def report(
    request: HttpRequest, territory_slug: str, content_type_id: int, object_id: int
) -> HttpResponse:
    territory, content = _content_or_404(request, content_type_id, object_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if is_author(user=request.user, content=content):
        messages.error(request, _("Vous ne pouvez pas signaler votre propre contenu."))
        return redirect(_back(content))
    if request.method == "GET" and has_reported(user=request.user, content=content):
        messages.info(
            request, _("Vous avez déjà signalé ce contenu : les modérateurs vont l'examiner.")
        )
        return redirect(_back(content))
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            content_report(
                user=request.user,
                content=content,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Merci, votre signalement a été transmis aux modérateurs."))
            return redirect(_back(content))
    title = content_title(content)
    return render(
        request,
        "community/report.html",
        {
            "territory": territory,
            "current_door": "values",
            "form": form,
            "content": content,
            "content_title": title,
            "content_kind": content_kind(content),
            "content_url": _back(content),
            "breadcrumb_items": breadcrumbs(
                territory, (title, _back(content)), (_("Signaler"), "")
            ),
        },
    )
