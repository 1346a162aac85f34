"""Smart tips and feature tags are made with the same picker: the author points at
a field and a button on Acme CRM, sees the tip drawn live, publishes both, and the
player shows the tip and counts the feature's use."""

import re

from playwright.sync_api import expect

from e2e.support.editor import as_person, start_editing
from e2e.support.player import PLAYER, wait_for_events


def test_a_smart_tip_and_a_feature_tag_from_the_picker(editor_env, author, extension_browser):
    env = editor_env
    page, popup, editor = start_editing(
        extension_browser, env, author, f"{env.server.url}/acme/contacts/new",
        ("smart tip", "Email help"), "Acme CRM",
    )  # fmt: skip
    editor.panel.get_by_role("button", name="Pick the element").click()
    editor.pick(page.get_by_test_id("contact-email"))
    expect(editor.panel.locator(".te-target-name")).to_have_text('textbox "Email *"')
    editor.panel.get_by_label("Title").fill("Work email, please")
    body = editor.panel.get_by_role("textbox", name="Body")
    body.click()
    body.fill("Use the address from their signature.")
    editor.panel.get_by_label("Shows").select_option(label="When the field gets focus")
    # A tip has no preview: its actions are saving and publishing, and nothing stands in between.
    expect(editor.panel.locator(".te-head .te-actions")).to_have_text(
        re.compile(r"^Save draft\s*Publish$")
    )
    live = page.locator(f"{PLAYER} .tg-card.tg-tip")
    expect(live.locator(".tg-title")).to_have_text("Work email, please")
    editor.publish()

    popup.page.bring_to_front()
    popup.new_item("feature tag", "Save a contact")
    editor.expect_open()
    expect(editor.panel.get_by_label("Feature name")).to_have_value("Save a contact")
    editor.panel.get_by_role("button", name="Pick the element").click()
    editor.pick(page.get_by_test_id("save-contact"))
    expect(editor.panel.locator(".te-target-name")).to_have_text('button "Save contact"')
    editor.publish()

    # A person (this browser, connected as one) gets both.
    used, person = as_person(extension_browser, env, f"{env.server.url}/acme/contacts/new")
    used.get_by_test_id("contact-email").focus()
    tip = used.locator(f"{PLAYER} .tg-card.tg-tip")
    expect(tip.locator(".tg-title")).to_have_text("Work email, please")
    expect(tip.locator(".tg-body")).to_have_text("Use the address from their signature.")
    used.get_by_test_id("save-contact").click()
    rows = wait_for_events(
        env.clickhouse, env.database, person,
        lambda rows: {"feature_used", "tip_shown"} <= {r.kind for r in rows},
        browser=extension_browser,
    )  # fmt: skip
    assert len({r.event_id for r in rows if r.kind == "feature_used"}) == 1
