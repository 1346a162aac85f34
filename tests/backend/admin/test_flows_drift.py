"""Content managed as code: `flows push` reports items changed elsewhere since it wrote them."""

from pathlib import Path

from tests.backend.admin.api import url
from tests.support.factories import bearer
from walkthroughs.flows import load_paths

EXAMPLES = Path(__file__).parents[3] / "walkthroughs" / "examples"


def push(client, ws, bundle, **query):
    response = client.post(
        url(ws.id, "/flows/import"),
        json=bundle,
        query_string=query,
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 200, response.json
    return response.json


def _walkthrough(client, ws, key):
    listed = client.get(url(ws.id, "/walkthroughs"), headers=bearer(ws.owner_token)).json
    return next(item for item in listed["items"] if item["key"] == key)


def _edit_elsewhere(client, ws, key):
    item = _walkthrough(client, ws, key)
    changed = client.put(
        url(ws.id, f"/walkthroughs/{item['id']}"),
        json={"draft": {**item["draft"], "name": "Renamed in the console"}},
        headers={**bearer(ws.owner_token), "If-Match": f'"{item["revision"]}"'},
    )
    assert changed.status_code == 200, changed.json


def test_a_repeated_push_reports_no_drift(client, ws):
    bundle = load_paths([EXAMPLES]).bundle
    assert push(client, ws, bundle)["drift"] == []
    assert push(client, ws, bundle)["drift"] == []


def test_a_change_made_elsewhere_is_reported_once_and_replaced(client, ws):
    bundle = load_paths([EXAMPLES]).bundle
    push(client, ws, bundle)
    key = bundle["walkthroughs"][0]["key"]
    _edit_elsewhere(client, ws, key)
    assert push(client, ws, bundle)["drift"] == [{"type": "walkthrough", "key": key}]
    assert _walkthrough(client, ws, key)["draft"]["name"] == bundle["walkthroughs"][0]["name"]
    assert push(client, ws, bundle)["drift"] == []


def test_publishing_is_not_drift(client, ws):
    bundle = load_paths([EXAMPLES]).bundle
    push(client, ws, bundle, publish="true")
    assert push(client, ws, bundle, publish="true")["drift"] == []
