"""The audit log: every change recorded, filtered reads, newest first, paginated."""

from datetime import UTC, datetime, timedelta

from tests.backend.admin.api import PLURAL, make_app, make_item, url
from tests.support.factories import add_member, bearer


def actions(client, ws, **query):
    response = client.get(url(ws.id, "/audit"), query_string=query, headers=bearer(ws.owner_token))
    assert response.status_code == 200, response.json
    return [entry["action"] for entry in response.json["items"]]


def test_content_lifecycle_is_audited(client, ws):
    app = make_app(client, ws.id, ws.owner_token)
    item = make_item(client, ws.id, ws.owner_token, "walkthrough", app["id"])
    base = url(ws.id, f"/{PLURAL['walkthrough']}/{item['id']}")
    auth = bearer(ws.owner_token)
    draft = {**item["draft"], "name": "Edited"}
    client.put(base, json={"draft": draft}, headers={**auth, "If-Match": '"1"'})
    client.post(f"{base}/publish", json={"note": "go"}, headers=auth)
    client.post(f"{base}/unpublish", headers=auth)
    client.post(f"{base}/rollback", json={"version": 1}, headers=auth)
    client.post(f"{base}/duplicate", json={"key": "dup"}, headers=auth)
    client.delete(base, headers={**auth, "If-Match": "*"})
    assert actions(client, ws, action="walkthrough.*") == [
        "walkthrough.delete",
        "walkthrough.duplicate",
        "walkthrough.create",
        "walkthrough.rollback",
        "walkthrough.unpublish",
        "walkthrough.publish",
        "walkthrough.edit",
        "walkthrough.create",
    ]
    edit = client.get(
        url(ws.id, "/audit"),
        query_string={"action": "walkthrough.edit"},
        headers=auth,
    ).json["items"][0]
    assert edit["details"]["changed"] == ["name"]
    assert edit["object_type"] == "walkthrough" and edit["object_id"] == str(item["id"])
    assert "application.create" in actions(client, ws)


def test_filters(app, client, ws):
    editor = add_member(app, ws.id, "editor", email="filter-editor@example.test")
    application = make_app(client, ws.id, ws.owner_token)
    feature = make_item(client, ws.id, editor, "feature", application["id"])
    assert actions(client, ws, actor="filter-editor@example.test") == ["feature.create"]
    assert actions(client, ws, object_type="feature", object_id=str(feature["id"])) == [
        "feature.create"
    ]
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert actions(client, ws, since=future) == []
    assert "feature.create" in actions(client, ws, until=future)
    assert actions(client, ws, action="nothing.like.this") == []


def test_pagination_newest_first(client, ws):
    for _ in range(3):
        make_app(client, ws.id, ws.owner_token)
    auth = bearer(ws.owner_token)
    first = client.get(url(ws.id, "/audit"), query_string={"limit": 2}, headers=auth).json
    rest = client.get(
        url(ws.id, "/audit"),
        query_string={"limit": 50, "cursor": first["next_cursor"]},
        headers=auth,
    ).json
    ids = [e["id"] for e in first["items"] + rest["items"]]
    assert ids == sorted(ids, reverse=True) and len(ids) == len(set(ids))
    assert rest["next_cursor"] is None


def test_a_workspace_sees_only_its_own_log(app, client, ws):
    from tests.support.factories import create_workspace

    other = create_workspace(app, "Other")
    make_app(client, other.id, other.owner_token)
    entries = client.get(url(ws.id, "/audit"), headers=bearer(ws.owner_token)).json["items"]
    assert all(e["actor_email"] != other.owner_email for e in entries)


def test_bad_filters_are_422(client, ws):
    response = client.get(
        url(ws.id, "/audit"), query_string={"since": "yesterday"}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 422
    assert "since" in response.json["error"]["details"]["query"]
