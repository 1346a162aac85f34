"""Every console page, listed from the app's URL map, opened once per width in real
Chromium: what each visit showed of the page's Content-Security-Policy and of axe.

The pages are listed from the app's URL map, so a page added later is opened too;
its path arguments come from what `trailguide demo` seeded, plus what the demo has no
reason to make (a webhook endpoint, a digest subscription's unsubscribe link), so every
page opens for real rather than as the 404 page. One walk serves both the CSP test and
the accessibility test: each load, at each width, is checked for both, so no page is
loaded twice at the same width.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from analytics.reports.registry import REPORTS
from backend import close_connections, create_app
from backend.commands import transaction
from backend.services import accounts, segments
from backend.services.notify import digest, webhooks
from e2e.support.axe import AXE, WIDTHS, blocking_on_this_page
from e2e.support.console import ROLES, Demo, charts_drawn, sign_in
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


@dataclass
class Visit:
    """One load of one page at one width, and the problems it showed."""

    url: str
    width: int
    csp: list[str]  # violations of the page's policy, or a missing policy
    axe: list[str]  # serious or critical accessibility violations


@dataclass
class Walk:
    """Every visit of one walk over the console, in order."""

    urls: list[str]
    visits: list[Visit]

    def csp_problems(self) -> list[str]:
        return [problem for visit in self.visits for problem in visit.csp]

    def axe_problems(self) -> list[str]:
        return [problem for visit in self.visits for problem in visit.axe]


def visit(page: Page, url: str, width: int, console_errors: list[str]) -> Visit:
    """Load ``url`` at ``width``, run axe over it, then read the policy's violations."""
    console_errors.clear()
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url)
    assert response is not None, url
    where = f"{url} at {width}px"
    csp = []
    if "script-src 'self'" not in response.headers.get("content-security-policy", ""):
        csp.append(f"{where}: no script-src 'self' in its Content-Security-Policy")
    # A real page: an id that names nothing would only check the 404 page.
    wrong = [] if response.status == 200 else [f"{where}: answered {response.status}"]
    # goto returns after the load event, when every deferred script has run.
    charts_drawn(page)
    try:
        axe = blocking_on_this_page(page, where)
    except PlaywrightError as error:  # fails the accessibility test, not the policy's
        axe = [f"{where}: axe did not run: {error.message}"]
    # Violations are read once the network has gone quiet, so late requests are caught
    # too; axe has usually taken longer than that quiet half second, so this seldom waits.
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__cspViolations")
    found += [text for text in console_errors if "Content Security Policy" in text]
    csp += [f"{where}: {problem}" for problem in found]
    return Visit(url, width, wrong + csp, wrong + axe)


def walk_console(browser: Browser, demo: Demo) -> Walk:
    """The sign-in page, then every console page as the owner at each of ``WIDTHS``."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    context.add_init_script(path=str(AXE))
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text))
    try:
        login = f"{demo.url}/console/login"
        visits = [visit(page, login, WIDTHS[0], console_errors)]
        sign_in(page, demo, "owner")
        urls = page_urls(demo)
        for url in urls:
            for width in WIDTHS:
                visits.append(visit(page, url, width, console_errors))
        return Walk(urls, visits)
    finally:
        context.close()
