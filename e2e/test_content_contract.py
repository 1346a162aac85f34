"""The content contract across versions: the extension as it was before it declared a
contract version keeps guiding against this server, and this extension keeps guiding
against a server answering that older contract, with kinds and fields it does not know."""

import shutil
import subprocess
import tarfile
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import expect

from e2e.support.player import PLAYER, configure, connect, expect_step
from e2e.support.proxy import ContentProxy
from tests.support.browser import EXTENSION_DIR, launch

ROOT = EXTENSION_DIR.parent
# The last commit whose extension sent no contract declaration.
BEFORE_THE_DECLARATION = "e5f46eacfe53321378d6615920e93a9a0c79fd76"
ARTICLE = "An article of a newer contract"


def extension_before_the_declaration(into: Path) -> Path:
    """The extension's files at that commit, with the libraries it vendors from npm."""
    git = shutil.which("git")
    if git is None or (
        subprocess.run(
            [git, "cat-file", "-e", f"{BEFORE_THE_DECLARATION}^{{commit}}"],
            cwd=ROOT,
            capture_output=True,
        ).returncode
        != 0
    ):
        pytest.skip("needs the repository's history (a full clone)")
    archive = subprocess.run(
        [git, "archive", "--format=tar", BEFORE_THE_DECLARATION, "extension"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    old = into / "extension"
    shutil.copytree(EXTENSION_DIR / "vendor", old / "vendor")
    assert "X-Trailguide-Contract" not in (old / "worker" / "content.js").read_text()
    return old


def todays_shape_with_unknowns(body: dict) -> dict:
    """An answer as a server of the first contract sends it, plus what a newer one might add."""
    body.pop("contract_version", None)
    # The launcher's search index came with the second contract, by reference in the fourth.
    body.pop("search", None)
    body.pop("search_index", None)
    body["surveys"] = [{"id": 1, "question": "Was this useful?", "target": {"alternatives": []}}]
    body["announcements"] = {"banner": "<p>new</p>"}
    for walkthrough in body["walkthroughs"]:
        walkthrough["voice_over"] = {"src": "https://example.test/a.mp3"}
        for step in walkthrough["steps"]:
            step["animation"] = "bounce"
    for tip in body["tips"]:
        tip["priority"] = 3
    for checklist in body["checklists"]:
        checklist["deadline"] = "2030-01-01"
        for item in checklist["items"]:
            item["points"] = 5
    if body["launcher"]:
        body["launcher"]["density"] = "compact"
        body["launcher"]["items"].append({"type": "article", "article_id": 7, "title": ARTICLE})
    return body


def guides(browser, env) -> list[str]:
    """Walk a page's walkthrough and open the launcher; the console errors seen meanwhile."""
    errors = []

    def on_console(message):
        # The test pages' own missing files (a favicon) are not the player's errors.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    page = browser.context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.emulate_media(reduced_motion="reduce")
    page.goto(env.pages_url + "/sticky/index.html")
    expect_step(page, "sticky A")
    page.goto(f"{env.server.url}/acme/contacts")
    launcher = page.locator(f"{PLAYER} .tg-launcher-button")
    launcher.click()
    panel = page.locator(f"{PLAYER} .tg-panel")
    expect(panel.get_by_role("link", name="Acme CRM help center")).to_be_visible()
    expect(panel.locator(".tg-results .tg-item").first).to_be_visible()
    expect(panel.get_by_text(ARTICLE)).to_have_count(0)
    page.close()
    return errors


@pytest.fixture
def proxy_factory():
    proxies = []

    def start(upstream, rewrite=lambda body: body):
        proxies.append(ContentProxy(upstream, rewrite).start())
        return proxies[-1]

    yield start
    for proxy in proxies:
        proxy.stop()


def test_the_extension_before_the_declaration_keeps_guiding(
    guide_env, playwright_session, tmp_path, proxy_factory
):
    old = launch(
        playwright_session, tmp_path / "profile", extension_before_the_declaration(tmp_path)
    )
    try:
        proxy = proxy_factory(guide_env.server.url)
        user = f"before-{tmp_path.name}@example.test"
        status = configure(
            old, serverUrl=proxy.url, clientKey=guide_env.workspace.client_key, user={"id": user}
        )
        assert status["sync"]["ok"], status
        assert guides(old, guide_env) == []
    finally:
        old.close()
    # It declared nothing, and was answered in the first contract.
    assert proxy.declared and set(proxy.declared) == {None}
    assert set(proxy.answered) == {1}


def test_this_extension_keeps_guiding_against_the_first_contract(
    guide_env, extension_browser, proxy_factory
):
    proxy = proxy_factory(guide_env.server.url, todays_shape_with_unknowns)
    status = configure(
        extension_browser,
        serverUrl=proxy.url,
        clientKey=guide_env.workspace.client_key,
        user={"id": "first-contract@example.test"},
    )
    assert status["sync"]["ok"], status
    assert guides(extension_browser, guide_env) == []
    # This extension declares the contract it renders (the search index and surveys came in
    # the second, articles in the third, the index by reference in the fourth, processes in
    # the fifth, search on the server in the sixth).
    assert proxy.declared and set(proxy.declared) == {"6"}


def test_this_extension_guides_with_this_server(guide_env, extension_browser):
    """The same walk with the current pair, so the two above differ from it only in version."""
    connect(extension_browser, guide_env.server, guide_env.workspace, "current@example.test")
    assert guides(extension_browser, guide_env) == []
