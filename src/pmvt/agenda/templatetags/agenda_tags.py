"""Template filters of the agenda: French dates and hours of an occurrence."""

from django import template

from pmvt.agenda.formatting import hours_fr, when_fr
from pmvt.agenda.models import Occurrence

register = template.Library()


@register.filter
def hours(occurrence: Occurrence) -> str:
    return hours_fr(occurrence.starts_at, occurrence.ends_at)


@register.filter
def when(occurrence: Occurrence) -> str:
    return when_fr(occurrence.starts_at, occurrence.ends_at)
