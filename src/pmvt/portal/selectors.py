"""Reads of the portal: the accessibility results the browser suite established."""

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

AXE_REPORT = Path(__file__).resolve().parent / "data" / "axe-report.json"


@cache
def accessibility_test_report() -> dict[str, Any] | None:
    """Summary written by the browser suite (tests/browser): pages checked and violations."""
    try:
        report = json.loads(AXE_REPORT.read_text())
        report["generated_on"] = date.fromisoformat(report["generated_at"][:10])
    except (OSError, ValueError, KeyError):
        return None
    return report
