"""Template helpers of the actors area: French times and seasons, JSON-LD data blocks.

Load with `{% load actors_tags %}`.
"""

import json
from datetime import time
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from pmvt.actors.formatting import format_range, format_time, season_label
from pmvt.actors.models import ActorLabel, Market

register = template.Library()

# As django.utils.html.json_script: "</script>" or "<!--" inside a value cannot end the block.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def heure(value: time | None) -> str:
    """time(8, 30) → "8 h 30"; time(13, 0) → "13 h"."""
    return format_time(value) if value else ""


@register.simple_tag
def time_range(opens: time, closes: time) -> str:
    return format_range(opens, closes)


@register.simple_tag
def season(start_month: int, end_month: int) -> str:
    return season_label(start_month, end_month)


@register.simple_tag
def json_ld(data: dict[str, Any]) -> SafeString:
    """A schema.org block: <script type="application/ld+json"> is data, never executed."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.filter
def actor_label(value: str) -> str:
    """The display name of a label value ("bio" → "Agriculture biologique")."""
    return str(ActorLabel(value).label) if value in ActorLabel.values else value


@register.simple_tag
def market_schedule(market: Market) -> str:
    """ "le samedi, de 8 h à 13 h"."""
    return _("le %(day)s, de %(start)s à %(end)s") % {
        "day": market.get_weekday_display(),
        "start": format_time(market.start_time),
        "end": format_time(market.end_time),
    }


@register.filter
def in_season(market: Market, month: int) -> bool:
    return market.is_in_season(month)
