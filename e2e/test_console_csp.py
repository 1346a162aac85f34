"""Every console page keeps to its Content-Security-Policy in real Chromium.

The pages are listed from the app's URL map, so a page added later is opened too;
its path arguments come from what `trailguide demo` seeded, plus what the demo has no
reason to make (a webhook endpoint, a digest subscription's unsubscribe link), so every
page opens for real rather than as the 404 page. Any CSP violation
(a ``securitypolicyviolation`` event or a console error naming the policy) fails.
"""

from __future__ import annotations

import re
import tempfile

import pytest
from playwright.sync_api import Page

from analytics.reports.registry import REPORTS
from backend import close_connections, create_app
from backend.commands import transaction
from backend.services import accounts, segments
from backend.services.notify import digest, webhooks
from e2e.support.console import ROLES, charts_drawn, launch_browser, sign_in, start_demo
from tests.support import procs
from walkthroughs.kinds import registry as kinds

# Not pages: files the pages load (checked through the pages), and downloads.
# Single sign-on's start and callback are steps of a flow with the identity provider
# (tests/backend/sso and e2e/test_sso.py), not pages.
NOT_PAGES = {
    "console.static",
    "console.plotly_js",
    "console.report_csv",
    "console.sso_start",
    "console.sso_callback",
}
# Pages that only redirect (their target is opened on its own).
REDIRECTS = {"console.home", "console.switch"}
PLURALS = tuple(kind.plural for kind in kinds.all_kinds())
ARGUMENT = re.compile(r"<(?:[^:>]+:)?([^>]+)>")
KIND_ARGUMENT = "<kind:plural>"

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ` +
    `at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def console_get_rules() -> list[tuple[str, str]]:
    """(endpoint, rule) of every console GET route, from the app itself."""
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app(
            {
                "WITHOUT_ANALYTICS": True,
                "TRAILGUIDE_DATA_DIR": data_dir,
                "TRAILGUIDE_LOG_LEVEL": "WARNING",
            }
        )
        rules = [
            (rule.endpoint, rule.rule)
            for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("console.") and "GET" in (rule.methods or ())
        ]
        close_connections(app)
    return rules


def seeded_ids(demo) -> dict[str, int]:
    """An id of each kind of thing the demo seeded, for path arguments."""
    token, ws = demo.api_token("owner"), demo.workspace_id
    ids = {"workspace_id": ws, **seed_links(demo)}
    apps = demo.api(f"/api/v1/workspaces/{ws}/applications", token).json()["items"]
    ids["app_id"] = apps[0]["id"]
    people = demo.api(f"/api/v1/workspaces/{ws}/people?limit=1", token).json()["items"]
    ids["person_id"] = people[0]["id"]
    for plural in PLURALS:
        items = demo.api(f"/api/v1/workspaces/{ws}/{plural}?limit=1", token).json()["items"]
        if items:
            ids[plural] = items[0]["id"]
    return ids


def seed_links(demo) -> dict[str, int | str]:
    """A webhook endpoint (for its delivery log), the owner's digest subscription (for
    the unsubscribe link a digest mails) and a saved segment, written in the demo's own
    database."""
    app = create_app(
        {
            "WITHOUT_ANALYTICS": True,
            "TRAILGUIDE_DATA_DIR": str(demo.data_dir),
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
        }
    )
    secret_key = app.config["SECRET_KEY"]
    # A loopback port nothing listens on: deliveries fail and the log shows them.
    delivery = webhooks.Delivery(secret_key=secret_key, allow_private=True, attempts=1)
    try:
        with app.app_context(), transaction():
            endpoint, _secret = webhooks.create_endpoint(
                demo.workspace_id, "http://127.0.0.1:9/hooks", ["alert.fired"], delivery
            )
            owner = accounts.find_user(ROLES["owner"])
            subscription = digest.subscribe(demo.workspace_id, owner.id)
            segment = segments.create(
                demo.workspace_id, {"key": "csp-walk", "name": "CSP walk", "audience": {}}
            )
            return {
                "segment_id": segment.id,
                "endpoint_id": endpoint.id,
                "token": digest.unsubscribe_token(secret_key, subscription),
            }
    finally:
        close_connections(app)


def page_urls(demo) -> list[str]:
    """Every console page with its path arguments filled from the demo's data."""
    ids = seeded_ids(demo)
    urls = []
    for endpoint, rule in console_get_rules():
        if endpoint in NOT_PAGES | REDIRECTS:
            continue
        if KIND_ARGUMENT in rule:
            for plural in PLURALS:
                if plural in ids:
                    path = rule.replace(KIND_ARGUMENT, plural)
                    urls.append(ARGUMENT.sub(lambda m, p=plural: str(ids[_arg(m, p)]), path))
            continue
        if "<name>" in rule:
            for name, report in REPORTS.items():
                path = ARGUMENT.sub(lambda m: str(ids[m.group(1)]), rule.replace("<name>", name))
                # A report of one application (retention) asks which one before showing rows.
                if "app_id" in report.arguments().fields:
                    path += f"?app_id={ids['app_id']}"
                urls.append(path)
            continue
        urls.append(ARGUMENT.sub(lambda m: str(ids[m.group(1)]), rule))
    return [demo.url + path for path in urls]


def _arg(match, plural: str) -> str:
    return plural if match.group(1) == "item_id" else match.group(1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    server = start_demo(tmp_path_factory.mktemp("console_csp"))
    yield server
    procs.stop(server.proc)


@pytest.fixture
def page(playwright_session):
    browser = launch_browser(playwright_session)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    yield page
    context.close()
    browser.close()


def violations_on(page: Page, url: str, console_errors: list[str]) -> list[str]:
    console_errors.clear()
    response = page.goto(url)
    assert response is not None, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("networkidle")
    charts_drawn(page)
    found = page.evaluate("window.__cspViolations")
    found += [text for text in console_errors if "Content Security Policy" in text]
    if response.status != 200:
        # A real page: an id that names nothing would only check the 404 page.
        found.append(f"answered {response.status}, not the page itself")
    return [f"{url}: {problem}" for problem in found]


def test_every_console_page_keeps_to_its_policy(page, demo):
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text))
    problems = violations_on(page, f"{demo.url}/console/login", console_errors)
    sign_in(page, demo, "owner")
    urls = page_urls(demo)
    assert len(urls) >= 20  # every page of the console, not a handful
    for url in urls:
        problems += violations_on(page, url, console_errors)
    assert problems == [], "\n".join(problems)
