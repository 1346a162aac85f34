"""The person page and the item figures tab show the person and item reports' rows, each
figure labelled from the glossary, and erasing a person from their page removes their
figures (owner and admin only)."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.backend.admin.api import make_app, make_item, url
from tests.backend.console.figure_labels import assert_labels_defined
from tests.support.events import make_event
from tests.support.factories import bearer

ROWS = re.compile(
    r'<script type="application/json" class="report-rows" data-report="([^"]+)" '
    r'data-api="([^"]+)">(.*?)</script>',
    re.S,
)
PLURALS = {
    "walkthrough": "walkthroughs",
    "tip": "tips",
    "launcher": "launchers",
    "checklist": "checklists",
    "feature": "features",
}
PERSON = "ada@example.test"


@pytest.fixture
def world(app, client, workspace):
    """A person with events of every kind on one item of each kind; their ids."""
    ws, token = workspace.id, workspace.owner_token
    app_id = make_app(client, ws, token)["id"]
    items = {kind: make_item(client, ws, token, kind, app_id)["id"] for kind in PLURALS}
    person = client.post(
        url(ws, "/people"), json={"external_id": PERSON}, headers=bearer(token)
    ).json["id"]
    ids = {"app_id": app_id, "walkthrough_id": items["walkthrough"], "walkthrough_version": 1}
    events = [
        make_event("walkthrough_started", **ids),
        make_event("step_shown", step_key="open", step_index=0, **ids),
        make_event("walkthrough_completed", **ids),
        make_event("target_not_found", step_key="open", step_index=0, **ids),
        make_event("tip_shown", tip_id=items["tip"], app_id=app_id),
        make_event("launcher_opened", app_id=app_id),
        make_event(
            "checklist_item_completed",
            checklist_id=items["checklist"],
            app_id=app_id,
            item_key="first",
        ),
        make_event("feature_used", feature_id=items["feature"], app_id=app_id),
    ]
    for event in events:
        event["user_id"] = PERSON
    response = client.post(
        "/api/v1/client/events",
        json={"events": events, "extension_version": "test"},
        headers={"X-Trailguide-Key": workspace.client_key},
    )
    assert response.status_code == 200 and not response.json.get("rejected"), response.json
    assert app.extensions["trailguide.ingest"].writer.flush()
    return {"person": person, **items}


def _shown(client, token: str, text: str) -> dict[str, list]:
    """The rows each report shows on the page, checked against the report API's."""
    shown = {}
    for name, api_path, rows in ROWS.findall(text):
        api = client.get(html.unescape(api_path), headers=bearer(token))
        assert api.status_code == 200, api.json
        assert api.json["rows"] == json.loads(rows)
        shown[name] = api.json["rows"]
    return shown


def _labels_are_declared(text: str, where: str) -> None:
    """Every table header and KPI label shows its glossary definition, as on the dashboards."""
    assert assert_labels_defined(text, where) > 0


def test_the_person_page_shows_the_person_reports(client, workspace, world, as_role):
    page = as_role("analyst").get(f"/console/w/{workspace.id}/people/{world['person']}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    shown = _shown(client, workspace.owner_token, text)
    assert [row["starts"] for row in shown["person-walkthroughs"]] == [1]
    assert [row["item_keys"] for row in shown["person-checklists"]] == [["first"]]
    assert [row["events"] for row in shown["person-applications"]] == [8]
    assert 'data-testid="progress-{}">1 of 1 items'.format(world["checklist"]) in text
    _labels_are_declared(text, "person page")
    assert 'data-testid="erase-person"' not in text  # analysts cannot erase


def test_the_person_page_is_never_split(workspace, world, as_role):
    """One person's figures are theirs whatever breakdown the address carries."""
    page = as_role("analyst").get(
        f"/console/w/{workspace.id}/people/{world['person']}", query_string={"breakdown": "x"}
    )
    assert page.status_code == 200
    for _name, _api, rows in ROWS.findall(page.get_data(as_text=True)):
        assert all(row["group"] is None for row in json.loads(rows))


def test_the_people_list_links_each_person(workspace, world, as_role):
    text = as_role("editor").get(f"/console/w/{workspace.id}/people").get_data(as_text=True)
    assert f'href="/console/w/{workspace.id}/people/{world["person"]}"' in text


def test_another_workspaces_person_is_not_found(app, world, as_role):
    from tests.support.factories import create_workspace

    other = create_workspace(app, "Other")
    console = as_role("analyst")
    assert console.get(f"/console/w/{other.id}/people/{world['person']}").status_code == 404


def test_every_kind_has_a_figures_tab_equal_to_the_report_api(client, workspace, world, as_role):
    console = as_role("analyst")
    for item_type, plural in PLURALS.items():
        base = f"/console/w/{workspace.id}/{plural}/{world[item_type]}"
        assert f'href="{base}/figures"' in console.get(base).get_data(as_text=True)
        page = console.get(f"{base}/figures")
        assert page.status_code == 200, item_type
        text = page.get_data(as_text=True)
        shown = _shown(client, workspace.owner_token, text)
        assert any(rows for rows in shown.values()), item_type  # the person's event counts
        _labels_are_declared(text, item_type)


def test_an_analyst_cannot_erase_a_person(workspace, world, as_role):
    page = f"/console/w/{workspace.id}/people/{world['person']}"
    assert as_role("analyst").post(f"{page}/erase", page=page).status_code == 403


def test_erasing_from_the_person_page_removes_their_figures(client, workspace, world, as_role):
    console = as_role("admin")
    page = f"/console/w/{workspace.id}/people/{world['person']}"
    assert 'data-testid="erase-person"' in console.get(page).get_data(as_text=True)
    response = console.post(f"{page}/erase", page=page)
    assert response.status_code == 303
    text = console.get(page).get_data(as_text=True)
    assert "Erased 8 events" in text
    shown = _shown(client, workspace.owner_token, text)
    assert shown == {name: [] for name in shown} and len(shown) == 3
    assert 'data-testid="person-no-events"' in text


def test_the_uncharted_reports_have_dashboards(client, workspace, world, as_role):
    """Help seeking, onboarding per person and first use: the API's rows, people linked."""
    console = as_role("analyst")
    pages = {
        "help": "help-seeking",
        "onboarding-people": "onboarding-people",
        "first-use": "feature-adoption-first-use",
    }
    for path, report in pages.items():
        text = console.get(f"/console/w/{workspace.id}/reports/{path}").get_data(as_text=True)
        shown = _shown(client, workspace.owner_token, text)
        assert shown[report], path
        _labels_are_declared(text, path)
        if report != "help-seeking":
            assert f'href="/console/w/{workspace.id}/people/{world["person"]}"' in text, path
