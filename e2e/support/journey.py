"""The product-ops journey through the console's visual editors, as named stages.

Each stage is a function of the :class:`Journey`; the test runs them in
order: the authoring stages, then :func:`translate_to_german` (the translations
panel) and :func:`apply_theme` (the theme editor), added with
:func:`Journey.then` (see ``e2e/test_console_journey.py``), so the assertions
about what the German person sees can follow them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from e2e.support import screenshots
from e2e.support.editor import Editor, EditorEnv, Popup
from e2e.support.form_editor import FormEditor, create_application, try_url
from tests.support.browser import ExtensionBrowser

WALKTHROUGH = "Contacts tour"
# What the German person reads: each English text of the walkthrough and its translation.
GERMAN = {
    WALKTHROUGH: "Kontakte-Tour",
    # The description and first body the new walkthrough's form starts with.
    "What it teaches": "Was sie zeigt",
    "What this walkthrough shows.": "Was diese Tour zeigt.",
    "Welcome to contacts": "Willkommen bei den Kontakten",
    "Find anyone": "Alle finden",
    "Type a name.": "Tippen Sie einen Namen.",
    "Add one": "Neuen anlegen",
    "Click New contact.": "Klicken Sie auf Neuer Kontakt.",
}
# The theme the author picks: an accent, the serif font and square-ish corners.
ACCENT = "#aa2200"
RADIUS = "3"


@dataclass
class Journey:
    """What the author works with: the console, the browser with the extension, the server."""

    env: EditorEnv
    browser: ExtensionBrowser
    author: str
    console: Page
    # Where the README's pictures of the editors are taken along the way (None: not taken).
    shots: Path | None = None
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

    def picture(self, shown: Locator, name: str, height: int) -> None:
        """The top ``height`` pixels of ``shown`` (README pictures stay a screen tall)."""
        if self.shots is None:
            return
        box = shown.evaluate(
            """(el) => { const r = el.getBoundingClientRect();
              return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; }"""
        )
        clip = {**box, "height": min(box["height"], height)}
        shown.page.screenshot(path=str(self.shots / name), clip=clip, full_page=True)
        screenshots.keep(self.shots / name, name)

    def run(self) -> None:
        for stage in self.stages:
            stage(self)


def build_application(j: Journey) -> None:
    create_application(j.console, j.console_url, "acme", "Acme CRM", "http://127.0.0.1/acme/*")
    assert try_url(j.console, j.acme) == "Acme CRM"
    j.picture(j.console.locator("#main"), "console-url-tester.png", 420)


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
    # The second step: its card preview, its picked target's ways and stability.
    j.picture(form.field("steps", 1), "console-walkthrough-steps.png", 1000)
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


def translate_to_german(j: Journey) -> None:
    """A German column in the walkthrough's translations panel, every text typed, then published."""
    j.console.goto(f"{j.console_url}/walkthroughs")
    j.console.get_by_role("link", name=WALKTHROUGH, exact=True).click()
    j.console.get_by_test_id("translations-link").click()
    j.console.get_by_test_id("add-locale").fill("de")
    j.console.get_by_role("button", name="Add", exact=True).click()
    rows = j.console.get_by_test_id("translations").locator("tbody tr")
    expect(rows.first.get_by_test_id("cell-de-0")).to_contain_text("missing")
    translated = 0
    for i in range(rows.count()):
        source = rows.nth(i).locator("td.source").inner_text().strip()
        if source in GERMAN:
            j.console.get_by_test_id(f"cell-de-{i}").get_by_role("textbox").fill(GERMAN[source])
            translated += 1
    assert translated == len(GERMAN), "a text of the walkthrough is not in the panel"
    j.console.get_by_test_id("save-translations").click()
    expect(j.console.get_by_text("Translations saved in the draft.")).to_be_visible()
    expect(j.console.get_by_test_id("translations")).not_to_contain_text("missing")
    j.console.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="contacts-tour"
    ).click()
    j.console.get_by_test_id("publish").click()
    j.console.get_by_test_id("confirm-publish").click()
    expect(j.console.locator(".flash-success")).to_contain_text("Published version")


def apply_theme(j: Journey) -> None:
    """The theme editor: accent colour, font and radius, seen in the preview, then saved."""
    j.console.goto(f"{j.console_url}/settings")
    j.console.get_by_label("Accent colour").fill(ACCENT)
    j.console.get_by_label("Font").select_option(label="Serif")
    j.console.get_by_label("Corner radius (pixels)").fill(RADIUS)
    preview = j.console.get_by_test_id("theme-preview")
    expect(preview).to_have_attribute("style", re.compile(rf"--tg-radius: {RADIUS}px;"))
    j.console.get_by_test_id("save-settings").click()
    expect(j.console.get_by_text("Settings saved.")).to_be_visible()


LOCALIZING = (translate_to_german, apply_theme)
