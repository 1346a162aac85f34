"""The content list: search, filters, sort, paging, tags, bulk actions and the archive."""

import base64
import json
from pathlib import Path

import pytest
from sqlalchemy import event, select

from backend.extensions import db
from backend.models import AuditEntry
from tests.backend.admin.api import document, make_app, make_item, url
from tests.support.factories import add_member, bearer


def forged(name, value, item_id) -> str:
    raw = json.dumps([name, value, item_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


EVERY_SORT = ["title", "-title", "updated", "-updated", "status", "-status", "kind", "-kind"]


@pytest.fixture
def auth(ws):
    return bearer(ws.owner_token)


@pytest.fixture
def crm(client, ws):
    return make_app(client, ws.id, ws.owner_token)


def listing(client, ws, auth, **args):
    response = client.get(url(ws.id, "/content"), query_string=args, headers=auth)
    assert response.status_code == 200, response.json
    return response.json


def keys(page):
    return [item["key"] for item in page["items"]]


def named(client, ws, app_id, key, name, item_type="walkthrough", token=None, **fields):
    draft = {**document(item_type), "name": name, **fields}
    return make_item(client, ws.id, token or ws.owner_token, item_type, app_id, key, draft)


def bulk(client, ws, auth, action, ids, **extra):
    body = {"action": action, "ids": ids, **extra}
    return client.post(url(ws.id, "/content/bulk"), json=body, headers=auth)


def tag(client, ws, auth, item, *tags):
    response = client.put(
        url(ws.id, f"/content/{item['id']}/tags"), json={"tags": list(tags)}, headers=auth
    )
    assert response.status_code == 200, response.json
    return response.json["tags"]


def test_search_matches_name_key_and_text(client, ws, auth, crm):
    """A word of the name, of the key or of the text finds the item, whatever its case."""
    named(client, ws, crm["id"], "invoices", "Send an Invoice")
    named(client, ws, crm["id"], "contacts", "Create a contact")
    tip = {**document("tip"), "title": "Crème brûlée VAT_rate 50%"}
    make_item(client, ws.id, ws.owner_token, "tip", crm["id"], key="vat", draft=tip)
    assert keys(listing(client, ws, auth, q="invoice")) == ["invoices"]
    assert keys(listing(client, ws, auth, q="CONTACTS")) == ["contacts"]
    assert keys(listing(client, ws, auth, q="brûlée")) == ["vat"]
    assert keys(listing(client, ws, auth, q="vat_rate 50%")) == ["vat"]
    # LIKE's wildcards are plain characters in a search.
    assert keys(listing(client, ws, auth, q="vat%rate")) == []
    assert keys(listing(client, ws, auth, q="vat_rate 5_%")) == []


def test_filters_by_kind_and_application(client, ws, auth, crm):
    erp = make_app(client, ws.id, ws.owner_token)
    named(client, ws, crm["id"], "crm-tour", "CRM tour")
    named(client, ws, erp["id"], "erp-tour", "ERP tour")
    named(client, ws, erp["id"], "erp-tip", "ERP tip", item_type="tip")
    assert keys(listing(client, ws, auth, application_id=erp["id"], sort="title")) == [
        "erp-tip",
        "erp-tour",
    ]
    assert keys(listing(client, ws, auth, kind="tip")) == ["erp-tip"]
    both = listing(client, ws, auth, kind="walkthrough", application_id=erp["id"])
    assert keys(both) == ["erp-tour"]
    assert both["items"][0]["application_name"] == erp["name"]


def test_tags_filter_every_named_tag(client, ws, auth, crm):
    a = named(client, ws, crm["id"], "a", "A")
    b = named(client, ws, crm["id"], "b", "B")
    named(client, ws, crm["id"], "c", "C")
    assert tag(client, ws, auth, a, "Onboarding", "Billing") == ["billing", "onboarding"]
    tag(client, ws, auth, b, "onboarding")
    assert keys(listing(client, ws, auth, tag="onboarding", sort="title")) == ["a", "b"]
    assert keys(listing(client, ws, auth, tag=["onboarding", "billing"])) == ["a"]
    assert listing(client, ws, auth, tag="billing")["items"][0]["tags"] == [
        "billing",
        "onboarding",
    ]


def test_tags_are_replaced_and_suggested_most_used_first(client, ws, auth, crm):
    a = named(client, ws, crm["id"], "a", "A")
    b = named(client, ws, crm["id"], "b", "B")
    tag(client, ws, auth, a, "sales", "support")
    tag(client, ws, auth, b, "sales")
    assert tag(client, ws, auth, a, "support", "security") == ["security", "support"]
    response = client.get(url(ws.id, "/content/tags"), query_string={"prefix": "s"}, headers=auth)
    assert response.json["items"] == [
        {"tag": "sales", "count": 1},
        {"tag": "security", "count": 1},
        {"tag": "support", "count": 1},
    ]
    tag(client, ws, auth, b, "support")
    response = client.get(url(ws.id, "/content/tags"), query_string={"prefix": "su"}, headers=auth)
    assert response.json["items"] == [{"tag": "support", "count": 2}]


def test_owner_and_last_editor_are_shown_and_filtered(app, client, ws, auth, crm):
    editor = add_member(app, ws.id, "editor", "eve@example.test")
    mine = named(client, ws, crm["id"], "mine", "Mine")
    theirs = named(client, ws, crm["id"], "theirs", "Theirs", token=editor)
    edited = {**mine["draft"], "name": "Mine, edited"}
    changed = client.put(
        url(ws.id, f"/walkthroughs/{mine['id']}"),
        json={"draft": edited},
        headers={**bearer(editor), "If-Match": '"1"'},
    )
    assert changed.status_code == 200
    [row] = listing(client, ws, auth, owner_id=theirs["created_by"])["items"]
    assert row["key"] == "theirs" and row["owner_email"] == "eve@example.test"
    by_eve = listing(client, ws, auth, editor_id=theirs["created_by"], sort="title")
    assert keys(by_eve) == ["mine", "theirs"]
    assert by_eve["items"][0]["owner_email"] == ws.owner_email
    assert by_eve["items"][0]["updated_by_email"] == "eve@example.test"


def test_filter_by_saved_segment(client, ws, auth, crm):
    made = client.post(
        url(ws.id, "/segments"),
        json={"key": "emea", "name": "EMEA", "audience": {"rules": []}},
        headers=auth,
    )
    assert made.status_code == 201, made.json
    nested = {"match": "any", "rules": [{"rules": [{"segment": "emea"}]}]}
    named(client, ws, crm["id"], "emea-tour", "Tour", audience=nested)
    # Naming the segment elsewhere in the text is not using it.
    named(client, ws, crm["id"], "talks-of-emea", "About emea")
    assert keys(listing(client, ws, auth, segment="emea")) == ["emea-tour"]
    assert keys(listing(client, ws, auth, segment="other")) == []


def test_every_sort_pages_through_every_item_once_in_order(client, ws, auth, crm):
    for key, name, kind in [
        ("b", "banana", "walkthrough"),
        ("a", "Apple", "tip"),
        ("c", "cherry", "walkthrough"),
        ("d", "apple", "feature"),
        ("e", "Date", "tip"),
    ]:
        named(client, ws, crm["id"], key, name, item_type=kind)
    published = listing(client, ws, auth, q="cherry")["items"][0]["id"]
    assert client.post(url(ws.id, f"/walkthroughs/{published}/publish"), json={}, headers=auth)
    fields = {"title": "title", "updated": "updated_at", "status": "status", "kind": "type"}
    for sort in EVERY_SORT:
        whole = listing(client, ws, auth, sort=sort)["items"]
        name, reverse = sort.lstrip("-"), sort.startswith("-")

        def value(item, field=fields[name], name=name):
            return item[field].lower() if name == "title" else item[field]

        expected = sorted(whole, key=lambda i: (value(i), i["id"]), reverse=reverse)
        assert [i["id"] for i in whole] == [i["id"] for i in expected], sort
        seen, cursor = [], None
        while True:
            args = {"sort": sort, "limit": 2, **({"cursor": cursor} if cursor else {})}
            page = listing(client, ws, auth, **args)
            seen += [i["id"] for i in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == [i["id"] for i in whole], sort


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"sort": "colour"}, "sort"),
        ({"status": "gone"}, "status"),
        ({"kind": "poster"}, "kind"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"application_id": "crm"}, "application_id"),
        ({"owner_id": "-1"}, "owner_id"),
        ({"tag": "#!"}, "tag"),
        ({"tag": "trailing "}, "tag"),
        ({"segment": "Not A Key"}, "segment"),
        ({"q": "x" * 201}, "q"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        # Forged cursors: nothing the database cannot compare reaches it.
        ({"cursor": forged("updated", "2026-01-01T00:00:00", 1), "sort": "updated"}, "cursor"),
        (
            {"cursor": forged("updated", "9999-12-31T23:59:59-05:00", 1), "sort": "updated"},
            "cursor",
        ),
        ({"cursor": forged("title", "a\u0000b", 1), "sort": "title"}, "cursor"),
        ({"cursor": forged("title", "\ud800", 1), "sort": "title"}, "cursor"),
        ({"cursor": forged("title", "a", 2**63), "sort": "title"}, "cursor"),
        ({"cursor": forged("title", 7, 1), "sort": "title"}, "cursor"),
    ],
)
def test_bad_list_arguments_are_refused_naming_the_field(client, team, args, field):
    ws, tokens = team
    response = client.get(
        url(ws.id, "/content"), query_string=args, headers=bearer(tokens["owner"])
    )
    assert response.status_code == 422
    assert response.json["error"]["code"] == "validation_error"
    assert field in response.json["error"]["details"]["query"]


def test_a_cursor_of_another_sort_is_refused(client, ws, auth, crm):
    for key in ("a", "b"):
        named(client, ws, crm["id"], key, key)
    cursor = listing(client, ws, auth, sort="title", limit=1)["next_cursor"]
    response = client.get(
        url(ws.id, "/content"), query_string={"sort": "-updated", "cursor": cursor}, headers=auth
    )
    assert response.status_code == 422
    assert "cursor" in response.json["error"]["details"]["query"]


def test_a_page_costs_the_same_queries_whatever_its_size(app, client, ws, auth, crm):
    """No query per item: owner, editor, application, publication and tags come per page."""
    for n in range(12):
        item = named(client, ws, crm["id"], f"item-{n}", f"Item {n}")
        tag(client, ws, auth, item, "bulk", f"n{n}")
    statements = []

    def count(*_args, **_kwargs):
        statements.append(1)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        sizes = {}
        for limit in (2, 12):
            statements.clear()
            listing(client, ws, auth, tag="bulk", limit=limit)
            sizes[limit] = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert sizes[2] == sizes[12]


def test_bulk_actions_answer_per_item(client, ws, auth, crm):
    a = named(client, ws, crm["id"], "a", "A")
    b = named(client, ws, crm["id"], "b", "B")
    other = make_app(client, ws.id, ws.owner_token)
    stranger_ws = make_item(client, ws.id, ws.owner_token, "tip", other["id"])
    published = bulk(client, ws, auth, "publish", [a["id"], b["id"]])
    assert published.status_code == 200
    assert published.json["done"] == 2
    assert [r["status"] for r in published.json["results"]] == ["published", "published"]
    unpublished = bulk(client, ws, auth, "unpublish", [a["id"], stranger_ws["id"], 99999999])
    assert unpublished.json["done"] == 1 and unpublished.json["failed"] == 2
    first, draft_tip, missing = unpublished.json["results"]
    assert first == {
        "id": a["id"],
        "ok": True,
        "status": "unpublished",
        "type": "walkthrough",
        "key": "a",
    }
    assert draft_tip["error"]["code"] == "not_published" and draft_tip["status"] == "draft"
    assert missing == {
        "id": 99999999,
        "ok": False,
        "error": {"code": "not_found", "message": "No such item in this workspace."},
    }
    assert keys(listing(client, ws, auth, status="published")) == ["b"]


def test_items_of_another_workspace_are_not_found(app, client, ws, auth, crm):
    from tests.support.factories import create_workspace

    theirs = create_workspace(app, "Other")
    their_app = make_app(client, theirs.id, theirs.owner_token)
    item = make_item(client, theirs.id, theirs.owner_token, "walkthrough", their_app["id"])
    response = bulk(client, ws, auth, "archive", [item["id"]])
    assert response.json["results"][0]["error"]["code"] == "not_found"
    refused = client.put(
        url(ws.id, f"/content/{item['id']}/tags"), json={"tags": ["x"]}, headers=auth
    )
    assert refused.status_code == 404


def test_bulk_tag_and_untag(client, ws, auth, crm):
    a = named(client, ws, crm["id"], "a", "A")
    b = named(client, ws, crm["id"], "b", "B")
    assert bulk(client, ws, auth, "tag", [a["id"], b["id"]], tag="Q3 launch").json["done"] == 2
    assert keys(listing(client, ws, auth, tag="q3 launch", sort="title")) == ["a", "b"]
    assert bulk(client, ws, auth, "untag", [a["id"]], tag="q3 launch").json["done"] == 1
    assert keys(listing(client, ws, auth, tag="q3 launch")) == ["b"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "explode", "ids": [1]}, "action"),
        ({"action": "archive", "ids": []}, "ids"),
        ({"action": "archive", "ids": [1, 1]}, "ids"),
        ({"action": "archive", "ids": list(range(1, 202))}, "ids"),
        ({"action": "archive", "ids": ["one"]}, "ids"),
        ({"action": "tag", "ids": [1]}, "tag"),
        ({"action": "archive"}, "ids"),
    ],
)
def test_bad_bulk_requests_are_refused_naming_the_field(client, team, body, field):
    ws, tokens = team
    response = client.post(url(ws.id, "/content/bulk"), json=body, headers=bearer(tokens["owner"]))
    assert response.status_code == 422
    assert field in response.json["error"]["details"]["json"]


def test_too_many_tags_are_refused(client, ws, auth, crm):
    a = named(client, ws, crm["id"], "a", "A")
    tags = [f"t{n}" for n in range(21)]
    response = client.put(url(ws.id, f"/content/{a['id']}/tags"), json={"tags": tags}, headers=auth)
    assert response.status_code == 422


def test_an_analyst_reads_the_list_but_acts_on_nothing(app, client, ws, crm):
    item = named(client, ws, crm["id"], "a", "A")
    analyst = bearer(add_member(app, ws.id, "analyst"))
    assert keys(listing(client, ws, analyst)) == ["a"]
    assert bulk(client, ws, analyst, "archive", [item["id"]]).status_code == 403
    refused = client.put(
        url(ws.id, f"/content/{item['id']}/tags"), json={"tags": ["x"]}, headers=analyst
    )
    assert refused.status_code == 403


def delivered(client, ws):
    response = client.get(
        "/api/v1/client/content",
        query_string={"url": "https://crm.example.test/contacts"},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": "ada@example.test"},
    )
    assert response.status_code == 200, response.json
    return [w["key"] for w in response.json["walkthroughs"]]


def test_archive_stops_delivery_keeps_history_and_restores_unpublished(client, ws, auth, crm):
    item = named(client, ws, crm["id"], "tour", "Tour")
    target = url(ws.id, f"/walkthroughs/{item['id']}")
    client.post(f"{target}/publish", json={"note": "first"}, headers=auth)
    assert delivered(client, ws) == ["tour"]

    archived = bulk(client, ws, auth, "archive", [item["id"]]).json["results"][0]
    assert archived["ok"] and archived["status"] == "archived"
    assert delivered(client, ws) == []
    assert keys(listing(client, ws, auth)) == []
    assert keys(listing(client, ws, auth, status="archived")) == ["tour"]
    refused = client.post(f"{target}/publish", json={}, headers=auth)
    assert refused.status_code == 409 and refused.json["error"]["code"] == "archived"
    assert client.post(f"{target}/rollback", json={"version": 1}, headers=auth).status_code == 409
    again = bulk(client, ws, auth, "archive", [item["id"]]).json["results"][0]
    assert again["error"]["code"] == "archived"

    restored = bulk(client, ws, auth, "restore", [item["id"]]).json["results"][0]
    assert restored["ok"] and restored["status"] == "unpublished"
    assert delivered(client, ws) == []
    versions = client.get(f"{target}/versions", headers=auth).json["items"]
    assert [v["note"] for v in versions] == ["first"]
    assert client.post(f"{target}/publish", json={}, headers=auth).status_code == 200
    assert delivered(client, ws) == ["tour"]


def test_a_draft_never_published_comes_back_a_draft(client, ws, auth, crm):
    item = named(client, ws, crm["id"], "tour", "Tour")
    bulk(client, ws, auth, "archive", [item["id"]])
    restored = bulk(client, ws, auth, "restore", [item["id"]]).json["results"][0]
    assert restored["status"] == "draft"
    assert (
        bulk(client, ws, auth, "restore", [item["id"]]).json["results"][0]["error"]["code"]
        == "not_archived"
    )


def test_bulk_actions_are_in_the_audit_log(app, client, ws, auth, crm):
    a = named(client, ws, crm["id"], "a", "A")
    bulk(client, ws, auth, "archive", [a["id"], 99999999])
    with app.app_context():
        entries = {
            e.action: e.details
            for e in db.session.execute(
                select(AuditEntry).where(AuditEntry.workspace_id == ws.id)
            ).scalars()
        }
    assert entries["walkthrough.archive"]["key"] == "a"
    assert entries["content.bulk"] == {
        "action": "archive",
        "done": [a["id"]],
        "failed": [99999999],
    }


def test_archiving_a_published_item_needs_the_publish_permission(app, client, ws, auth, crm):
    """Each item is checked on its own: a writer who cannot publish archives only drafts."""
    from backend.auth import Permission
    from backend.commands import transaction
    from backend.services import content_bulk

    draft = named(client, ws, crm["id"], "draft", "Draft")
    live = named(client, ws, crm["id"], "live", "Live")
    client.post(url(ws.id, f"/walkthroughs/{live['id']}/publish"), json={}, headers=auth)

    def writer(permission):
        return permission is not Permission.CONTENT_PUBLISH

    with app.test_request_context(), transaction():
        results = content_bulk.run(ws.id, "archive", [draft["id"], live["id"]], writer)
    assert [r["ok"] for r in results] == [True, False]
    assert results[1]["error"]["code"] == "forbidden" and results[1]["status"] == "published"
    assert keys(listing(client, ws, auth, status="archived")) == ["draft"]


def test_pushing_flow_files_leaves_an_archived_item_archived(client, ws, auth):
    """A push with publish of every file, after an item was archived here, is no error and
    does not bring the item back to people."""
    from walkthroughs.flows import load_paths

    examples = Path(__file__).parents[3] / "walkthroughs" / "examples"
    bundle = load_paths([examples]).bundle
    push = client.post(
        url(ws.id, "/flows/import"), json=bundle, query_string={"publish": "true"}, headers=auth
    )
    assert push.status_code == 200, push.json
    first = listing(client, ws, auth, kind="walkthrough", sort="title")["items"][0]
    assert bulk(client, ws, auth, "archive", [first["id"]]).json["done"] == 1
    bundle["walkthroughs"] = [
        {**w, "name": f"{w['name']} (again)"} if w["key"] == first["key"] else w
        for w in bundle["walkthroughs"]
    ]
    again = client.post(
        url(ws.id, "/flows/import"), json=bundle, query_string={"publish": "true"}, headers=auth
    )
    assert again.status_code == 200, again.json
    [row] = listing(client, ws, auth, status="archived")["items"]
    assert row["key"] == first["key"] and row["title"].endswith("(again)")
