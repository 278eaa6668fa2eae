"""Template helpers of the news area: the "what's new on the territory" section of the home."""

from typing import Any

from django import template

from pmvt.news.selectors import news_latest
from pmvt.territories.models import Territory

register = template.Library()

HOME_POSTS = 5


@register.inclusion_tag("news/_home_section.html")
def news_home_section(territory: Territory) -> dict[str, Any]:
    """The latest published posts, in one query; nothing at all when there are none."""
    return {"territory": territory, "posts": news_latest(territory=territory, limit=HOME_POSTS)}
