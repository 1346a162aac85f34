"""With several gunicorn workers, a publish changes every worker's answer at once."""

import concurrent.futures

import requests

from backend import close_connections, create_app
from tests.support import content
from tests.support.factories import create_workspace

PAGE = "https://crm.example.test/contacts"


def test_publish_invalidates_every_worker(live_server_factory):
    server = live_server_factory(workers=2)
    # The test process writes to the server's SQLite file like another API worker would.
    authoring = create_app(
        {
            "TRAILGUIDE_DATA_DIR": str(server.data_dir),
            "WITHOUT_ANALYTICS": True,
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
        }
    )
    ws = create_workspace(authoring)
    crm = content.application(authoring, ws.id)
    content.publish(authoring, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())

    def fetch(_n):
        # A fresh connection each time, so requests spread over both workers.
        response = requests.get(
            f"{server.url}/api/v1/client/content",
            params={"url": PAGE},
            headers={"X-Trailguide-Key": ws.client_key, "Connection": "close"},
            timeout=10,
        )
        return response.headers["ETag"], response.json()["walkthroughs"][0]["name"]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        before = set(pool.map(fetch, range(40)))
    assert len(before) == 1
    [(old_etag, old_name)] = before
    assert old_name == "Tour"

    content.publish(
        authoring, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc(name="Tour, revised")
    )
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        after = set(pool.map(fetch, range(40)))
    assert len(after) == 1
    [(new_etag, new_name)] = after
    assert new_name == "Tour, revised"
    assert new_etag != old_etag
    close_connections(authoring)
