"""A process is delivered in each of its applications with the person's position in it."""

from dataclasses import dataclass

import pytest

from tests.support import content
from tests.support.factories import create_workspace
from tests.support.procs import wait_until

from .calls import ADA
from .test_surveys import BOB, post

APPS = {
    "crm": "https://crm.example.test/*",
    "billing": "https://billing.example.test/*",
    "support": "https://support.example.test/*",
}
PROCESS = {
    "title": "Onboard a new customer",
    "description": "<p>From the deal to the welcome ticket.</p><script>x()</script>",
    "steps": [
        {"key": "account", "title": "Create the account", "application": "crm",
         "walkthrough": "create-account"},
        {"key": "invoice", "title": "Open the invoice", "application": "billing",
         "walkthrough": "first-invoice"},
        {"key": "welcome", "title": "Read the welcome guide", "application": "support",
         "article": "welcome-guide"},
    ],
}  # fmt: skip


@dataclass(frozen=True)
class Setup:
    id: int
    client_key: str
    apps: dict
    items: dict
    process: int


@pytest.fixture
def ws(app):
    ws = create_workspace(app)
    ids = {key: content.application(app, ws.id, key, (pattern,)) for key, pattern in APPS.items()}
    items = {
        "account": content.publish(
            app, ws.id, ids["crm"], "walkthrough", "create-account",
            content.walkthrough_doc(url="https://crm.example.test/accounts/new"),
        ),
        "invoice": content.publish(
            app, ws.id, ids["billing"], "walkthrough", "first-invoice", content.walkthrough_doc()
        ),
        "welcome": content.publish(
            app, ws.id, ids["support"], "article", "welcome-guide",
            {"title": "Welcome guide", "body": "<p>Say hello.</p>"},
        ),
    }  # fmt: skip
    process = content.publish(app, ws.id, ids["crm"], "process", "onboard", PROCESS)
    return Setup(ws.id, ws.client_key, ids, items, process)


def processes(client, ws, app_key="crm", user=ADA, contract="5"):
    page = APPS[app_key].replace("*", "home")
    headers = {"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": user}
    if contract:
        headers["X-Trailguide-Contract"] = contract
    body = client.get("/api/v1/client/content", query_string={"url": page}, headers=headers).json
    return body.get("processes")


def position(client, ws, app_key="crm", user=ADA):
    (process,) = processes(client, ws, app_key, user)
    return process["current"], process["steps_done"]


def test_only_an_extension_of_the_fourth_contract_gets_processes(client, ws):
    assert processes(client, ws, contract="3") is None
    assert [p["key"] for p in processes(client, ws)] == ["onboard"]


def test_each_application_of_a_step_gets_the_process_with_its_steps_resolved(client, ws):
    for app_key in APPS:
        (process,) = processes(client, ws, app_key)
        assert process["title"] == "Onboard a new customer"
        assert "script" not in process["description"]
        steps = process["steps"]
        assert [s["application"] for s in steps] == [ws.apps[k] for k in APPS]
        assert [s["application_name"] for s in steps] == ["CRM", "BILLING", "SUPPORT"]
        assert steps[0]["walkthrough_id"] == ws.items["account"]
        assert steps[0]["url"] == "https://crm.example.test/accounts/new"
        assert steps[2]["kind"] == "article" and steps[2]["article_id"] == ws.items["welcome"]
        assert steps[2]["help_path"].startswith("/help/articles/")


def test_the_position_is_folded_per_person_across_applications(client, ws):
    assert position(client, ws) == (0, [False, False, False])
    post(client, ws, "walkthrough_completed", walkthrough_id=ws.items["account"],
         walkthrough_version=1)  # fmt: skip
    wait_until(lambda: position(client, ws, "billing")[0] == 1, 30, "the first step done")
    post(client, ws, "process_step_completed", checklist_id=ws.process, item_key="welcome")
    wait_until(lambda: position(client, ws, "support")[1] == [True, False, True], 30, "welcome")
    # The next step is the first not done, whichever order they were done in.
    assert position(client, ws, "crm") == (1, [True, False, True])
    assert position(client, ws, "crm", user=BOB) == (0, [False, False, False])
    post(client, ws, "walkthrough_completed", walkthrough_id=ws.items["invoice"],
         walkthrough_version=1)  # fmt: skip
    wait_until(lambda: position(client, ws, "support")[0] is None, 30, "every step done")


def test_a_process_outside_the_persons_audience_is_not_delivered(app, client, ws):
    content.person(app, ws.id, ADA, department="sales")
    audience = {"rules": [{"attribute": "department", "op": "eq", "value": "support"}]}
    content.publish(app, ws.id, ws.apps["crm"], "process", "onboard",
                    {**PROCESS, "audience": audience})  # fmt: skip
    assert processes(client, ws, "billing") == []


def test_the_search_index_has_the_process_once_with_its_steps_as_keywords(client, ws):
    def search(contract):
        headers = {"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": ADA,
                   "X-Trailguide-Contract": contract}  # fmt: skip
        if contract == "3":  # the index inline in the content answer
            page = {"url": "https://billing.example.test/x"}
            answer = client.get("/api/v1/client/content", query_string=page, headers=headers)
            entries = answer.json["search"]
        else:  # the index on its own, by reference since the fourth contract
            entries = client.get("/api/v1/client/search", headers=headers).json["entries"]
        return [e for e in entries if e["kind"] == "process"]

    (entry,) = search("5")
    assert entry["id"] == ws.process and entry["application"] == ws.apps["crm"]
    assert entry["applications"] == [ws.apps[k] for k in APPS]
    assert "Open the invoice" in entry["keywords"]
    assert entry["walkthrough_id"] == ws.items["account"]  # where choosing it elsewhere starts
    assert search("3") == []
