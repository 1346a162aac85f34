"""Nothing is lost when the server goes away mid-walkthrough, on every test page:
guidance keeps showing from the cache (reloads and new pages included), events
wait on disk — also across a stopped service worker — and arrive exactly once
when the server is back."""

import pytest
from playwright.sync_api import expect

from e2e.support.fixtures import start_env
from e2e.support.player import (
    connect,
    distinct_counts,
    options_page,
    stop_service_worker,
    wait_for_events,
    worker,
)
from e2e.support.scenarios import SCENARIOS
from e2e.support.tour import expected_counts, run


@pytest.fixture(scope="module")
def module_env(tmp_path_factory, clickhouse_server, pages_server):
    """A live server of this module's own: stopping it disturbs no other module. Its tests
    take turns stopping it, each as a person of its own."""
    env = start_env(tmp_path_factory, clickhouse_server, pages_server)
    yield env
    env.server.stop()
    clickhouse_server.query(f"DROP DATABASE IF EXISTS `{env.database}`")


@pytest.fixture
def own_env(module_env):
    """The module's server, up when the test starts (one that failed mid-outage left it down)."""
    if module_env.server.proc is None:
        module_env.server.start()
    return module_env


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_server_down_mid_flow_loses_no_event(own_env, extension_browser, scenario):
    env = own_env
    user = f"resilient-{scenario.name}@example.test"
    connect(extension_browser, env.server, env.workspace, user)
    page = extension_browser.context.new_page()
    page.emulate_media(reduced_motion="reduce")

    def after_step(index):
        if index == 0:
            env.server.stop()  # the rest of the walkthrough happens while it is down

    run(page, env.pages_url, scenario, after_step=after_step)

    status = worker(extension_browser).evaluate("trailguide.status()")
    assert status["queue"]["queued"] > 0, status  # nowhere to send them
    stop_service_worker(extension_browser)  # the queue waits on disk

    env.server.start()  # the worker's backoff alarm wakes it to send
    want = expected_counts(scenario)
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
