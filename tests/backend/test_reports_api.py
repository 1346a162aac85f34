"""The report API: every report over HTTP equals the oracle, as JSON and as CSV;
who may read reports; every bad parameter is a 422 naming the field, and an id naming
nothing a 404 naming it.

One app (SQLite + chDB) per module holds the generated event log, with its
walkthroughs, features, checklist and applications created in the authoring
database and the log's ids mapped onto theirs.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from analytics.reports import ReportParams
from analytics.reports import rows as rows_schemas
from analytics.reports.registry import REPORTS
from analytics.schema.events import EVENT_COLUMNS
from backend import create_app
from backend.api.report_output import json_default
from tests.analytics.reports import oracle
from tests.analytics.reports.generator import (
    CHECKLISTS,
    FEATURES,
    OTHER_WORKSPACE,
    WALKTHROUGHS,
    WORKSPACE,
    as_row,
    generate,
    make_event,
)
from tests.support import content
from tests.support.factories import add_member, bearer, create_workspace
from tests.support.plugin import unique

APPS = {1: "crm", 2: "hr", 3: "wiki"}


def _walkthrough(name: str, keys: list[str]) -> dict:
    doc = content.walkthrough_doc(name, steps=len(keys))
    for step, key in zip(doc["steps"], keys, strict=True):
        step["key"] = key
    return doc


def _build_content(app, ws_id: int) -> dict[str, dict[int, int]]:
    """Authoring objects for the generated ids; returns generated id -> real id per kind."""
    apps = {
        n: content.application(app, ws_id, key, (f"https://{key}.example.test/*",))
        for n, key in APPS.items()
    }
    walkthroughs = {}
    for n, versions in WALKTHROUGHS.items():
        for version in range(1, max(versions) + 1):
            keys = versions.get(version) or versions[min(versions)]
            walkthroughs[n] = content.publish(
                app, ws_id, apps[1], "walkthrough", f"w{n}", _walkthrough(f"Tour {n}", keys)
            )
    features = {
        n: content.publish(
            app, ws_id, apps[a], "feature", f"f{n}", {"name": f"F{n}", "target": content.TARGET}
        )
        for n, a in FEATURES.items()
    }
    items = [{"key": key, "walkthrough": "w1"} for key in CHECKLISTS[4]]
    checklist = content.publish(
        app, ws_id, apps[1], "checklist", "onboarding", {"name": "Onboarding", "items": items}
    )
    return {
        "app_id": apps,
        "walkthrough_id": walkthroughs,
        "feature_id": features,
        "checklist_id": {4: checklist},
    }


def _mapped(event: dict, ids: dict, workspaces: dict) -> dict:
    out = dict(event, workspace_id=workspaces[event["workspace_id"]])
    for column, mapping in ids.items():
        if out[column]:
            out[column] = mapping[out[column]]
    return out


@pytest.fixture(scope="module")
def setup(tmp_path_factory, chdb_backend):
    """(app, workspace, other workspace, events as stored, role tokens)."""
    store = chdb_backend.for_database(unique("reports_api"))
    store.create_database()
    app = create_app(
        {
            "TESTING": True,
            "TRAILGUIDE_DATA_DIR": str(tmp_path_factory.mktemp("reports_api")),
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
            "ANALYTICS_BACKEND": store,
        }
    )
    ws, other = create_workspace(app, "Acme"), create_workspace(app, "Other")
    ids = _build_content(app, ws.id)
    workspaces = {WORKSPACE: ws.id, OTHER_WORKSPACE: other.id}
    events = [_mapped(e, ids, workspaces) for e in generate().rows]
    at = datetime(2024, 3, 12, 9, tzinfo=UTC)
    events.append(  # a search a spreadsheet would run as a formula
        make_event(
            "launcher_searched",
            "eve",
            at,
            1,
            workspace_id=ws.id,
            app_id=ids["app_id"][1],
            search_query='=HYPERLINK("http://x.test")',
            result_count=0,
        )
    )
    store.insert("events", EVENT_COLUMNS, [as_row(e) for e in events])
    tokens = {"owner": ws.owner_token, "outsider": other.owner_token}
    for role in ("admin", "editor", "analyst"):
        tokens[role] = add_member(app, ws.id, role)
    yield app, ws, ids, events, tokens
    store.drop_database()


@pytest.fixture
def client(setup):
    return setup[0].test_client()


def _get(client, setup, path, query, role="analyst", accept="application/json"):
    _app, ws, _ids, _events, tokens = setup
    return client.get(
        f"/api/v1/workspaces/{ws.id}/reports/{path}",
        query_string=query,
        headers={**bearer(tokens[role]), "Accept": accept},
    )


BASE = {"from": "2024-03-04", "to": "2024-04-14", "tz": "Europe/Berlin"}
SPLIT = {**BASE, "breakdown": "department", "segment": ["role:admin", "role:editor"]}


def _params(ws_id: int, query: dict) -> ReportParams:
    segment: dict[str, list[str]] = {}
    for term in query.get("segment", []):
        name, _, value = term.partition(":")
        segment.setdefault(name, []).append(value)
    return ReportParams(
        ws_id,
        date.fromisoformat(query["from"]),
        date.fromisoformat(query["to"]),
        query["tz"],
        query.get("granularity", "day"),
        segment,
        query.get("breakdown"),
    )


# (path, query in generated ids, oracle(events, params, id map) -> rows, row schema)
CASES = [
    (
        "funnel",
        {**SPLIT, "walkthrough_id": 2},
        lambda ev, p, i: oracle.funnel(ev, p, i["walkthrough_id"][2], steps=40),
        rows_schemas.FunnelStepRow,
    ),
    (
        "funnel/summary",
        {**BASE, "walkthrough_id": 1, "version": 2},
        lambda ev, p, i: oracle.funnel_summary(ev, p, i["walkthrough_id"][1], 2),
        rows_schemas.FunnelSummaryRow,
    ),
    (
        "completion",
        {**SPLIT, "granularity": "week"},
        lambda ev, p, i: oracle.completion(ev, p),
        rows_schemas.CompletionRow,
    ),
    (
        "content-health",
        BASE,
        lambda ev, p, i: oracle.content_health(ev, p),
        rows_schemas.ContentHealthRow,
    ),
    (
        "feature-adoption",
        {**SPLIT, "granularity": "month"},
        lambda ev, p, i: oracle.feature_adoption(ev, p),
        rows_schemas.FeatureAdoptionRow,
    ),
    (
        "feature-adoption/first-use",
        {**BASE, "feature_id": [11, 21], "limit": 50},
        lambda ev, p, i: oracle.feature_first_use(
            ev, p, (i["feature_id"][11], i["feature_id"][21]), 50
        ),
        rows_schemas.FirstUseRow,
    ),
    (
        "app-usage",
        {**SPLIT, "granularity": "week", "app_id": [1, 3]},
        lambda ev, p, i: oracle.app_usage(ev, p, (i["app_id"][1], i["app_id"][3])),
        rows_schemas.AppUsageRow,
    ),
    (
        "retention",
        {**BASE, "feature_id": 12, "weeks": 4},
        lambda ev, p, i: oracle.retention(ev, p, "feature", i["feature_id"][12], 4),
        rows_schemas.RetentionRow,
    ),
    (
        "retention",
        {**SPLIT, "app_id": 1},
        lambda ev, p, i: oracle.retention(ev, p, "app", i["app_id"][1], 8),
        rows_schemas.RetentionRow,
    ),
    (
        "onboarding",
        SPLIT,
        lambda ev, p, i: oracle.onboarding_segments(ev, p, i["checklist_id"][4], CHECKLISTS[4]),
        rows_schemas.OnboardingSegmentRow,
    ),
    (
        "onboarding/people",
        {**BASE, "limit": 20, "offset": 3},
        lambda ev, p, i: oracle.onboarding_people(
            ev, p, i["checklist_id"][4], CHECKLISTS[4], 20, 3
        ),
        rows_schemas.OnboardingPersonRow,
    ),
    (
        "help-seeking",
        {**BASE, "granularity": "total"},
        lambda ev, p, i: oracle.help_seeking(ev, p),
        rows_schemas.HelpSeekingRow,
    ),
    (
        "content-gaps",
        {**SPLIT, "limit": 5},
        lambda ev, p, i: oracle.content_gaps(ev, p, (), 5),
        rows_schemas.ContentGapRow,
    ),
    (
        "extension-versions",
        {**SPLIT, "limit": 3},
        lambda ev, p, i: oracle.extension_versions(ev, p, 3),
        rows_schemas.ExtensionVersionRow,
    ),
]
IDS = [f"{path}-{n}" for n, (path, *_rest) in enumerate(CASES)]
ID_FIELDS = ("walkthrough_id", "feature_id", "app_id", "checklist_id")


def _query_for(path: str, query: dict, ids: dict) -> dict:
    """The case's query with generated ids replaced by the authoring database's."""
    real = dict(query)
    for name in ID_FIELDS:
        if name in real:
            value = real[name]
            mapping = ids[name]
            real[name] = [mapping[v] for v in value] if isinstance(value, list) else mapping[value]
    if path.startswith("onboarding"):
        real["checklist_id"] = ids["checklist_id"][4]
    return real


@pytest.mark.parametrize(("path", "query", "expected", "schema"), CASES, ids=IDS)
def test_report_json_equals_oracle(client, setup, path, query, expected, schema):
    _app, ws, ids, events, _tokens = setup
    response = _get(client, setup, path, _query_for(path, query, ids))
    assert response.status_code == 200, response.json
    body = response.json
    want = json.loads(
        json.dumps(expected(events, _params(ws.id, query), ids), default=json_default)
    )
    assert body["report"] == path.replace("/", "-")
    assert body["rows"] == want
    assert want, "the case should exercise real data"
    for row in body["rows"]:
        assert list(row) == list(schema().fields)
        assert schema().validate(row) == {}


@pytest.mark.parametrize(("path", "query", "expected", "schema"), CASES, ids=IDS)
def test_report_csv_has_the_same_rows(client, setup, path, query, expected, schema):
    _app, _ws, ids, _events, _tokens = setup
    real = _query_for(path, query, ids)
    as_json = _get(client, setup, path, real).json["rows"]
    response = _get(client, setup, path, real, accept="text/csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    fields = schema().fields
    assert [column for column in table[0] if column in fields] == list(fields)  # names, order kept
    added = [column for column in table[0] if column not in fields]
    shares = [name for name, spec in fields.items() if "A share" in spec.metadata["description"]]
    assert added == [
        f"{name[:-3]}_name" if name.endswith("_id") else f"{name}_percent"
        for name in fields
        if (name.endswith("_id") and name != "user_id") or name in shares
    ]
    assert len(table) - 1 == len(as_json)
    first = dict(zip(table[0], table[1], strict=True))
    for column in added:
        if column.endswith("_percent") and as_json[0][column[:-8]] is not None:
            assert float(first[column]) == pytest.approx(as_json[0][column[:-8]] * 100, abs=0.05)
    for column, value in as_json[0].items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            assert float(first[column]) == pytest.approx(value)
        elif value is None:
            assert first[column] == ""


def test_csv_defuses_spreadsheet_formulas(client, setup):
    response = _get(client, setup, "content-gaps", {**BASE, "limit": 1000}, accept="text/csv")
    lines = response.get_data(as_text=True).splitlines()
    (line,) = [line for line in lines if "hyperlink" in line]
    assert line.startswith("\"'=hyperlink(")


@pytest.mark.parametrize("role", ["owner", "admin", "editor", "analyst"])
def test_every_member_role_reads_reports(client, setup, role):
    assert _get(client, setup, "help-seeking", BASE, role=role).status_code == 200


def test_reports_need_credentials_and_membership(client, setup):
    _app, ws, _ids, _events, _tokens = setup
    url = f"/api/v1/workspaces/{ws.id}/reports/help-seeking"
    anonymous = client.get(url, query_string=BASE)
    assert anonymous.status_code == 401
    assert anonymous.json["error"]["code"] == "unauthorized"
    outsider = _get(client, setup, "help-seeking", BASE, role="outsider")
    assert outsider.status_code == 404


def test_other_workspaces_events_never_show(client, setup):
    """The other workspace has events too (generated), yet its owner sees nothing here."""
    _app, ws, _ids, events, tokens = setup
    ours = sum(r["opens"] for r in _get(client, setup, "help-seeking", BASE).json["rows"])
    other_ws = next(e["workspace_id"] for e in events if e["workspace_id"] != ws.id)
    theirs = client.get(
        f"/api/v1/workspaces/{other_ws}/reports/help-seeking",
        query_string=BASE,
        headers=bearer(tokens["outsider"]),
    ).json["rows"]
    expected = oracle.help_seeking(events, _params(ws.id, {**BASE, "granularity": "day"}))
    assert ours == sum(r["opens"] for r in expected)
    assert sum(r["opens"] for r in theirs) < ours


BAD = [
    ("funnel", BASE, "walkthrough_id"),
    ("help-seeking", {**BASE, "from": "2024-04-15"}, "to"),
    ("help-seeking", {**BASE, "from": "2023-01-01"}, "to"),
    ("help-seeking", {**BASE, "from": "yesterday"}, "from"),
    ("help-seeking", {**BASE, "tz": "Mars/Olympus_Mons"}, "tz"),
    ("help-seeking", {**BASE, "granularity": "hour"}, "granularity"),
    ("help-seeking", {**BASE, "breakdown": "dept'); DROP TABLE events; --"}, "breakdown"),
    ("help-seeking", {**BASE, "breakdown": "shoe_size"}, "breakdown"),
    ("help-seeking", {**BASE, "segment": "role=admin"}, "segment"),
    ("help-seeking", {**BASE, "segment": "shoe_size:42"}, "segment"),
    ("retention", {**BASE, "app_id": "crm", "feature_id": "f11"}, "app_id"),
    ("retention", {**BASE, "app_id": "crm", "weeks": 60}, "weeks"),
    ("onboarding/people", {**BASE, "checklist_id": "onboarding", "limit": 0}, "limit"),
    ("content-gaps", {**BASE, "limit": 5000}, "limit"),
    ("surveys/nps", BASE, "survey_id"),
    ("surveys/csat", {**BASE, "survey_id": "w1", "question_key": ""}, "question_key"),
    ("surveys/verbatims", {**BASE, "survey_id": "w1", "search": "x" * 201}, "search"),
]

# Well-formed ids that name nothing of the right kind in the workspace.
UNKNOWN = [
    ("funnel", {**BASE, "walkthrough_id": 999_999}, "walkthrough_id"),
    ("funnel", {**BASE, "walkthrough_id": "feature"}, "walkthrough_id"),
    ("funnel", {**BASE, "walkthrough_id": "w1", "version": 9}, "version"),
    ("help-seeking", {**BASE, "app_id": 424242}, "app_id"),
    ("feature-adoption", {**BASE, "feature_id": "w1"}, "feature_id"),
    ("onboarding", {**BASE, "checklist_id": "w1"}, "checklist_id"),
    ("help-seeking", {**BASE, "segment_id": 999_999}, "segment_id"),
    ("surveys/nps", {**BASE, "survey_id": "w1"}, "survey_id"),
    ("surveys/verbatims", {**BASE, "survey_id": 999_999}, "survey_id"),
]


def _resolve(query: dict, ids: dict) -> dict:
    """Symbolic ids ('w1', 'f11', 'crm', 'onboarding', 'feature') to real ones."""
    names = {f"w{n}": i for n, i in ids["walkthrough_id"].items()}
    names |= {f"f{n}": i for n, i in ids["feature_id"].items()}
    names |= {APPS[n]: i for n, i in ids["app_id"].items()}
    names |= {"onboarding": ids["checklist_id"][4], "feature": ids["feature_id"][11]}
    return {k: names.get(v, v) if isinstance(v, str) else v for k, v in query.items()}


@pytest.mark.parametrize(
    ("path", "query", "field"), BAD, ids=[f"{p}-{f}-{n}" for n, (p, _, f) in enumerate(BAD)]
)
def test_bad_parameters_are_422_naming_the_field(client, setup, path, query, field):
    response = _get(client, setup, path, _resolve(query, setup[2]))
    assert response.status_code == 422, response.json
    error = response.json["error"]
    assert error["code"] == "validation_error"
    assert field in error["details"]["query"], error


@pytest.mark.parametrize(
    ("path", "query", "field"),
    UNKNOWN,
    ids=[f"{p}-{f}-{n}" for n, (p, _, f) in enumerate(UNKNOWN)],
)
def test_ids_naming_nothing_are_404_naming_the_field(client, setup, path, query, field):
    response = _get(client, setup, path, _resolve(query, setup[2]))
    assert response.status_code == 404, response.json
    error = response.json["error"]
    assert error["code"] == "not_found"
    assert field in error["details"]["query"], error


def test_segment_values_with_quotes_are_bound(client, setup):
    weird = "R&D \"Ops\" 'West'\\"
    query = {**BASE, "segment": [f"department:{weird}"], "granularity": "total"}
    response = _get(client, setup, "help-seeking", query)
    assert response.status_code == 200
    _app, ws, _ids, events, _tokens = setup
    expected = oracle.help_seeking(events, _params(ws.id, query))
    assert response.json["rows"] == json.loads(json.dumps(expected, default=json_default))
    assert response.json["rows"][0]["opens"] > 0


def test_a_saved_segment_and_test_audiences_filter_as_the_oracle_says(client, setup):
    _app, ws, _ids, events, tokens = setup
    audience = {"match": "any", "rules": [{"attribute": "role", "op": "eq", "value": "Admin"}]}
    made = client.post(
        f"/api/v1/workspaces/{ws.id}/segments",
        json={"key": "admins", "name": "Admins", "audience": audience},
        headers=bearer(tokens["owner"]),
    )
    query = {**BASE, "granularity": "total", "segment_id": made.json["id"]}
    for include in (False, True):
        response = _get(client, setup, "app-usage", {**query, "include_test": include})
        assert response.status_code == 200, response.json
        params = replace(_params(ws.id, BASE), granularity="total", audience=audience)
        expected = oracle.app_usage(events, replace(params, include_test=include), ())
        assert response.json["rows"] == json.loads(json.dumps(expected, default=json_default))


@pytest.mark.parametrize("empty", [{"breakdown": ""}, {"segment": [""]}])
def test_an_empty_breakdown_or_segment_is_none(client, setup, empty):
    query = {**BASE, "granularity": "total"}
    expected = _get(client, setup, "help-seeking", query)
    response = _get(client, setup, "help-seeking", {**query, **empty})
    assert response.status_code == 200
    assert response.json == expected.json


def test_openapi_documents_reports_with_definitions_and_csv(client):
    spec = client.get("/api/v1/openapi.json").json
    reports = {p: v for p, v in spec["paths"].items() if "/reports/" in p}
    assert len(reports) == len(REPORTS)
    funnel = reports["/api/v1/workspaces/{workspace_id}/reports/funnel"]["get"]
    assert "*reached* step i" in funnel["description"]
    assert "count once" in funnel["description"]
    assert set(funnel["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    for operation in reports.values():
        assert operation["get"]["security"] == [{"bearerAuth": []}]


def test_unknown_ids_in_the_path_are_not_found(client, setup):
    _app, _ws, _ids, _events, tokens = setup
    response = client.get(
        f"/api/v1/workspaces/{uuid.uuid4().int % 10**9 + 10**9}/reports/help-seeking",
        query_string=BASE,
        headers=bearer(tokens["owner"]),
    )
    assert response.status_code == 404


@pytest.mark.parametrize("accept", ["*/*", "text/html", "application/json, text/csv;q=0.5"])
def test_json_is_the_default(client, setup, accept):
    response = _get(client, setup, "help-seeking", BASE, accept=accept)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
