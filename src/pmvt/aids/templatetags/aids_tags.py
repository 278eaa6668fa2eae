"""Template helpers of the aids area: Markdown texts, the deadline of an aid in words."""

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pmvt.aids.models import DEADLINE_SOON_DAYS, AidScheme, AidStatus
from pmvt.core.markdown import render_markdown
from pmvt.core.templatetags.pmvt_format import format_decimal_fr

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.inclusion_tag("aids/_deadline.html")
def aid_deadline(aid: AidScheme) -> dict[str, str]:
    """A badge: "clôture dans 12 jours", "clôturée", "ouvre le 3 mars", "sans date limite"."""
    status = aid.status
    days = aid.days_left
    if status == AidStatus.CLOSED:
        return {"label": _("Clôturée"), "tone": "error"}
    if status == AidStatus.UPCOMING:
        return {"label": _("À venir"), "tone": "neutral"}
    if days is None:
        return {"label": _("Sans date limite"), "tone": "success"}
    if days == 0:
        return {"label": _("Clôture aujourd'hui"), "tone": "warning"}
    label = ngettext("Clôture dans %(days)d jour", "Clôture dans %(days)d jours", days) % {
        "days": days
    }
    return {"label": label, "tone": "warning" if days <= DEADLINE_SOON_DAYS else "success"}


def _euros(value: Decimal) -> str:
    return f"{format_decimal_fr(value, places=2, trim=True)}\u00a0€"


@register.filter
def aid_amount(aid: AidScheme) -> str:
    """ "De 1 000 € à 5 000 €", "Jusqu'à 8 000 €", "À partir de 500 €", or ""."""
    low, high = aid.amount_min, aid.amount_max
    if low is not None and high is not None:
        if low == high:
            return _euros(low)
        return _("De %(low)s à %(high)s") % {"low": _euros(low), "high": _euros(high)}
    if high is not None:
        return _("Jusqu'à %(high)s") % {"high": _euros(high)}
    if low is not None:
        return _("À partir de %(low)s") % {"low": _euros(low)}
    return ""
