"""Markdown written on the site (news, aids, announcements), rendered to safe HTML.

CommonMark with raw HTML disabled, then sanitised by nh3 against an allow-list, so a text
can never carry a script, a style or an event handler. Links open in the same tab and carry
rel="noopener noreferrer nofollow" (nh3 adds it).
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def render_markdown(text: str) -> SafeString:
    """The text as sanitised HTML; headings start at level 2 (the page has its own h1)."""
    html = _parser.render(text or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 — sanitised by nh3 just above.
