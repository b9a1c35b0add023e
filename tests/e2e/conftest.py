"""Browser-test harness: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test under tests/e2e is marked `e2e` (deselect with `-m "not e2e"`). Each test gets a
fresh French browser context whose requests to any host other than the live server are
aborted and recorded in `page.third_party_requests`: civiclab pages must make none.
Helpers are offered as fixtures (`login`, `assert_no_axe_violations`, `screenshot`) so tests
need no import from this file.
"""

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API keeps an asyncio event loop in this thread; Django would then refuse
# ORM calls made by tests (fixtures, assertions) as "async unsafe". They are not: the loop
# only drives the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS_DIR = REPO_ROOT / "screenshots"
E2E_DIR = Path(__file__).resolve().parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Generous enough for a loaded 2-core CI machine, short enough to fail fast on a wrong selector.
DEFAULT_TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test collected under tests/e2e as `e2e` (this hook sees the whole session)."""
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def chromium_path() -> str:
    """Debian's Chromium: $CHROMIUM, else chromium / chromium-browser on PATH, else /usr/bin."""
    candidates = [
        os.environ.get("CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(
        "No Chromium found for the browser tests: install Debian's `chromium` package "
        "(apt-get install chromium) or point $CHROMIUM at a Chromium binary. "
        "Never `playwright install`: it downloads a browser.",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A page in a fresh French context on the live server, with third-party requests blocked.

    `page.third_party_requests` lists every aborted URL; `page.js_errors` every uncaught
    JavaScript error. Relative URLs (`page.goto("/")`) go to the live server.
    """
    server = _origin(live_server.url)
    local_hosts = {server[1], "localhost", "127.0.0.1", "::1"}
    context = browser.new_context(
        locale="fr-FR",
        timezone_id="Europe/Paris",
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    third_party: list[str] = []
    js_errors: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        scheme, host, port = _origin(url)
        if scheme in ("data", "blob", "about") or (host in local_hosts and port == server[2]):
            route.continue_()
        else:
            third_party.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.third_party_requests = third_party
    page.js_errors = js_errors
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    yield page
    context.close()


# --- helpers ---------------------------------------------------------------------------


def do_login(page: Page, username: str, password: str) -> None:
    """Log in through the real login form (django-axes watches it), then check it worked."""
    page.goto("/accounts/login/")
    form = page.locator("form", has=page.locator("input[name='password']"))
    form.locator("input[name='username']").fill(username)
    form.locator("input[name='password']").fill(password)
    with page.expect_navigation():  # to the next page, or back to the form on failure
        form.locator("[type='submit']").click()
    if urlsplit(page.url).path.rstrip("/").endswith("/accounts/login"):
        message = page.locator("main").inner_text()
        pytest.fail(f"Login as {username!r} failed; the page says:\n{message}", pytrace=False)


def run_axe(page: Page) -> list[dict]:
    """Inject axe-core into the page and return its violations."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `make assets`.", pytrace=False)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        try:
            page.add_script_tag(path=str(AXE_JS))
        except PlaywrightError:
            # A Content-Security-Policy forbidding inline scripts refuses the tag; evaluating
            # through the DevTools protocol is not subject to the page's policy.
            page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [node.get("target") for node in violation.get("nodes", [])[:3]]
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}\n"
            f"    {len(violation.get('nodes', []))} node(s), first: {targets}\n"
            f"    {violation.get('helpUrl', '')}"
        )
    return "\n".join(lines)


def check_axe(page: Page) -> None:
    """Fail with a readable list when axe-core finds an accessibility violation on the page."""
    violations = run_axe(page)
    assert not violations, (
        f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
        + format_violations(violations)
    )


def save_screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as screenshots/<name>.png (git-ignored), for humans."""
    safe = re.sub(r"[^\w.-]+", "-", name).strip("-") or "page"
    SCREENSHOTS_DIR.mkdir(exist_ok=True)
    path = SCREENSHOTS_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def login() -> Callable[..., None]:
    """`login(page, username, password)`: log in through the real form."""
    return do_login


@pytest.fixture
def assert_no_axe_violations() -> Callable[..., None]:
    """`assert_no_axe_violations(page)`: run axe-core on the current page."""
    return check_axe


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """`screenshot(page, name)`: save screenshots/<name>.png."""
    return save_screenshot
