"""The worker keeps the launcher's search index once per person, not inside every cached
page: 60 pages of a 500-item workspace stay far inside chrome.storage.local's quota, and
search still works offline (extension/worker/content.js, search_index.js).

The server's real answers are recorded and served to the worker's own modules in node.
"""

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from backend import close_connections, create_app
from tests.support.factories import bearer, create_workspace
from tests.support.search_workspace import APPS, bundle

HERE = Path(__file__).parent
# chrome.storage.local holds 10 MiB without the unlimitedStorage permission.
QUOTA = 10 * 1024 * 1024
# The worker's cache keeps at most this many answers (MAX_ENTRIES in content.js).
PAGES = 60
ENTRIES = 500


def _record(client, ws, contract: str) -> dict:
    headers = {"X-Trailguide-Key": ws.client_key, "X-Trailguide-Contract": contract}
    pages = []
    for n in range(PAGES):
        url = f"https://app{n % APPS}.example.test/page/{n}"
        answer = client.get("/api/v1/client/content", query_string={"url": url}, headers=headers)
        assert answer.status_code == 200, answer.get_data(as_text=True)
        body = answer.json
        pages.append(
            {
                "url": url,
                "app": body["application"]["id"],
                "etag": answer.headers["ETag"],
                "body": body,
            }
        )
    index = client.get("/api/v1/client/search", headers=headers)
    assert index.status_code == 200
    return {"pages": pages, "index": {"etag": index.headers["ETag"], "body": index.json}}


def _run_worker(path: Path) -> dict:
    done = subprocess.run(
        [shutil.which("node") or "node", str(HERE / "js" / "search_storage.mjs"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def worker_runs(tmp_path_factory, sqlite_template):
    """What the worker stored and found, for answers by reference (4) and inline (3)."""
    data = tmp_path_factory.mktemp("search-storage")
    sqlite_template.copy_into(data)
    app = create_app(
        {
            "TRAILGUIDE_DATA_DIR": str(data),
            "WITHOUT_ANALYTICS": True,
            "TRAILGUIDE_LOG_LEVEL": "ERROR",
        }
    )
    try:
        client = app.test_client()
        ws = create_workspace(app, name="Five hundred")
        imported = client.post(
            f"/api/v1/workspaces/{ws.id}/flows/import?publish=true",
            json=bundle(random.Random(5)),
            headers=bearer(ws.owner_token),
        )
        assert imported.status_code == 200, imported.get_data(as_text=True)
        runs = {}
        for contract in ("4", "3"):
            path = data / f"recorded-{contract}.json"
            path.write_text(json.dumps(_record(client, ws, contract)))
            runs[contract] = _run_worker(path)
        return runs
    finally:
        close_connections(app)


def test_sixty_cached_pages_of_a_500_item_workspace_stay_far_inside_the_quota(worker_runs):
    """A tenth of the quota: room for the event queue, settings and a second person."""
    assert worker_runs["4"]["bytes"] < QUOTA / 10


def test_the_index_inline_in_every_cached_page_would_overflow_the_quota(worker_runs):
    """The third contract's shape, where the index travelled with every page."""
    assert worker_runs["3"]["bytes"] > QUOTA


def test_the_index_is_fetched_once_for_every_page(worker_runs):
    run = worker_runs["4"]
    assert run["requests"] == {"content": PAGES, "search": 1}
    assert [visit["found"] for visit in run["visits"]] == [ENTRIES] * PAGES


def test_search_works_offline_from_the_index_kept_once(worker_runs):
    offline = worker_runs["4"]["offline"]
    assert offline == [{"offline": True, "found": ENTRIES}] * PAGES


def test_a_page_naming_another_index_fetches_it_once_more(worker_runs):
    assert worker_runs["4"]["republished"] == {"offline": False, "found": 0, "fetched": 1}


def test_an_older_servers_inline_index_still_reaches_the_launcher(worker_runs):
    assert [visit["found"] for visit in worker_runs["3"]["visits"]] == [ENTRIES] * PAGES
