"""Workshops' share of "download my data" and "delete my account".

Exported: the person's participations (with the dots placed on each theme), contributions and
theme suggestions. On erasure the participations go with their dots (the results lose those
votes), suggestions go, and contributions stay on the wall anonymised (their author is
cleared): they are the group's work, and hold nothing that names the person but the author
link. Workshops the person facilitated stay with the territory.
"""

from typing import Any

from pmvt.accounts.models import User
from pmvt.workshops.models import Contribution, Dot, Participant, ThemeSuggestion


def export_workshops_data(user: User) -> dict[str, list[dict[str, Any]]]:
    participations = Participant.objects.filter(user=user).select_related("workshop__territory")
    dots = Dot.objects.filter(participant__user=user).select_related(
        "theme", "participant__workshop"
    )
    contributions = Contribution.objects.filter(author=user).select_related("workshop", "theme")
    suggestions = ThemeSuggestion.objects.filter(suggested_by=user).select_related(
        "contribution__workshop", "theme"
    )
    return {
        "participations": [
            {
                "territory": p.workshop.territory.name,
                "workshop": p.workshop.title,
                "joined_at": p.joined_at.isoformat(),
                "dots_used": p.dots_used,
            }
            for p in participations.order_by("joined_at", "pk")
        ],
        "dots": [
            {"workshop": d.participant.workshop.title, "theme": d.theme.title, "count": d.count}
            for d in dots.order_by("pk")
        ],
        "contributions": [
            {
                "workshop": c.workshop.title,
                "text": c.text,
                "theme": c.theme.title if c.theme else None,
                "created_at": c.created_at.isoformat(),
            }
            for c in contributions.order_by("created_at", "pk")
        ],
        "theme_suggestions": [
            {
                "workshop": s.contribution.workshop.title,
                "contribution": s.contribution.text,
                "theme": s.theme.title if s.theme else s.new_title,
                "status": s.status,
            }
            for s in suggestions.order_by("created_at", "pk")
        ],
    }


def erase_workshops_data(user: User) -> None:
    ThemeSuggestion.objects.filter(suggested_by=user).delete()
    Participant.objects.filter(user=user).delete()  # Their dots go with them.
    Contribution.objects.filter(author=user).update(author=None)
