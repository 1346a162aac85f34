"""A step's body in the editor's rich text field (inside the editor's shadow root):
italic, a numbered list and a link typed where nothing is selected, stored with
the tags bodies have always had, and shown again as written when the step is
reopened. The page's own document gets no stylesheet from the editor."""

import requests
from playwright.sync_api import expect

from e2e.support.editor import start_editing
from tests.support.factories import bearer


def test_a_body_written_with_the_toolbar_is_stored_and_reopened_as_written(
    editor_env, author, extension_browser
):
    env = editor_env
    page, _popup, editor = start_editing(
        extension_browser, env, author, f"{env.server.url}/acme/contacts",
        ("walkthrough", "Formatting"), "Acme CRM",
    )  # fmt: skip
    editor.add_modal_step()
    form = editor.step_form()
    form.get_by_label("Title").fill("Welcome")
    body = form.get_by_role("textbox", name="Body")
    body.click()
    page.keyboard.type("Read this first")
    page.keyboard.press("Control+A")
    form.get_by_role("button", name="Italic").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    form.get_by_role("button", name="Numbered list").click()
    page.keyboard.type("one")
    page.keyboard.press("Enter")
    page.keyboard.type("two ")
    # Nothing selected: the address itself becomes the link.
    form.get_by_role("button", name="Link").click()
    form.get_by_label("Link address").fill("https://example.com/help")
    form.get_by_role("button", name="Add link").click()
    expect(body.locator("ol li")).to_have_count(2)
    expect(body.locator("ol li a")).to_have_attribute("href", "https://example.com/help")
    editor.save()

    path = f"{env.server.url}/api/v1/workspaces/{env.workspace.id}/walkthroughs"
    (item,) = requests.get(path, headers=bearer(env.workspace.owner_token), timeout=10).json()[
        "items"
    ]
    assert item["draft"]["steps"][0]["body"] == (
        "<p><i>Read this first</i></p><ol><li>one</li><li>two "
        '<a href="https://example.com/help" rel="noopener noreferrer">https://example.com/help</a>'
        "</li></ol>"
    )
    expect(page.locator("style[data-tiptap-style]")).to_have_count(0)

    # Another step and back: the field is built again from the stored body.
    editor.add_modal_step()
    editor.panel.get_by_role("button", name="Step 1: Welcome").click()
    body = editor.step_form().get_by_role("textbox", name="Body")
    expect(body.locator("p i")).to_have_text("Read this first")
    expect(body.locator("ol li")).to_have_text(["one", "two https://example.com/help"])
