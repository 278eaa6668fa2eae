"""The territory admins' page of the skills vocabulary: list it, add and withdraw their terms."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.core.navigation import breadcrumbs
from pmvt.core.requests import AuthenticatedRequest
from pmvt.skills.access import access_vocabulary_as_admin
from pmvt.skills.forms import TermForm
from pmvt.skills.selectors import term_of_territory, terms_by_category, vocabulary_for_admin
from pmvt.skills.services.vocabulary import (
    skill_term_add,
    skill_term_deactivate,
    skill_term_reactivate,
)
from pmvt.skills.views.common import report
from pmvt.territories.middleware import require_territory


def vocabulary(request: AuthenticatedRequest, territory_slug: str) -> HttpResponse:
    territory = require_territory(request)
    access_vocabulary_as_admin(user=request.user, territory=territory)
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = skill_term_add(
                territory=territory,
                by=request.user,
                label=form.cleaned_data["label"],
                category=form.cleaned_data["category"],
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            report(form, error)
        else:
            messages.success(
                request,
                _("La compétence « %(label)s » est ajoutée au vocabulaire du territoire.")
                % {"label": term.label},
            )
            return redirect("skills:vocabulary", territory_slug=territory.slug)
    terms = list(vocabulary_for_admin(territory=territory))
    return render(
        request,
        "skills/gestion/vocabulary.html",
        {
            "territory": territory,
            "form": form,
            "groups": terms_by_category(terms),
            "own_count": sum(1 for t in terms if t.territory_id is not None),
            "breadcrumb_items": breadcrumbs(
                territory,
                (
                    _("Gestion"),
                    reverse("backoffice:dashboard", kwargs={"territory_slug": territory.slug}),
                ),
                (_("Vocabulaire des compétences"), ""),
            ),
        },
    )


def _set_active(
    request: AuthenticatedRequest, territory_slug: str, term_id: int, *, active: bool
) -> HttpResponse:
    territory = require_territory(request)
    access_vocabulary_as_admin(user=request.user, territory=territory)
    term = term_of_territory(territory=territory, term_id=term_id)
    if term is None:
        raise Http404
    if active:
        skill_term_reactivate(term=term, by=request.user)
        messages.success(
            request, _("La compétence « %(label)s » est de nouveau proposée.") % {"label": term}
        )
    else:
        skill_term_deactivate(term=term, by=request.user)
        messages.success(
            request,
            _("La compétence « %(label)s » n'est plus proposée.") % {"label": term},
        )
    return redirect("skills:vocabulary", territory_slug=territory.slug)


@require_POST
def term_deactivate(
    request: AuthenticatedRequest, territory_slug: str, term_id: int
) -> HttpResponse:
    return _set_active(request, territory_slug, term_id, active=False)


@require_POST
def term_reactivate(
    request: AuthenticatedRequest, territory_slug: str, term_id: int
) -> HttpResponse:
    return _set_active(request, territory_slug, term_id, active=True)
