"""The product-ops journey through the console's visual editors, as named stages.

Each stage is a function of the :class:`Journey`; the test runs them in
order. The journey of the console issue also translates the guidance into
German and gives it a theme: those stages belong after
:func:`build_launcher` and are added with :func:`Journey.then` (see
``e2e/test_console_journey.py``), so the assertions about what the German
person sees can follow them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Page, expect

from e2e.support.editor import Editor, EditorEnv, Popup
from e2e.support.form_editor import FormEditor, create_application, try_url
from tests.support.browser import ExtensionBrowser

WALKTHROUGH = "Contacts tour"


@dataclass
class Journey:
    """What the author works with: the console, the browser with the extension, the server."""

    env: EditorEnv
    browser: ExtensionBrowser
    author: str
    console: Page
    stages: list[Callable[[Journey], None]] = field(default_factory=list)

    @property
    def console_url(self) -> str:
        return f"{self.env.server.url}/console/w/{self.env.workspace.id}"

    @property
    def acme(self) -> str:
        return f"{self.env.server.url}/acme/contacts"

    def then(self, *stages: Callable[[Journey], None]) -> Journey:
        self.stages.extend(stages)
        return self

    def run(self) -> None:
        for stage in self.stages:
            stage(self)


def build_application(j: Journey) -> None:
    create_application(j.console, j.console_url, "acme", "Acme CRM", "http://127.0.0.1/acme/*")
    assert try_url(j.console, j.acme) == "Acme CRM"


def build_walkthrough(j: Journey) -> None:
    """The walkthrough's frame in the form, its targets picked on the page with the extension."""
    form = FormEditor.new(j.console, j.console_url, "walkthroughs", "contacts-tour")
    form.fill(WALKTHROUGH, "name")
    form.choose("auto", "trigger", "type")
    form.fill("Welcome to contacts", "steps", 0, "title")
    form.save()

    page = j.browser.context.new_page()
    page.goto(j.acme)
    popup = Popup(j.browser, page)
    popup.sign_in(j.env.server.url, j.author)
    popup.edit("walkthrough", WALKTHROUGH)
    editor = Editor(page).expect_open()
    editor.add_step_on(page.get_by_test_id("contact-search"))
    editor.fill_step("Find anyone", "Type a name.")
    editor.add_step_on(page.get_by_test_id("new-contact"))
    editor.fill_step("Add one", "Click New contact.", advance="A click on the element")
    editor.save()
    popup.close()
    page.close()

    # Back in the form: the picked targets are there with their ways, and it is published.
    form = FormEditor.open(j.console, j.console_url, "walkthroughs", WALKTHROUGH)
    expect(
        form.form.locator(":scope [data-root] > [data-field=steps] > fieldset > ol > li")
    ).to_have_count(3)
    expect(form.field("steps", 2).get_by_test_id("stability")).to_have_text("stable")
    form.publish("contacts-tour")


def build_tip(j: Journey) -> None:
    form = FormEditor.new(j.console, j.console_url, "tips", "phone-tip")
    form.fill("Search tip", "name")
    form.fill("contact-search", "target", "alternatives", 0, "value")
    form.fill("Search by name or email", "title")
    form.choose("focus", "trigger")
    form.save()
    form.publish("phone-tip")


def build_checklist(j: Journey) -> None:
    form = FormEditor.new(j.console, j.console_url, "checklists", "onboarding")
    form.fill("Get started", "name")
    form.pick_walkthrough(WALKTHROUGH, "items", 0, "walkthrough")
    form.fill("Meet your contacts", "items", 0, "title")
    form.save()
    form.publish("onboarding")


def build_launcher(j: Journey) -> None:
    form = FormEditor.new(j.console, j.console_url, "launchers", "help")
    form.fill("Help", "title")
    form.add("items")
    form.choose("walkthrough", "items", 1, "type")
    form.pick_walkthrough(WALKTHROUGH, "items", 1, "walkthrough")
    form.save()
    form.publish("help")


AUTHORING = (build_application, build_walkthrough, build_tip, build_checklist, build_launcher)
