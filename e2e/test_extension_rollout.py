"""IT's rollout: the server packs and hosts the extension, the generated Linux policy
force-installs it with its settings and no user action, and a newer pack updates it."""

from playwright.sync_api import expect

from e2e.support.player import configure, expect_step, new_workspace, options_page
from e2e.support.rollout import launch_managed, managed_policy, next_worker, pack, trailguide


def test_policy_installs_the_hosted_extension_and_a_new_pack_updates_it(
    guide_env, playwright_session, tmp_path
):
    server = guide_env.server
    release = pack(server)
    extension_id = release["extension_id"]
    assert extension_id != "cgmipjpcieiaaneeggnjfefgcihcdafg"  # not the development key's
    trailguide(
        "extension", "policy", "--data-dir", str(server.data_dir), "--server", server.url,
        "--client-key", guide_env.workspace.client_key, "--out", str(tmp_path / "policies"),
    )  # fmt: skip
    with managed_policy(tmp_path / "policies" / "linux" / "trailguide.json"):
        browser, worker = launch_managed(playwright_session, tmp_path / "profile", extension_id)
        try:
            assert worker.evaluate("chrome.runtime.getManifest().version") == release["version"]
            options = options_page(browser)
            expect(options.locator("#serverUrl")).to_have_value(server.url)
            expect(options.locator("#serverUrl-source")).to_have_text(
                "Set by your organization's policy."
            )
            page = browser.context.new_page()
            page.emulate_media(reduced_motion="reduce")
            page.goto(guide_env.pages_url + "/plain/index.html")
            expect_step(page, "plain A")

            newer = pack(server, "0.1.1")
            check = worker.evaluate("chrome.runtime.requestUpdateCheck()")
            assert check == {"status": "update_available", "version": "0.1.1"}
            updated = next_worker(browser.context, extension_id, not_this=worker)
            assert updated.evaluate("chrome.runtime.getManifest().version") == newer["version"]
            assert updated.evaluate("chrome.runtime.id") == extension_id
        finally:
            browser.close()


def test_the_options_page_says_when_the_server_needs_a_newer_extension(
    live_server_factory, extension_browser
):
    server = live_server_factory({"TRAILGUIDE_MIN_EXTENSION_VERSION": "99.0"})
    workspace = new_workspace(server)
    options = options_page(extension_browser)
    expect(options.locator("#update")).to_be_hidden()
    configure(extension_browser, serverUrl=server.url, clientKey=workspace.client_key)
    notice = options.locator("#update")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Update required")
