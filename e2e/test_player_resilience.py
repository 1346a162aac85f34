"""Nothing is lost when the server goes away mid-walkthrough: guidance keeps
showing from the cache, events wait on disk (also across a stopped service
worker) and arrive exactly once when the server is back."""

from playwright.sync_api import expect

from e2e.support.fixtures import start_env
from e2e.support.player import (
    card,
    connect,
    distinct_counts,
    expect_step,
    options_page,
    stop_service_worker,
    wait_for_events,
    worker,
)
from e2e.support.scenarios import BY_NAME
from e2e.test_player_pages import expected_counts


def test_server_down_mid_flow_loses_no_event(
    tmp_path_factory, clickhouse_server, pages_server, extension_browser
):
    env = start_env(tmp_path_factory, clickhouse_server, pages_server)
    try:
        user = "resilient@example.test"
        connect(extension_browser, env.server, env.workspace, user)
        page = extension_browser.context.new_page()
        page.emulate_media(reduced_motion="reduce")
        page.goto(env.pages_url + "/plain/index.html")
        expect_step(page, "plain A").get_by_role("button", name="Next").click()
        expect_step(page, "plain B")

        env.server.stop()  # the rest of the walkthrough happens while the server is down
        page.get_by_test_id("target-b").fill("Quarterly")
        expect_step(page, "plain C")
        page.reload()  # guidance comes from the extension's cache now
        expect_step(page, "plain C")
        page.get_by_test_id("target-c").click()
        expect_step(page, "plain D")
        page.get_by_test_id("target-d").click()
        expect_step(page, "plain E").get_by_role("button", name="Done").click()
        expect(card(page)).to_have_count(0)

        status = worker(extension_browser).evaluate("trailguide.status()")
        assert status["queue"]["queued"] > 0, status  # nowhere to send them

        stop_service_worker(extension_browser)  # its queue waits on disk

        env.server.start()
        want = expected_counts(BY_NAME["plain"])
        rows = wait_for_events(
            env.clickhouse, env.database, user,
            lambda rows: all(distinct_counts(rows).get(k, 0) >= n for k, n in want.items()),
            timeout=120,
            browser=extension_browser,
        )  # fmt: skip
        counts = distinct_counts(rows)
        assert {k: counts.get(k, 0) for k in want} == want
        status = options_page(extension_browser).locator("#status")
        expect(status).to_have_attribute("data-queued", "0")
        expect(status).to_have_attribute("data-dropped", "0")
    finally:
        env.server.stop()
        clickhouse_server.query(f"DROP DATABASE IF EXISTS `{env.database}`")
