"""Driving the console's visual editors in e2e tests: sign in, fill generated forms by
document path, reorder entries by keyboard, save and publish, and watch which
endpoints the console's requests reach."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.support.factories import PASSWORD

# The YAML draft endpoint of an item (what the visual editors must never use).
YAML_SAVE = re.compile(r"/console/w/\d+/[a-z]+/\d+/draft$")
YAML_CREATE = re.compile(r"/console/w/\d+/[a-z]+/new$")


def sign_in(page: Page, server_url: str, email: str) -> None:
    page.goto(f"{server_url}/console/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/console/w/\d+/$"))


def yaml_requests(page: Page | BrowserContext) -> list[str]:
    """Every request (of a page or of every page of a context) from now on that reaches a YAML
    save endpoint; the list fills as they go."""
    seen: list[str] = []
    page.on(
        "request",
        lambda r: (
            seen.append(r.url)
            if r.method == "POST" and (YAML_SAVE.search(r.url) or YAML_CREATE.search(r.url))
            else None
        ),
    )
    return seen


def create_application(page: Page, console_url: str, key: str, name: str, pattern: str) -> None:
    """An application through the console's application form, then its URL tester."""
    page.goto(f"{console_url}/applications")
    page.get_by_label("Key").fill(key)
    page.get_by_label("Name").fill(name)
    page.get_by_label("URL patterns (one per line)").fill(pattern)
    page.get_by_role("button", name="Add application").click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def try_url(page: Page, url: str) -> str:
    """Paste ``url`` into the URL tester; the application it names."""
    page.get_by_label("Page address").fill(url)
    page.get_by_role("button", name="Test", exact=True).click()
    return page.get_by_test_id("matched-application").inner_text()


class FormEditor:
    """One generated editor form; fields are addressed by document path."""

    def __init__(self, page: Page):
        self.page = page
        self.form = page.get_by_test_id("editor")
        expect(self.form).to_be_visible()
        # The form shows while the page still loads; its lists take clicks once the
        # deferred editor scripts ran, which the load event follows.
        page.wait_for_load_state("load")

    @classmethod
    def new(cls, page: Page, console_url: str, plural: str, key: str) -> FormEditor:
        page.goto(f"{console_url}/{plural}")
        page.get_by_test_id("new-in-form").click()
        editor = cls(page)
        editor.form.locator('[data-meta="key"] input').fill(key)
        return editor

    @classmethod
    def open(cls, page: Page, console_url: str, plural: str, name: str) -> FormEditor:
        page.goto(f"{console_url}/{plural}")
        page.get_by_role("link", name=name, exact=True).click()
        page.get_by_test_id("open-editor").click()
        return cls(page)

    def field(self, *path: str | int) -> Locator:
        """The control wrapper at ``path`` ("steps", 1, "target", "alternatives", 0, "by")."""
        found = self.form.locator("[data-root]")
        for part in path:
            if isinstance(part, int):
                found = found.locator(":scope > fieldset > ol > li").nth(part)
            else:
                found = found.locator(f'[data-field="{part}"]').first
        return found

    def control(self, *path: str | int) -> Locator:
        return self.field(*path).locator("input, select, textarea").first

    def fill(self, value: str, *path: str | int) -> None:
        self.control(*path).fill(value)

    def choose(self, value: str, *path: str | int) -> None:
        self.control(*path).select_option(value)

    def add(self, *path: str | int) -> Locator:
        """Add an entry to the list at ``path``; the new entry."""
        entries = self.field(*path).locator(":scope > fieldset > ol > li")
        before = entries.count()
        self.field(*path).locator(":scope > fieldset > [data-add]").click()
        expect(entries).to_have_count(before + 1)
        return entries.nth(before)

    def add_way(self, by: str, value: str, *target: str | int) -> None:
        """A way of finding the element (test id, id, label...) on the target at ``target``."""
        index = self.field(*target, "alternatives").locator(":scope > fieldset > ol > li").count()
        self.add(*target, "alternatives")
        self.choose(by, *target, "alternatives", index, "by")
        self.fill(value, *target, "alternatives", index, "value")

    def pick_walkthrough(self, name: str, *path: str | int) -> None:
        """Choose a walkthrough by typing its name into the Tom Select control at ``path``."""
        self.field(*path).locator(".ts-control").click()
        self.page.keyboard.type(name)
        self.page.locator(".ts-dropdown .option", has_text=name).first.click()

    def save(self) -> None:
        """Save and wait for the page the console opens on the saved item."""
        with self.page.expect_navigation():
            with self.page.expect_response(lambda r: r.request.method == "POST") as answer:
                self.form.get_by_test_id("save-form").click()
            assert answer.value.ok, answer.value.text()
        expect(self.page.locator(".flash-success")).to_be_visible()
        expect(self.page).to_have_url(re.compile(r"/\d+/edit$"))
        self.form = self.page.get_by_test_id("editor")

    def publish(self, key: str) -> None:
        """Open the item's page from the breadcrumb and publish its draft."""
        self.page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=key).click()
        self.page.get_by_test_id("publish").click()
        self.page.get_by_test_id("confirm-publish").click()
        expect(self.page.locator(".flash-success")).to_contain_text("Published version")


def tab_to(page: Page, target: Locator, back: bool = False, limit: int = 200) -> None:
    """Press Tab (Shift+Tab when ``back``) until ``target`` has the focus, as a keyboard
    user reaches it; fails when ``limit`` presses do not get there."""
    for _ in range(limit):
        if target.evaluate("(el) => el === document.activeElement"):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"{target} is not reached by {limit} presses of Tab")


def type_over(page: Page, target: Locator, text: str) -> None:
    """Reach ``target`` by keyboard and replace what it holds with ``text``."""
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
