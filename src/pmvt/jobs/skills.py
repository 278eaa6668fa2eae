"""Skills of an offer: a short list of tags typed as "Menuiserie, permis B; travail en équipe"."""

import re
from collections.abc import Iterable

from pmvt.catalog.text import fold

MAX_SKILLS = 15
MAX_SKILL_LENGTH = 60
_SEPARATORS = re.compile(r"[,;\n]+")


def normalise_skill(text: str) -> str:
    """One tag: spaces collapsed, lower case (accents kept for display), cut to its limit."""
    return " ".join((text or "").split()).lower()[:MAX_SKILL_LENGTH].strip()


def parse_skills(value: str | Iterable[str]) -> list[str]:
    """The tags of a comma-separated text (or a list), normalised, without duplicates."""
    parts = _SEPARATORS.split(value) if isinstance(value, str) else list(value)
    tags: list[str] = []
    keys: set[str] = set()
    for part in parts:
        tag = normalise_skill(part)
        if tag and skill_key(tag) not in keys:
            tags.append(tag)
            keys.add(skill_key(tag))
    return tags


def skill_key(tag: str) -> str:
    """The accent-free form used to match a filter ("Pâtisserie" finds "patisserie")."""
    return " ".join(fold(tag).replace("|", " ").split())


def skill_keys_text(tags: Iterable[str]) -> str:
    keys = [skill_key(tag) for tag in tags]
    return f"|{'|'.join(keys)}|" if keys else ""
