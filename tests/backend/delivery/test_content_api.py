"""GET /api/v1/client/content: exactly the guidance that applies to a person on a page."""

from datetime import timedelta

import pytest

from backend.models.types import utcnow
from tests.support import content
from tests.support.factories import create_workspace
from walkthroughs.schedule import format_instant

from .calls import revoke_client_keys

PAGE = "https://crm.example.test/contacts?tab=all#top"


@pytest.fixture
def ws(app):
    return create_workspace(app)


@pytest.fixture
def crm(app, ws):
    return content.application(app, ws.id)


def get(client, ws, url=PAGE, user="ada@example.test", **headers):
    hdrs = {"X-Trailguide-Key": ws.client_key, **headers}
    if user is not None:
        hdrs["X-Trailguide-User"] = user
    return client.get("/api/v1/client/content", query_string={"url": url}, headers=hdrs)


def keys(response, kind="walkthroughs"):
    return [entry["key"] for entry in response.json[kind]]


def test_matching_page_gets_its_application_and_walkthrough(app, client, ws, crm):
    content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc(steps=3))
    response = get(client, ws)
    assert response.status_code == 200
    body = response.json
    assert body["schema_version"] == 1
    assert body["application"]["key"] == "crm"
    [walkthrough] = body["walkthroughs"]
    assert [s["index"] for s in walkthrough["steps"]] == [0, 1, 2]
    assert walkthrough["steps"][0]["target"]["alternatives"][0] == {
        "by": "testid",
        "value": "new-contact",
    }
    assert walkthrough["progress"] == {"started": False, "completed": False, "dismissed": False}


@pytest.mark.parametrize(
    "url",
    [
        "https://other.example.test/contacts",
        "http://crm.example.test.evil.test/x",
        "https://example.test/",
    ],
)
def test_unknown_page_gets_an_empty_answer(app, client, ws, crm, url):
    content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    response = get(client, ws, url=url)
    assert response.status_code == 200
    assert response.json["application"] is None
    assert response.json["walkthroughs"] == []
    assert response.json["launcher"] is None


def test_walkthrough_url_limits_the_pages(app, client, ws, crm):
    doc = content.walkthrough_doc(url="https://crm.example.test/deals*")
    content.publish(app, ws.id, crm, "walkthrough", "deals-only", doc)
    assert keys(get(client, ws)) == []
    assert keys(get(client, ws, url="https://crm.example.test/deals/7")) == ["deals-only"]


def test_later_steps_pages_still_deliver_a_multi_page_flow(app, client, ws, crm):
    doc = content.walkthrough_doc(url="https://crm.example.test/contacts")
    doc["steps"][1]["url"] = "https://crm.example.test/contacts/new"
    content.publish(app, ws.id, crm, "walkthrough", "two-pages", doc)
    assert keys(get(client, ws, url="https://crm.example.test/contacts/new")) == ["two-pages"]
    assert keys(get(client, ws, url="https://crm.example.test/deals")) == []


@pytest.mark.parametrize(
    ("rule", "attributes", "shown"),
    [
        ({"attribute": "department", "op": "eq", "value": "Sales"}, {"department": "sales"}, True),
        ({"attribute": "department", "op": "eq", "value": "Sales"}, {"department": "Ops"}, False),
        ({"attribute": "department", "op": "neq", "value": "Sales"}, {"department": "Ops"}, True),
        ({"attribute": "role", "op": "in", "value": ["ae", "sdr"]}, {"role": "sdr"}, True),
        ({"attribute": "role", "op": "in", "value": ["ae", "sdr"]}, {"role": "cs"}, False),
        ({"attribute": "role", "op": "not_in", "value": ["ae"]}, {"role": "cs"}, True),
        ({"attribute": "locale", "op": "starts_with", "value": "de"}, {"locale": "de-AT"}, True),
        ({"attribute": "locale", "op": "starts_with", "value": "de"}, {"locale": "en"}, False),
        ({"attribute": "manager", "op": "exists"}, {"manager": "x@example.test"}, True),
        ({"attribute": "manager", "op": "exists"}, {}, False),
        ({"attribute": "manager", "op": "not_exists"}, {}, True),
    ],
)
def test_each_audience_operator(app, client, ws, crm, rule, attributes, shown):
    audience = {"match": "all", "rules": [rule]}
    content.publish(
        app, ws.id, crm, "walkthrough", "targeted", content.walkthrough_doc(audience=audience)
    )
    content.person(app, ws.id, "ada@example.test", **attributes)
    assert keys(get(client, ws)) == (["targeted"] if shown else [])


def test_people_outside_the_directory_get_only_everyone_content(app, client, ws, crm):
    audience = {
        "match": "any",
        "rules": [{"attribute": "department", "op": "neq", "value": "Sales"}],
    }
    content.publish(
        app, ws.id, crm, "walkthrough", "targeted", content.walkthrough_doc(audience=audience)
    )
    content.publish(app, ws.id, crm, "walkthrough", "everyone", content.walkthrough_doc())
    assert keys(get(client, ws, user="stranger@example.test")) == ["everyone"]
    assert keys(get(client, ws, user=None)) == ["everyone"]
    assert get(client, ws, user=None).json["user"]["known"] is False


def test_match_any_needs_one_rule(app, client, ws, crm):
    audience = {
        "match": "any",
        "rules": [
            {"attribute": "department", "op": "eq", "value": "Sales"},
            {"attribute": "role", "op": "eq", "value": "admin"},
        ],
    }
    content.publish(
        app, ws.id, crm, "walkthrough", "any", content.walkthrough_doc(audience=audience)
    )
    content.person(app, ws.id, "ada@example.test", department="Ops", role="admin")
    assert keys(get(client, ws)) == ["any"]


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (-60, None, True),  # started a minute ago
        (60, None, False),  # starts in a minute
        (None, 60, True),  # ends in a minute
        (None, -1, False),  # ended a second ago (end is exclusive)
        (-120, -60, False),
        (-60, 60, True),
    ],
)
def test_schedule_edges(app, client, ws, crm, start, end, shown):
    now = utcnow()

    def at(seconds):
        return None if seconds is None else format_instant(now + timedelta(seconds=seconds))

    content.publish(
        app,
        ws.id,
        crm,
        "walkthrough",
        "scheduled",
        content.walkthrough_doc(schedule={"start": at(start), "end": at(end)}),
    )
    assert keys(get(client, ws)) == (["scheduled"] if shown else [])


@pytest.mark.parametrize(
    ("person_locale", "workspace_locale", "expected"),
    [
        ("de-AT", "en", "Hallo"),  # language of the person's locale
        ("fr", "de", "Hallo"),  # no French: the workspace default
        ("fr", "es", "Hello"),  # neither: the document's own texts
        (None, "de", "Hallo"),  # no locale attribute: the workspace default
    ],
)
def test_locale_fallback(app, client, ws, crm, person_locale, workspace_locale, expected):
    doc = content.walkthrough_doc(name="Hello", translations={"de": {"name": "Hallo"}})
    content.publish(app, ws.id, crm, "walkthrough", "hello", doc)
    content.set_workspace(app, ws.id, default_locale=workspace_locale)
    attrs = {"locale": person_locale} if person_locale else {}
    content.person(app, ws.id, "ada@example.test", **attrs)
    [walkthrough] = get(client, ws).json["walkthroughs"]
    assert walkthrough["name"] == expected


def test_step_texts_are_localized(app, client, ws, crm):
    doc = content.walkthrough_doc(translations={"de": {"steps": {"s1": {"title": "Schritt"}}}})
    content.publish(app, ws.id, crm, "walkthrough", "hello", doc)
    content.person(app, ws.id, "ada@example.test", locale="de")
    steps = get(client, ws).json["walkthroughs"][0]["steps"]
    assert [s["title"] for s in steps] == ["Step 0", "Schritt"]


def test_unpublished_content_is_not_delivered(app, client, ws, crm):
    item = content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    assert keys(get(client, ws)) == ["tour"]
    content.unpublish(app, ws.id, item)
    assert keys(get(client, ws)) == []


def test_tips_features_launcher_and_checklists(app, client, ws, crm):
    content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc(name="Tour"))
    content.publish(
        app,
        ws.id,
        crm,
        "walkthrough",
        "hidden",
        content.walkthrough_doc(
            audience={"match": "all", "rules": [{"attribute": "role", "op": "eq", "value": "x"}]}
        ),
    )
    content.publish(
        app,
        ws.id,
        crm,
        "tip",
        "email-tip",
        {
            "name": "Email",
            "target": content.TARGET,
            "title": "Email",
            "body": "<p>Why</p>",
            "trigger": "focus",
        },
    )
    content.publish(
        app, ws.id, crm, "feature", "export", {"name": "Export", "target": content.TARGET}
    )
    content.publish(
        app,
        ws.id,
        crm,
        "launcher",
        "launcher",
        {
            "title": "Help",
            "items": [
                {"type": "walkthrough", "walkthrough": "tour"},
                {"type": "walkthrough", "walkthrough": "hidden"},
                {"type": "link", "label": "Docs", "url": "https://docs.example.test/"},
            ],
        },
    )
    checklist = content.publish(
        app,
        ws.id,
        crm,
        "checklist",
        "onboarding",
        {
            "name": "Onboarding",
            "items": [
                {"key": "first", "walkthrough": "tour"},
                {"key": "second", "walkthrough": "hidden"},
            ],
        },
    )
    body = get(client, ws).json
    assert [t["key"] for t in body["tips"]] == ["email-tip"]
    assert [f["key"] for f in body["features"]] == ["export"]
    launcher_items = body["launcher"]["items"]
    assert [i.get("title") or i.get("label") for i in launcher_items] == ["Tour", "Docs"]
    [listed] = body["checklists"]
    assert listed["id"] == checklist
    assert (listed["done"], listed["total"]) == (0, 2)
    assert listed["items"][0]["title"] == "Tour"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        (None, "missing_url"),
        ("not a url", "malformed_url"),
        ("ftp://x/y", "malformed_url"),
        ("https://crm.example.test:99999/", "malformed_url"),
        ("https://crm.example.test/" + "a" * 5000, "malformed_url"),
    ],
)
def test_malformed_url_is_400(client, ws, crm, url, code):
    response = client.get(
        "/api/v1/client/content",
        query_string={} if url is None else {"url": url},
        headers={"X-Trailguide-Key": ws.client_key},
    )
    assert response.status_code == 400
    assert response.json["error"]["code"] == code


@pytest.mark.parametrize("user", ["x" * 257, "tab\there", " padded "])
def test_malformed_user_id_is_400(client, ws, crm, user):
    response = get(client, ws, user=user)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "malformed_user_id"


def test_key_of_another_workspace_sees_nothing_of_this_one(app, client, ws, crm):
    content.publish(app, ws.id, crm, "walkthrough", "secret-tour", content.walkthrough_doc())
    other = create_workspace(app, "Other")
    response = get(client, other)
    assert response.status_code == 200
    assert response.json["application"] is None
    assert "secret-tour" not in response.get_data(as_text=True)


@pytest.mark.parametrize("key", [None, "tgc_not-a-real-key", "tga_wrongkind"])
def test_missing_or_unknown_key_is_401(client, ws, crm, key):
    headers = {} if key is None else {"X-Trailguide-Key": key}
    response = client.get("/api/v1/client/content", query_string={"url": PAGE}, headers=headers)
    assert response.status_code == 401


def test_revoked_key_is_401_at_once(app, client, ws, crm):
    assert get(client, ws).status_code == 200
    revoke_client_keys(app)
    assert get(client, ws).status_code == 401


def test_applications_list_for_injection(app, client, ws, crm):
    response = client.get(
        "/api/v1/client/applications", headers={"X-Trailguide-Key": ws.client_key}
    )
    assert response.status_code == 200
    assert response.json["applications"][0]["url_patterns"] == ["https://crm.example.test/*"]
    again = client.get(
        "/api/v1/client/applications",
        headers={"X-Trailguide-Key": ws.client_key, "If-None-Match": response.headers["ETag"]},
    )
    assert again.status_code == 304
