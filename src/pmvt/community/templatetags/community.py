"""Minimal stand-in written by the clubs helper; the community helper owns and replaces it.

`{% report_link obj %}` will render a "Signaler" link to the report form; until that form
exists it renders nothing.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def report_link(context: template.Context, obj: object) -> str:
    return ""
