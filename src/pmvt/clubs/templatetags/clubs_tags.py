"""Template helpers of the clubs: Markdown bodies and people's names."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from pmvt.accounts.models import User
from pmvt.clubs.formatting import person_name
from pmvt.core.markdown import render_markdown

register = template.Library()


@register.filter
def club_markdown(text: str) -> SafeString:
    """Markdown rendered to HTML and sanitised by pmvt.core.markdown (no raw HTML)."""
    return mark_safe(str(render_markdown(text or "")))  # noqa: S308 - sanitised by nh3.


@register.filter
def club_person(user: User | None) -> str:
    return person_name(user)
