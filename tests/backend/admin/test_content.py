"""Guidance items of every type: drafts with ETags, versions, publishing, rollback."""

import pytest

from backend.extensions import db
from backend.models import Workspace
from tests.backend.admin.api import PLURAL, document, make_app, make_item, next_key, url
from tests.support.factories import bearer

TYPES = sorted(PLURAL)


@pytest.fixture
def setup(client, ws):
    app = make_app(client, ws.id, ws.owner_token)
    return ws, app, bearer(ws.owner_token)


def item_url(ws, item_type, item_id, path=""):
    return url(ws.id, f"/{PLURAL[item_type]}/{item_id}{path}")


def content_version(app, workspace_id):
    with app.app_context():
        return db.session.get(Workspace, workspace_id).content_version


@pytest.mark.parametrize("item_type", TYPES)
def test_create_and_read_with_etag(client, setup, item_type):
    ws, app, auth = setup
    item = make_item(client, ws.id, ws.owner_token, item_type, app["id"])
    assert item["status"] == "draft" and item["revision"] == 1 and item["latest_version"] == 0
    assert item["application_key"] == app["key"] and item["has_unpublished_changes"]
    read = client.get(item_url(ws, item_type, item["id"]), headers=auth)
    assert read.status_code == 200
    assert read.headers["ETag"] == '"1"'
    assert read.json["draft"] == item["draft"]


@pytest.mark.parametrize("item_type", TYPES)
def test_update_needs_a_fresh_if_match(client, setup, item_type):
    ws, app, auth = setup
    item = make_item(client, ws.id, ws.owner_token, item_type, app["id"])
    target = item_url(ws, item_type, item["id"])
    draft = {**item["draft"]}
    if item_type in ("launcher", "article", "process"):
        draft["title"] = "Need help?"
    else:
        draft["name"] = "Renamed"
    missing = client.put(target, json={"draft": draft}, headers=auth)
    assert missing.status_code == 428
    assert missing.json["error"]["code"] == "precondition_required"
    ok = client.put(target, json={"draft": draft}, headers={**auth, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'
    stale = client.put(target, json={"draft": draft}, headers={**auth, "If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.json["error"]["details"]["current_etag"] == '"2"'
    gone = client.delete(target, headers={**auth, "If-Match": '"1"'})
    assert gone.status_code == 412
    assert client.delete(target, headers=auth).status_code == 428
    assert client.delete(target, headers={**auth, "If-Match": '"2"'}).status_code == 204
    assert client.get(target, headers=auth).status_code == 404


@pytest.mark.parametrize("item_type", TYPES)
def test_publish_edit_unpublish_rollback(app, client, setup, item_type):
    ws, application, auth = setup
    item = make_item(client, ws.id, ws.owner_token, item_type, application["id"])
    target = item_url(ws, item_type, item["id"])
    first_draft = item["draft"]
    before = content_version(app, ws.id)

    published = client.post(f"{target}/publish", json={"note": "first"}, headers=auth)
    assert published.status_code == 200
    assert published.json["status"] == "published" and published.json["published_version"] == 1
    assert not published.json["has_unpublished_changes"]
    assert content_version(app, ws.id) == before + 1

    again = client.post(f"{target}/publish", json={}, headers=auth)
    assert again.json["latest_version"] == 1  # nothing changed: no new version
    assert content_version(app, ws.id) == before + 1

    changed = (
        {**first_draft, "name": "Second"}
        if item_type not in ("launcher", "article", "process")
        else {
            **first_draft,
            "title": "Second",
        }
    )
    client.put(target, json={"draft": changed}, headers={**auth, "If-Match": '"1"'})
    second = client.post(f"{target}/publish", json={}, headers=auth).json
    assert second["published_version"] == 2

    off = client.post(f"{target}/unpublish", headers=auth)
    assert off.json["status"] == "unpublished" and off.json["published_version"] is None
    assert client.post(f"{target}/unpublish", headers=auth).status_code == 409

    back = client.post(f"{target}/rollback", json={"version": 1}, headers=auth)
    assert back.status_code == 200
    assert back.json["published_version"] == 3 and back.json["status"] == "published"
    assert back.json["draft"] == first_draft
    assert content_version(app, ws.id) == before + 4  # 3 publishes and an unpublish

    versions = client.get(f"{target}/versions", headers=auth).json
    assert [v["version"] for v in versions["items"]] == [3, 2, 1]
    assert versions["items"][2]["note"] == "first"
    assert versions["items"][0]["note"] == "rollback to version 1"
    assert versions["items"][0]["published_by_email"] == ws.owner_email
    one = client.get(f"{target}/versions/1", headers=auth).json
    assert one["document"] == first_draft
    assert client.get(f"{target}/versions/9", headers=auth).status_code == 404
    assert client.post(f"{target}/rollback", json={"version": 9}, headers=auth).status_code == 404


def test_publish_with_a_stale_if_match_is_refused(client, setup):
    ws, app, auth = setup
    item = make_item(client, ws.id, ws.owner_token, "feature", app["id"])
    target = item_url(ws, "feature", item["id"], "/publish")
    assert client.post(target, json={}, headers={**auth, "If-Match": '"7"'}).status_code == 412
    assert client.post(target, json={}, headers={**auth, "If-Match": '"1"'}).status_code == 200


@pytest.mark.parametrize("item_type", ["walkthrough", "tip", "feature", "checklist"])
def test_duplicate_gets_a_new_key(client, setup, item_type):
    ws, app, auth = setup
    item = make_item(client, ws.id, ws.owner_token, item_type, app["id"], key="orig")
    target = item_url(ws, item_type, item["id"], "/duplicate")
    copy = client.post(target, json={}, headers=auth)
    assert copy.status_code == 201
    assert copy.json["key"] == "orig-copy" and copy.json["status"] == "draft"
    assert copy.json["draft"] == item["draft"]
    assert client.post(target, json={}, headers=auth).json["key"] == "orig-copy-2"
    named = client.post(target, json={"key": "mine"}, headers=auth)
    assert named.json["key"] == "mine"
    assert client.post(target, json={"key": "mine"}, headers=auth).status_code == 409


def test_keys_are_unique_per_type(client, setup):
    ws, app, auth = setup
    make_item(client, ws.id, ws.owner_token, "tip", app["id"], key="same")
    make_item(client, ws.id, ws.owner_token, "feature", app["id"], key="same")
    body = {"key": "same", "application_id": app["id"], "draft": document("tip")}
    response = client.post(url(ws.id, "/tips"), json=body, headers=auth)
    assert response.status_code == 409 and response.json["error"]["code"] == "key_taken"


def test_validation_errors_name_every_field_path(client, setup):
    ws, app, auth = setup
    body = {
        "key": "Bad Key",
        "application_id": app["id"],
        "draft": {
            "name": "",
            "steps": [{"key": "a", "title": "T"}, {"key": "b", "kind": "modal", "url": "x"}],
            "frequency": "sometimes",
        },
    }
    response = client.post(url(ws.id, "/walkthroughs"), json=body, headers=auth)
    assert response.status_code == 422
    details = response.json["error"]["details"]["json"]
    assert set(details) == {"key", "draft"}
    assert set(details["draft"]) == {"name", "steps", "frequency"}
    assert "target" in details["draft"]["steps"]["0"]
    assert set(details["draft"]["steps"]["1"]) == {"url"}


def test_unknown_application_is_a_field_error(client, setup):
    ws, _app, auth = setup
    other = make_app(client, ws.id, ws.owner_token)
    body = {"key": "t", "application_id": other["id"] + 1000, "draft": document("tip")}
    response = client.post(url(ws.id, "/tips"), json=body, headers=auth)
    assert response.status_code == 422
    assert "application_id" in response.json["error"]["details"]["json"]


def test_checklists_and_launchers_must_name_existing_walkthroughs(client, setup):
    ws, app, auth = setup
    body = {"key": "c", "application_id": app["id"], "draft": document("checklist", "nowhere")}
    response = client.post(url(ws.id, "/checklists"), json=body, headers=auth)
    assert response.status_code == 422
    details = response.json["error"]["details"]["json"]
    assert details == {
        "draft": {"items": {"0": {"walkthrough": ["No walkthrough with key 'nowhere'."]}}}
    }


def test_a_walkthrough_in_use_cannot_be_deleted(client, setup):
    ws, app, auth = setup
    walkthrough = make_item(client, ws.id, ws.owner_token, "walkthrough", app["id"])
    checklist = make_item(
        client,
        ws.id,
        ws.owner_token,
        "checklist",
        app["id"],
        draft=document("checklist", walkthrough["key"]),
    )
    target = item_url(ws, "walkthrough", walkthrough["id"])
    blocked = client.delete(target, headers={**auth, "If-Match": '"1"'})
    assert blocked.status_code == 409
    assert blocked.json["error"]["details"]["used_by"] == [f"checklist {checklist['key']}"]
    client.delete(item_url(ws, "checklist", checklist["id"]), headers={**auth, "If-Match": '"1"'})
    assert client.delete(target, headers={**auth, "If-Match": '"1"'}).status_code == 204


def test_one_launcher_per_application(client, setup):
    ws, app, auth = setup
    make_item(client, ws.id, ws.owner_token, "launcher", app["id"])
    walkthrough = make_item(client, ws.id, ws.owner_token, "walkthrough", app["id"])
    body = {
        "key": "second",
        "application_id": app["id"],
        "draft": document("launcher", walkthrough["key"]),
    }
    response = client.post(url(ws.id, "/launchers"), json=body, headers=auth)
    assert response.status_code == 409 and response.json["error"]["code"] == "launcher_exists"


def test_lists_paginate_and_filter(client, setup):
    ws, app, auth = setup
    made = [make_item(client, ws.id, ws.owner_token, "feature", app["id"]) for _ in range(5)]
    client.post(item_url(ws, "feature", made[1]["id"], "/publish"), json={}, headers=auth)
    seen, cursor = [], None
    while True:
        query = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get(url(ws.id, "/features"), query_string=query, headers=auth).json
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [item["id"] for item in made]
    published = client.get(
        url(ws.id, "/features"), query_string={"status": "published"}, headers=auth
    ).json
    assert [item["id"] for item in published["items"]] == [made[1]["id"]]
    by_key = client.get(url(ws.id, "/features"), query_string={"key": made[3]["key"]}, headers=auth)
    assert [item["id"] for item in by_key.json["items"]] == [made[3]["id"]]
    bad = client.get(url(ws.id, "/features"), query_string={"cursor": "nonsense"}, headers=auth)
    assert bad.status_code == 422


def test_an_item_of_another_type_is_not_found(client, setup):
    ws, app, auth = setup
    tip = make_item(client, ws.id, ws.owner_token, "tip", app["id"])
    assert client.get(item_url(ws, "feature", tip["id"]), headers=auth).status_code == 404


def test_move_to_another_application(client, setup):
    ws, app, auth = setup
    other = make_app(client, ws.id, ws.owner_token)
    tip = make_item(client, ws.id, ws.owner_token, "tip", app["id"])
    moved = client.put(
        item_url(ws, "tip", tip["id"]),
        json={"draft": tip["draft"], "application_id": other["id"]},
        headers={**auth, "If-Match": '"1"'},
    )
    assert moved.status_code == 200 and moved.json["application_key"] == other["key"]


def test_deleting_a_published_item_changes_delivery(app, client, setup):
    ws, application, auth = setup
    feature = make_item(client, ws.id, ws.owner_token, "feature", application["id"])
    client.post(item_url(ws, "feature", feature["id"], "/publish"), json={}, headers=auth)
    before = content_version(app, ws.id)
    client.delete(item_url(ws, "feature", feature["id"]), headers={**auth, "If-Match": "*"})
    assert content_version(app, ws.id) == before + 1


def test_next_key_helper_is_unique():
    assert next_key("x") != next_key("x")


@pytest.mark.parametrize("item_type", TYPES)
def test_an_empty_list(client, ws, item_type):
    response = client.get(url(ws.id, f"/{PLURAL[item_type]}"), headers=bearer(ws.owner_token))
    assert response.json == {"items": [], "next_cursor": None}


def test_unpublished_changes_are_flagged(client, setup):
    ws, app, auth = setup
    tip = make_item(client, ws.id, ws.owner_token, "tip", app["id"])
    target = item_url(ws, "tip", tip["id"])
    assert not client.post(f"{target}/publish", json={}, headers=auth).json[
        "has_unpublished_changes"
    ]
    edited = client.put(
        target,
        json={"draft": {**tip["draft"], "title": "New title"}},
        headers={**auth, "If-Match": '"1"'},
    ).json
    assert edited["has_unpublished_changes"] and edited["published_version"] == 1


@pytest.mark.parametrize("header", ["7", "abc", '"1', "W/7"])
def test_an_if_match_that_is_no_list_of_etags_is_400(client, setup, header):
    ws, app, auth = setup
    item = make_item(client, ws.id, ws.owner_token, "tip", app["id"])
    response = client.delete(item_url(ws, "tip", item["id"]), headers={**auth, "If-Match": header})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_if_match"
