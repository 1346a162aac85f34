"""Driving the extension's editor mode in e2e tests: a live server with a workspace
and its members, the popup (opened for the tab being edited, like its "Open in a
window" button does), and the editor's panel and picker on the page."""

from __future__ import annotations

import itertools
import re
import uuid
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from e2e.support.player import add_person, connect, worker
from tests.support.browser import ExtensionBrowser
from tests.support.clickhouse import ClickHouseServer
from tests.support.factories import PASSWORD, WorkspaceFixture
from tests.support.live import LiveServer

EDITOR = "trailguide-editor"
PANEL = f"{EDITOR} .te-panel"
_accounts = itertools.count(1)


@dataclass
class EditorEnv:
    """A live server (Acme CRM at /acme/), a fresh workspace, and where events land."""

    server: LiveServer
    workspace: WorkspaceFixture
    clickhouse: ClickHouseServer
    database: str

    def add_member(self, role: str) -> str:
        """A new account with ``role`` in the workspace (password ``PASSWORD``); its email."""
        from backend import close_connections, create_app
        from tests.support.factories import add_member

        app = create_app(
            {
                "WITHOUT_ANALYTICS": True,
                "TRAILGUIDE_DATA_DIR": str(self.server.data_dir),
                "TRAILGUIDE_LOG_LEVEL": "WARNING",
            }
        )
        email = f"{role}-{next(_accounts)}-{self.workspace.id}@example.test"
        try:
            add_member(app, self.workspace.id, role, email)
        finally:
            close_connections(app)
        return email


def tab_id(browser: ExtensionBrowser, page: Page) -> int:
    """The browser's id of the tab showing ``page`` (the popup acts on a tab by id)."""
    found = worker(browser).evaluate(
        "async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id ?? null",
        page.url,
    )
    assert isinstance(found, int), f"no tab shows {page.url}"
    return found


class Popup:
    """The editor's popup for one tab, in a page of its own."""

    def __init__(self, browser: ExtensionBrowser, app_page: Page):
        self.app_page = app_page
        self.page = browser.context.new_page()
        self.page.goto(
            f"chrome-extension://{browser.extension_id}/popup/popup.html"
            f"?tab={tab_id(browser, app_page)}"
        )
        expect(self.page.locator("main")).to_have_attribute("aria-busy", "false")

    def sign_in(self, server_url: str, email: str, password: str = PASSWORD) -> None:
        page = self.page
        page.get_by_label("Server").fill(server_url)
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()

    def create_application(self, name: str, pattern: str | None = None) -> None:
        page = self.page
        new_app = "This page is not part of an application yet"
        expect(page.get_by_role("heading", name=new_app)).to_be_visible()
        page.get_by_label("Name", exact=True).fill(name)
        if pattern:
            page.get_by_label("Its pages (URL pattern)").fill(pattern)
        page.get_by_role("button", name="Create application").click()
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()

    def new_item(self, kind: str, name: str) -> None:
        """Create a walkthrough, smart tip or feature tag; editor mode turns on for it."""
        self.page.get_by_label(f"New {kind}").fill(name)
        self.page.locator(".group", has=self.page.get_by_label(f"New {kind}")).get_by_role(
            "button", name="Create"
        ).click()
        self.expect_editing(name)

    def edit(self, kind: str, name: str) -> None:
        self.page.get_by_role("button", name=f"Edit {kind} {name}").click()
        self.expect_editing(name)

    def expect_editing(self, name: str) -> None:
        expect(self.page.locator("#editing-name")).to_have_text(name)

    def close(self) -> None:
        self.page.close()


class Editor:
    """The editor's panel and picker on an application page."""

    def __init__(self, page: Page):
        self.page = page
        self.panel = page.locator(PANEL)

    def expect_open(self) -> Editor:
        self.page.bring_to_front()
        expect(self.panel).to_be_visible()
        return self

    def pick(self, target: Locator) -> None:
        """Point at ``target`` (the outline names it), then click it, as an author does."""
        expect(self.page.locator(f"{EDITOR} .te-overlay")).to_be_visible()
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        assert box, "the target is not on screen"
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        self.page.mouse.move(x, y)
        expect(self.page.locator(f"{EDITOR} .te-outline")).to_be_visible()
        self.page.mouse.click(x, y)
        expect(self.page.locator(f"{EDITOR} .te-overlay")).to_have_count(0)

    def add_step_on(self, target: Locator) -> None:
        self.panel.get_by_role("button", name="Add step on an element").click()
        self.pick(target)

    def add_modal_step(self) -> None:
        self.panel.get_by_role("button", name="Add modal step").click()

    def step_form(self) -> Locator:
        return self.panel.locator('[data-part="step-form"]')

    def fill_step(
        self,
        title: str,
        body: str | None = None,
        advance: str | None = None,
        placement: str | None = None,
    ) -> None:
        form = self.step_form()
        form.get_by_label("Title").fill(title)
        if body is not None:
            rich = form.get_by_role("textbox", name="Body")
            rich.click()
            rich.fill(body)
        if advance:
            form.get_by_label("Moves on with").select_option(label=advance)
        if placement:
            form.get_by_label("Placement").select_option(label=placement)

    def quality(self) -> Locator:
        return self.panel.locator('[data-part="quality"]')

    def message(self) -> Locator:
        return self.panel.locator(".te-message").first

    def save(self) -> None:
        self.panel.get_by_role("button", name="Save draft").click()
        expect(self.message()).to_have_text("Draft saved.")

    def publish(self) -> None:
        self.panel.get_by_role("button", name="Publish").click()
        expect(self.message()).to_have_text(re.compile(r"^Published version \d+"))


def start_editing(
    browser: ExtensionBrowser,
    env: EditorEnv,
    author: str,
    url: str,
    item: tuple[str, str],
    application: str,
) -> tuple[Page, Popup, Editor]:
    """Open ``url``, sign in from the popup, add the page's application and create
    ``item`` (kind, name): the editor opens on the page. (page, popup, editor)."""
    page = browser.context.new_page()
    page.goto(url)
    popup = Popup(browser, page)
    popup.sign_in(env.server.url, author)
    popup.create_application(application)
    popup.new_item(*item)
    return page, popup, Editor(page).expect_open()


def as_person(
    browser: ExtensionBrowser, env: EditorEnv, url: str, **attributes: str
) -> tuple[Page, str]:
    """Connect ``browser`` to the workspace as a new person (the options' settings, as
    the player's tests do) and open ``url``: (page, the person's id). ``attributes``
    (a locale, a department...) go to the people directory first."""
    person = f"person-{uuid.uuid4().hex[:10]}@example.test"
    if attributes:
        add_person(env.server, env.workspace, person, **attributes)
    connect(browser, env.server, env.workspace, person)
    page = browser.context.new_page()
    page.emulate_media(reduced_motion="reduce")
    page.goto(url)
    return page, person
