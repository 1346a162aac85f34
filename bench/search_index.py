"""The launcher's search index: its size in the content answer, for the demo workspace and
for one of 500 items, against the ~300 KB above which search would be served by the
server instead of travelling with the content.

A 500-item workspace: 5 applications, 440 walkthroughs (8 steps each, titled and
described in plausible words), 50 checklists and 2 launchers of 5 links each. Measured on
the answer the extension receives (contract 2) for a person every item targets. Then the
index's own answer (contract 4) for workspaces of about 250, 500 and 1,000 items, and the
number of entries at which it passes the limit.

Ends with one JSON line: {"demo_bytes", "items_500_bytes", "items_500_gzip_bytes",
"ratio": index bytes / whole answer bytes for the 500 items, "limit_bytes",
"index_bytes_by_entries", "bytes_per_entry", "entries_at_limit"}.
"""

from __future__ import annotations

import gzip
import json
import random
import tempfile
from pathlib import Path

from backend import close_connections, create_app
from tests.support.factories import bearer, create_workspace
from tests.support.search_workspace import CHECKLISTS, WALKTHROUGHS, bundle

EXAMPLE = Path(__file__).resolve().parents[1] / "walkthroughs" / "examples" / "acme-crm.yaml"
LIMIT = 300 * 1024
# Workspaces of 250 to 1,000 items (in halves of the 500-item one), for where the limit is passed.
SCALES = (1, 2, 4)


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


def _index_of(client, ws) -> bytes:
    """The search index's own answer (contract 4) for an anonymous person."""
    response = client.get(
        "/api/v1/client/search",
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-Contract": "4"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data()


def _sizes(client) -> dict[int, int]:
    """The index's bytes by number of entries, for workspaces of growing size."""
    sizes = {}
    for scale in SCALES:
        ws = create_workspace(client.application, name=f"Scale {scale}")
        walkthroughs, checklists = WALKTHROUGHS * scale // 2, CHECKLISTS * scale // 2
        flows = bundle(random.Random(scale), walkthroughs, checklists)
        done = client.post(
            f"/api/v1/workspaces/{ws.id}/flows/import?publish=true",
            json=flows,
            headers=bearer(ws.owner_token),
        )
        assert done.status_code == 200, done.get_data(as_text=True)
        raw = _index_of(client, ws)
        sizes[len(json.loads(raw)["entries"])] = len(raw)
    return sizes


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
            sizes = _sizes(client)
        finally:
            close_connections(app)
    figures["limit_bytes"] = LIMIT
    figures["index_bytes_by_entries"] = sizes
    # Entries cost about the same each: the crossing, between the two sizes around it.
    (small, small_bytes), (large, large_bytes) = min(sizes.items()), max(sizes.items())
    per_entry = (large_bytes - small_bytes) / (large - small)
    figures["bytes_per_entry"] = round(per_entry, 1)
    figures["entries_at_limit"] = int(small + (LIMIT - small_bytes) / per_entry)
    for entries, size in sorted(sizes.items()):
        print(f"index answer of {entries} entries: {size} B")
    print(
        f"about {figures['bytes_per_entry']} B an entry: the index passes {LIMIT} B at "
        f"about {figures['entries_at_limit']} entries"
    )
    print(
        f"search index: demo {figures['demo_bytes']} B; 500 items "
        f"({figures['items_500_entries']} entries) {figures['items_500_bytes']} B, "
        f"{figures['items_500_gzip_bytes']} B gzipped, {figures['ratio']:.0%} of the answer; "
        f"limit {LIMIT} B"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
