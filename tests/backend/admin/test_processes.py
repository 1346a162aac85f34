"""A process's steps must link items of the workspace that belong to the step's application."""

import pytest

from tests.backend.admin.api import make_app, make_item, url
from tests.support.factories import bearer


@pytest.fixture
def linked(client, ws):
    """Two applications; a walkthrough in the first, an article spanning both."""
    crm = make_app(client, ws.id, ws.owner_token, "crm")
    make_app(client, ws.id, ws.owner_token, "billing")
    make_item(client, ws.id, ws.owner_token, "walkthrough", crm["id"], key="tour")
    article = {"title": "Invoices", "applications": ["billing"]}
    make_item(client, ws.id, ws.owner_token, "article", crm["id"], key="guide", draft=article)
    return crm


def create(client, ws, crm, steps):
    body = {"key": "onboard", "application_id": crm["id"],
            "draft": {"title": "Onboard", "steps": steps}}  # fmt: skip
    return client.post(url(ws.id, "/processes"), json=body, headers=bearer(ws.owner_token))


def step(key, application, **link):
    return {"key": key, "title": key, "application": application, **link}


def test_steps_linking_items_of_their_applications_are_taken(client, ws, linked):
    steps = [step("a", "crm", walkthrough="tour"), step("b", "billing", article="guide")]
    response = create(client, ws, linked, steps)
    assert response.status_code == 201, response.json
    assert response.json["draft"]["steps"][1]["article"] == "guide"


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        (step("b", "billing", walkthrough="tour"), "walkthrough", "does not belong"),
        (step("b", "crm", walkthrough="missing"), "walkthrough", "No walkthrough"),
        (step("b", "crm", article="missing"), "article", "No article"),
        (step("b", "nowhere", article="guide"), "application", "No application"),
    ],
)
def test_a_step_linking_elsewhere_is_refused_at_its_field(client, ws, linked, bad, field, message):
    response = create(client, ws, linked, [step("a", "crm", walkthrough="tour"), bad])
    assert response.status_code == 422
    (said,) = response.json["error"]["details"]["json"]["draft"]["steps"]["1"][field]
    assert message in said


@pytest.mark.parametrize(("plural", "key"), [("walkthroughs", "tour"), ("articles", "guide")])
def test_an_item_a_process_links_is_not_deleted_under_it(client, ws, linked, plural, key):
    steps = [step("a", "crm", walkthrough="tour"), step("b", "billing", article="guide")]
    assert create(client, ws, linked, steps).status_code == 201
    auth = bearer(ws.owner_token)
    (item,) = [i for i in client.get(url(ws.id, f"/{plural}"), headers=auth).json["items"]
               if i["key"] == key]  # fmt: skip
    gone = client.delete(url(ws.id, f"/{plural}/{item['id']}"), headers={**auth, "If-Match": '"1"'})
    assert gone.status_code == 409
    assert gone.json["error"]["details"]["used_by"] == ["process onboard"]
