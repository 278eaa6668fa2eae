"""End-to-end fixtures: a live server, headless Chromium (Debian's) and axe-core checks.

Every page a test visits goes through `axe.check(page)`, which fails on any WCAG 2.1 A/AA or
best-practice violation. After a complete, green run of the browser suite the results are
written to src/pmvt/portal/data/axe-report.json, which the accessibility statement displays.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.accessibility import AXE_JS, AXE_REPORT, ROOT, AxeChecker, AxeSummary
from tests.browser.support import TERRITORY_SIREN, make_user

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium tries to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BROWSER_DIR = Path(__file__).resolve().parent
SUMMARY = AxeSummary()


def _missing_tools() -> str:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.exists():
        missing.append(f"{AXE_JS.relative_to(ROOT)} (run npm ci at the repository root)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install -e '.[dev]')")
    return ", ".join(missing)


def _is_browser_item(item: pytest.Item) -> bool:
    return BROWSER_DIR in Path(str(item.path)).parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the browser suite, saying why, when Chromium or axe-core is not installed.

    With PMVT_BROWSER_REQUIRED=1 (set by .ci/run) a missing tool is an error instead.
    """
    browser_items = [item for item in items if _is_browser_item(item)]
    missing = _missing_tools() if browser_items else ""
    if not missing:
        return
    message = f"the browser suite needs {missing}"
    if os.environ.get("PMVT_BROWSER_REQUIRED") == "1":
        raise pytest.UsageError(message)
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=message))


def _runs_the_whole_suite(session: pytest.Session) -> bool:
    """True when every browser test was collected: a partial run writes no report."""
    config = session.config
    if config.option.keyword or any("::" in arg for arg in config.args):
        return False
    collected = {Path(str(item.path)) for item in session.items if _is_browser_item(item)}
    return collected == set(BROWSER_DIR.glob("test_*.py"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if SUMMARY.pages and exitstatus == 0 and _runs_the_whole_suite(session):
        SUMMARY.write()
        SUMMARY.written = True


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not SUMMARY.pages:
        return
    pages = len(SUMMARY.pages)
    violations = sum(p["violations"] for p in SUMMARY.pages.values())
    outcome = (
        f"written to {AXE_REPORT.relative_to(ROOT)}"
        if SUMMARY.written
        else "not written (partial or failed run)"
    )
    terminalreporter.write_line(
        f"axe-core {SUMMARY.axe_version}: {pages} pages checked, {violations} violations; "
        f"report {outcome}"
    )


@pytest.fixture(scope="session")
def axe() -> AxeChecker:
    return AxeChecker(AXE_JS.read_text(encoding="utf-8"), SUMMARY)


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
    # from such a thread unless told it is safe. It is: the test waits on the browser, never
    # both at once. Set only while browser tests run: Django's deploy check rejects it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            yield p
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class PageProblems:
    """What the browser reported that a person would not see but that is still a bug."""

    console_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)


@pytest.fixture
def browser_context(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context: Any) -> Iterator[Any]:
    """A fresh tab; fails the test on console errors (e.g. CSP refusals) and broken assets."""
    problems = PageProblems()
    page = browser_context.new_page()

    def on_console(msg: Any) -> None:
        # The site has no favicon; the browser's own request for it is not an error of the page.
        source = msg.location.get("url", "")
        if msg.type != "error" or source.endswith("/favicon.ico"):
            return
        if source == page.url and msg.text.startswith("Failed to load resource"):
            return  # The page itself answered 403 or 404: the test asserts on that status.
        problems.console_errors.append(f"{msg.text} ({source} on {page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.console_errors.append(f"{exc} ({page.url})"))
    page.on(
        "response",
        lambda r: (
            problems.failed_responses.append(f"{r.status} {r.url}")
            if r.status >= 400
            and r.request.resource_type in {"stylesheet", "script", "image", "font"}
            else None
        ),
    )
    yield page
    assert not problems.failed_responses, f"assets failed to load: {problems.failed_responses}"
    assert not problems.console_errors, f"browser console errors: {problems.console_errors}"


# --- settings, and data through the real code paths -------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _static_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point STATIC_ROOT at an existing directory: WhiteNoise warns about a missing one."""
    from django.test import override_settings

    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static")):
        yield


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Start from an empty cache: rate limits and used TOTP codes live there (Redis in CI)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def territory(transactional_db: None) -> Any:
    from pmvt.territories.services.territories import territory_import

    return territory_import(siren=TERRITORY_SIREN).territory


@pytest.fixture
def operator(transactional_db: None) -> Any:
    return make_user("operateur@pmvt.example", superuser=True)
