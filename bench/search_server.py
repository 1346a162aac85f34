"""The server's launcher search for a workspace whose index is too big to ship: what one
query costs against fetching the whole index (the baseline, measured in the same run).

A workspace of about 1,000 items (tests/support/search_workspace.py, doubled: 880
walkthroughs of 8 steps, 100 checklists, 2 launchers) on SQLite (FTS5 trigram). The
index answer (contract 5, every entry) is fetched as an extension of that contract would;
then each query of a small table (words, prefixes, one-edit typos) is asked as the
launcher asks it (contract 6, with the page URL). Each is repeated; medians are compared.

Ends with one JSON line: {"entries", "index_bytes", "index_ms", "query_bytes_median",
"query_ms_median", "query_ms_max", "bytes_ratio": query / index, "time_ratio": query /
index}.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time

from backend import close_connections, create_app
from tests.support.factories import bearer, create_workspace
from tests.support.search_workspace import CHECKLISTS, WALKTHROUGHS, bundle

QUERIES = ("invoice", "invoce", "dash", "pipelne report", "custmer order", "renewal quote")
REPEAT = 15
PAGE = "https://app0.example.test/x"


def _timed(call) -> tuple[float, bytes]:
    start = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.get_data(as_text=True)
    return elapsed, response.get_data()


def main() -> None:
    with tempfile.TemporaryDirectory() as data:
        config = {"TRAILGUIDE_DATA_DIR": data, "WITHOUT_ANALYTICS": True}
        app = create_app({**config, "TRAILGUIDE_LOG_LEVEL": "ERROR"})
        try:
            client = app.test_client()
            ws = create_workspace(app, name="A thousand")
            flows = bundle(random.Random(7), WALKTHROUGHS * 2, CHECKLISTS * 2)
            done = client.post(
                f"/api/v1/workspaces/{ws.id}/flows/import?publish=true",
                json=flows,
                headers=bearer(ws.owner_token),
            )
            assert done.status_code == 200, done.get_data(as_text=True)
            key = {"X-Trailguide-Key": ws.client_key}
            whole = [
                _timed(
                    lambda: client.get(
                        "/api/v1/client/search", headers={**key, "X-Trailguide-Contract": "5"}
                    )
                )
                for _ in range(REPEAT)
            ]
            asked = [
                _timed(
                    lambda q=q: client.get(
                        "/api/v1/client/search",
                        query_string={"q": q, "url": PAGE},
                        headers={**key, "X-Trailguide-Contract": "6"},
                    )
                )
                for q in QUERIES
                for _ in range(REPEAT)
            ]
        finally:
            close_connections(app)
    index_body = whole[0][1]
    figures = {
        "entries": len(json.loads(index_body)["entries"]),
        "index_bytes": len(index_body),
        "index_ms": round(statistics.median(t for t, _ in whole), 2),
        "query_bytes_median": int(statistics.median(len(b) for _, b in asked)),
        "query_ms_median": round(statistics.median(t for t, _ in asked), 2),
        "query_ms_max": round(max(t for t, _ in asked), 2),
    }
    figures["bytes_ratio"] = round(figures["query_bytes_median"] / figures["index_bytes"], 4)
    figures["time_ratio"] = round(figures["query_ms_median"] / figures["index_ms"], 2)
    print(
        f"index of {figures['entries']} entries: {figures['index_bytes']} B in "
        f"{figures['index_ms']} ms; a query: {figures['query_bytes_median']} B in "
        f"{figures['query_ms_median']} ms (max {figures['query_ms_max']} ms)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
