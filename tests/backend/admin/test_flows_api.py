"""Flows over HTTP: import by key (JSON or YAML), publish, export."""

from pathlib import Path

import yaml

from tests.backend.admin.api import url
from tests.support.factories import add_member, bearer
from walkthroughs.flows import load_paths

EXAMPLES = Path(__file__).parents[3] / "walkthroughs" / "examples"


def push(client, ws, body, token=None, **query):
    return client.post(
        url(ws.id, "/flows/import"),
        json=body,
        query_string=query,
        headers=bearer(token or ws.owner_token),
    )


def test_import_creates_then_updates_by_key(client, ws):
    bundle = load_paths([EXAMPLES]).bundle
    first = push(client, ws, bundle)
    assert first.status_code == 200, first.json
    assert first.json["sections"]["walkthroughs"]["created"] == 5
    assert first.json["published"] == 0
    again = push(client, ws, bundle).json
    assert again["sections"]["walkthroughs"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 5,
        "published": 0,
    }
    bundle["walkthroughs"][0]["name"] = "Renamed"
    changed = push(client, ws, bundle, publish="true").json
    assert changed["sections"]["walkthroughs"]["updated"] == 1
    assert changed["published"] == 17
    assert push(client, ws, bundle, publish="true").json["published"] == 0


def test_yaml_body(client, ws):
    text = (EXAMPLES / "acme-crm.yaml").read_text()
    response = client.post(
        url(ws.id, "/flows/import"),
        data=text.encode(),
        content_type="application/yaml",
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 200, response.json
    assert response.json["sections"]["tips"]["created"] == 2


def test_problems_are_listed_with_paths_and_nothing_is_imported(client, ws):
    bundle = load_paths([EXAMPLES]).bundle
    bundle["walkthroughs"][1]["steps"][0]["advance"] = "teleport"
    bundle["checklists"][0]["items"][0]["walkthrough"] = "nowhere"
    response = push(client, ws, bundle)
    assert response.status_code == 422
    problems = response.json["error"]["details"]["problems"]
    assert problems == [
        {
            "path": "walkthroughs[1].steps[0].advance",
            "message": "Must be one of: next_button, click_target, input_target, url_matches.",
        },
    ]
    bundle["walkthroughs"][1]["steps"][0]["advance"] = "next_button"
    problems = push(client, ws, bundle).json["error"]["details"]["problems"]
    assert problems == [
        {"path": "checklists[0].items[0].walkthrough", "message": "No walkthrough 'nowhere'."}
    ]
    exported = client.get(
        url(ws.id, "/flows/export"), query_string={"drafts": "true"}, headers=bearer(ws.owner_token)
    ).json
    assert exported["walkthroughs"] == [] and exported["applications"] == []


def test_references_may_point_at_existing_content(client, ws):
    bundle = load_paths([EXAMPLES]).bundle
    push(client, ws, bundle)
    only_checklist = {"version": 1, "checklists": bundle["checklists"]}
    assert push(client, ws, only_checklist).status_code == 200


def test_bad_bodies(client, ws):
    auth = bearer(ws.owner_token)
    response = client.post(
        url(ws.id, "/flows/import"), data=b"{nope", content_type="application/json", headers=auth
    )
    assert response.status_code == 400
    response = client.post(
        url(ws.id, "/flows/import"),
        data=b"a: &x [1]\nb: *x\n",
        content_type="application/yaml",
        headers=auth,
    )
    assert response.status_code == 400 and "line 1" in response.json["error"]["message"]
    assert push(client, ws, ["not", "a", "bundle"]).status_code == 422


def test_export_published_versus_drafts(client, ws):
    bundle = load_paths([EXAMPLES]).bundle
    push(client, ws, bundle, publish="true")
    bundle["tips"][0]["title"] = "Changed in the draft"
    push(client, ws, bundle)
    auth = bearer(ws.owner_token)
    published = client.get(url(ws.id, "/flows/export"), headers=auth).json
    drafts = client.get(
        url(ws.id, "/flows/export"), query_string={"drafts": "true"}, headers=auth
    ).json
    tip = {t["key"]: t for t in published["tips"]}[bundle["tips"][0]["key"]]
    draft_tip = {t["key"]: t for t in drafts["tips"]}[bundle["tips"][0]["key"]]
    assert tip["title"] != "Changed in the draft" and draft_tip["title"] == "Changed in the draft"
    assert list(published["walkthroughs"][0])[:2] == ["key", "application"]
    as_yaml = client.get(url(ws.id, "/flows/export"), query_string={"format": "yaml"}, headers=auth)
    assert as_yaml.mimetype == "application/yaml"
    assert yaml.safe_load(as_yaml.get_data(as_text=True)) == published


def test_publishing_on_import_needs_the_publish_permission(app, client, ws):
    analyst = add_member(app, ws.id, "analyst")
    bundle = load_paths([EXAMPLES]).bundle
    assert push(client, ws, bundle, token=analyst).status_code == 403
    editor = add_member(app, ws.id, "editor")
    assert push(client, ws, bundle, token=editor, publish="true").status_code == 200


def test_yaml_with_duplicate_keys_is_refused(client, ws):
    text = "version: 1\nversion: 1\n"
    response = client.post(
        url(ws.id, "/flows/import"),
        data=text.encode(),
        content_type="application/yaml",
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 422
    assert response.json["error"]["details"]["problems"] == [
        {"path": "", "message": "line 2: Duplicate key 'version' in a mapping."}
    ]
