"""Template rules that axe only catches when a table happens to overflow."""

import re
from pathlib import Path

import pmvt

TEMPLATES = sorted(Path(pmvt.__file__).parent.rglob("templates/**/*.html"))
TABLE_WRAP = re.compile(r'<div class="table-wrap"[^>]*>')


def test_templates_found():
    assert len(TEMPLATES) > 50


def test_every_scrollable_table_is_a_named_focusable_region():
    """A table wider than the screen scrolls; keyboard users must reach it (WCAG 2.1.1)."""
    offenders = []
    for path in TEMPLATES:
        for tag in TABLE_WRAP.findall(path.read_text()):
            has_name = "aria-label=" in tag or "aria-labelledby=" in tag
            if 'tabindex="0"' not in tag or 'role="region"' not in tag or not has_name:
                offenders.append(f"{path.name}: {tag}")
    assert not offenders, "\n".join(offenders)
