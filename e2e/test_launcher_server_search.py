"""Where a person's search index is too big to ship (the bound set to 1 KB here), the
launcher sends each query to the server, which finds a typo'd item as the extension
would; while the server is unreachable the launcher says search needs a connection."""

import pytest
from playwright.sync_api import expect

from e2e.support.fixtures import start_env
from e2e.support.player import PLAYER, person_through_proxy


@pytest.fixture(scope="module")
def small_bound_env(tmp_path_factory, clickhouse_server, pages_server):
    env = start_env(
        tmp_path_factory,
        clickhouse_server,
        pages_server,
        settings={"TRAILGUIDE_SEARCH_INDEX_MAX_BYTES": "1024"},
    )
    yield env
    env.server.stop()
    clickhouse_server.query(f"DROP DATABASE IF EXISTS `{env.database}`")


def test_the_launcher_finds_a_typo_through_the_server_and_says_when_it_cannot(
    small_bound_env, extension_browser
):
    env = small_bound_env
    with person_through_proxy(env, extension_browser, "server-search") as proxy:
        page = extension_browser.context.new_page()
        page.goto(f"{env.server.url}/acme/contacts")
        expect(page.locator(f"{PLAYER} .tg-launcher-button")).to_be_visible()
        page.keyboard.press("Alt+Shift+KeyH")
        panel = page.locator(f"{PLAYER} .tg-panel")
        search = panel.get_by_role("searchbox", name="Search Help")
        expect(search).to_be_focused()
        search.fill("pipelne")
        option = panel.get_by_role("option").first
        expect(option.locator(".tg-item-title")).to_have_text("Work your deals pipeline")
        asked = [p for p in proxy.paths if p.startswith("/api/v1/client/search?")]
        assert any("q=pipelne" in p for p in asked), proxy.paths

        proxy.offline = True
        search.fill("contct")
        expect(panel.locator(".tg-empty")).to_have_text(
            "Search needs a connection to the server. Try again when you are online."
        )
        expect(panel.locator("[aria-live=polite]")).to_have_text("Search needs a connection")
        expect(panel.get_by_role("option")).to_have_count(0)
