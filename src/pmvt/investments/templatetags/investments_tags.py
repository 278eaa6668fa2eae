"""Template helpers of the investments area: Markdown texts, the state of a call as a badge."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from pmvt.core.markdown import render_markdown
from pmvt.investments.models import CallStatus, InvestmentCall

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.inclusion_tag("components/badge.html")
def call_badge(call: InvestmentCall) -> dict[str, str]:
    """The state a visitor cares about: open, upcoming, closed; or the back-office status."""
    if call.status == CallStatus.PUBLISHED:
        if call.is_upcoming:
            return {"label": _("Promesses bientôt ouvertes"), "tone": "neutral"}
        if call.is_over:
            return {"label": _("Clôturé"), "tone": "error"}
        return {"label": _("Promesses ouvertes"), "tone": "success"}
    tones = {
        CallStatus.DRAFT: "neutral",
        CallStatus.SUBMITTED: "warning",
        CallStatus.CLOSED: "error",
        CallStatus.REJECTED: "error",
    }
    return {"label": str(CallStatus(call.status).label), "tone": tones[CallStatus(call.status)]}
