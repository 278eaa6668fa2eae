"""Template helpers of the jobs pages: salary and working time the French way, badges."""

from datetime import date

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pmvt.core.markdown import render_markdown
from pmvt.core.templatetags.pmvt_format import NBSP, euros_text, format_decimal_fr
from pmvt.jobs.models import ApplicationStatus, JobOffer, SalaryPeriod
from pmvt.jobs.selectors import CLOSING_SOON_DAYS

register = template.Library()

STATUS_TONES = {
    ApplicationStatus.RECEIVED: "neutral",
    ApplicationStatus.SEEN: "neutral",
    ApplicationStatus.INTERVIEW: "success",
    ApplicationStatus.CLOSED: "warning",
    ApplicationStatus.WITHDRAWN: "neutral",
}


def salary_text(offer: JobOffer) -> str:
    """ "De 1 800,00 € à 2 100,00 € brut par mois", "" without a salary."""
    low, high = offer.salary_min, offer.salary_max
    if low is None and high is None:
        return ""
    period = str(SalaryPeriod(offer.salary_period).label) if offer.salary_period else ""
    if low is not None and high is not None and low != high:
        text = _("De %(low)s à %(high)s brut") % {"low": euros_text(low), "high": euros_text(high)}
    elif low is not None and high is None:
        text = _("À partir de %(low)s brut") % {"low": euros_text(low)}
    elif low is None and high is not None:
        text = _("Jusqu'à %(high)s brut") % {"high": euros_text(high)}
    else:
        text = _("%(amount)s brut") % {"amount": euros_text(low)}
    return f"{text} {period}".strip()


@register.filter
def salary(offer: JobOffer) -> str:
    return salary_text(offer)


@register.filter
def weekly_hours(offer: JobOffer) -> str:
    """ "35 h par semaine", "" when not told."""
    if offer.hours_per_week is None:
        return ""
    hours = format_decimal_fr(offer.hours_per_week, places=1, trim=True)
    return _("%(hours)s%(nbsp)sh par semaine") % {"hours": hours, "nbsp": NBSP}


@register.simple_tag
def closing_text(offer: JobOffer, today: date | None = None) -> str:
    """ "Candidatures jusqu'au 12 décembre", "Dernier jour pour postuler", "Offre close"."""
    today = today or timezone.localdate()
    if not offer.is_open_on(today):
        return _("Offre close")
    days = (offer.closes_on - today).days
    if days == 0:
        return _("Dernier jour pour postuler")
    if days <= CLOSING_SOON_DAYS:
        return ngettext("Clôture dans %(count)s jour", "Clôture dans %(count)s jours", days) % {
            "count": days
        }
    return ""


@register.filter
def status_tone(status: str) -> str:
    return STATUS_TONES.get(status, "neutral")  # type: ignore[call-overload]


@register.filter
def markdown(text: str) -> SafeString:
    """The offer's description as sanitised HTML (pmvt.core.markdown)."""
    return render_markdown(text)
