"""``trailguide serve`` with several workers: a scrape of any worker reports the whole server."""

import concurrent.futures

import requests

from backend import close_connections, create_app
from tests.support.events import make_event
from tests.support.factories import create_workspace

POSTS = 40


def accepted_total(server) -> float:
    # A fresh connection each time, so scrapes reach either worker.
    text = requests.get(f"{server.url}/metrics", headers={"Connection": "close"}, timeout=10).text
    [line] = [line for line in text.splitlines() if line.startswith("trailguide_events_accepted")]
    return float(line.rsplit(" ", 1)[1])


def test_every_scrape_counts_the_events_of_every_worker(live_server_factory):
    server = live_server_factory(workers=2)
    authoring = create_app(
        {
            "TRAILGUIDE_DATA_DIR": str(server.data_dir),
            "WITHOUT_ANALYTICS": True,
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
        }
    )
    ws = create_workspace(authoring)
    close_connections(authoring)

    def post(_n):
        return requests.post(
            f"{server.url}/api/v1/client/events",
            json={"events": [make_event()]},
            headers={"X-Trailguide-Key": ws.client_key, "Connection": "close"},
            timeout=10,
        ).status_code

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        assert set(pool.map(post, range(POSTS))) == {200}
    # Each worker keeps its figures in files of its own, in the directory serve gave them.
    assert len(list((server.data_dir / "metrics").glob("counter_*.db"))) == 2
    # Posts and scrapes spread over both workers; per-worker figures would differ here.
    assert {accepted_total(server) for _ in range(10)} == {POSTS}
