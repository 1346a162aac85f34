"""The launcher's search index: its size in the content answer, for the demo workspace and
for one of 500 items, against the ~300 KB above which search would be served by the
server instead of travelling with the content.

A 500-item workspace: 5 applications, 440 walkthroughs (8 steps each, titled and
described in plausible words), 50 checklists and 2 launchers of 5 links each. Measured on
the answer the extension receives (contract 2) for a person every item targets.

Ends with one JSON line: {"demo_bytes", "items_500_bytes", "items_500_gzip_bytes",
"ratio": index bytes / whole answer bytes for the 500 items, "limit_bytes"}.
"""

from __future__ import annotations

import gzip
import json
import random
import tempfile
from pathlib import Path

from backend import close_connections, create_app
from tests.support.factories import bearer, create_workspace
from tests.support.search_workspace import bundle

EXAMPLE = Path(__file__).resolve().parents[1] / "walkthroughs" / "examples" / "acme-crm.yaml"
LIMIT = 300 * 1024


def _answer(client, ws, body, content_type: str, page: str) -> dict:
    done = client.post(
        f"/api/v1/workspaces/{ws.id}/flows/import?publish=true",
        data=body,
        headers={**bearer(ws.owner_token), "Content-Type": content_type},
    )
    assert done.status_code == 200, done.get_data(as_text=True)
    response = client.get(
        "/api/v1/client/content",
        query_string={"url": page},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-Contract": "2"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data()


def _index_bytes(raw: bytes) -> int:
    return len(json.dumps(json.loads(raw)["search"], separators=(",", ":")).encode())


def main() -> None:
    figures = {}
    with tempfile.TemporaryDirectory() as data:
        config = {"TRAILGUIDE_DATA_DIR": data, "WITHOUT_ANALYTICS": True}
        app = create_app({**config, "TRAILGUIDE_LOG_LEVEL": "ERROR"})
        try:
            client = app.test_client()
            demo = create_workspace(app, name="Demo")
            raw = _answer(
                client,
                demo,
                EXAMPLE.read_bytes(),
                "application/yaml",
                "http://127.0.0.1/acme/deals",
            )
            figures["demo_bytes"] = _index_bytes(raw)
            big = create_workspace(app, name="Five hundred")
            flows = json.dumps(bundle(random.Random(5))).encode()
            raw = _answer(client, big, flows, "application/json", "https://app0.example.test/x")
            index = json.dumps(json.loads(raw)["search"], separators=(",", ":")).encode()
            figures["items_500_entries"] = len(json.loads(raw)["search"])
            figures["items_500_bytes"] = len(index)
            figures["items_500_gzip_bytes"] = len(gzip.compress(index))
            figures["ratio"] = round(len(index) / len(raw), 3)
        finally:
            close_connections(app)
    figures["limit_bytes"] = LIMIT
    print(
        f"search index: demo {figures['demo_bytes']} B; 500 items "
        f"({figures['items_500_entries']} entries) {figures['items_500_bytes']} B, "
        f"{figures['items_500_gzip_bytes']} B gzipped, {figures['ratio']:.0%} of the answer; "
        f"limit {LIMIT} B"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
