"""axe-core checks of the pages the browser suite visits, and the report they add up to."""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_REPORT = ROOT / "src" / "pmvt" / "portal" / "data" / "axe-report.json"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# One-time keys in URLs would make the committed report change on every run.
VOLATILE_PATHS = [
    (re.compile(r"^/compte/confirm-email/[^/]+/$"), "/compte/confirm-email/<clé>/"),
    (re.compile(r"^/compte/password/reset/key/[^/]+/$"), "/compte/password/reset/key/<clé>/"),
]


@dataclass
class AxeSummary:
    """Pages checked during the session, in visiting order, keyed by their report path."""

    axe_version: str = ""
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    written: bool = False

    def record(self, *, path: str, title: str, violations: int) -> None:
        previous = self.pages.get(path)
        if previous is None or previous["violations"] < violations:
            self.pages[path] = {"url": path, "title": title, "violations": violations}

    def write(self, target: Path = AXE_REPORT) -> None:
        pages = list(self.pages.values())
        report = {
            "generated_at": date.today().isoformat(),
            "axe_version": self.axe_version,
            "standard": "WCAG 2.1 AA",
            "pages": pages,
            "violation_count": sum(p["violations"] for p in pages),
        }
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def report_path(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path
    for pattern, replacement in VOLATILE_PATHS:
        if pattern.match(path):
            path = replacement
    return f"{path}?{parts.query}" if parts.query else path


def describe(violations: list[dict[str, Any]]) -> str:
    """One readable block per violated rule: id, impact, help, and the offending nodes."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}: {summary}")
            lines.append(f"      {node['html'][:200]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more nodes")
    return "\n".join(lines)


class AxeChecker:
    def __init__(self, source: str, summary: AxeSummary) -> None:
        self.source = source
        self.summary = summary

    def check(self, page: Any) -> None:
        """Run axe on the page as it is now; record the result; fail on any violation."""
        page.wait_for_load_state("load")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # page.evaluate goes through the DevTools protocol: the page's CSP does not apply.
            page.evaluate(self.source)
        results = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        self.summary.axe_version = results["testEngine"]["version"]
        violations = results["violations"]
        path = report_path(page.url)
        title = page.title()
        self.summary.record(path=path, title=title, violations=len(violations))
        assert not violations, (
            f"axe found {len(violations)} accessibility violation(s) on {path} ({title}):\n"
            f"{describe(violations)}"
        )
