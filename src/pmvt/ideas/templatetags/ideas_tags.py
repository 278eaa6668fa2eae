"""Template helpers of the ideas: Markdown texts and people's names."""

from django import template
from django.utils.safestring import SafeString

from pmvt.accounts.models import User
from pmvt.core.markdown import render_markdown
from pmvt.ideas.formatting import person_name

register = template.Library()


@register.filter
def idea_markdown(text: str) -> SafeString:
    """Markdown rendered to HTML and sanitised by pmvt.core.markdown (no raw HTML)."""
    return render_markdown(text or "")


@register.filter
def idea_person(user: User | None) -> str:
    return person_name(user)
