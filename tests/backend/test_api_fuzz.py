"""Schemathesis over the whole OpenAPI document, against a live server, with every check.

Each run fuzzes the operations of the document one caller may call on one
database (``ON_SQLITE``, ``ON_POSTGRES``), bounded and seeded so the runs are
repeatable and together stay within a few minutes. A run must end with no server
error and no disagreement between the document and the server.

Every operation is fuzzed on PostgreSQL, the production database, with every
phase, once: the extension's requests by a client key's run, as the extension
sends them, everything else by the owner's run.
SQLite, the embedded default, gets the runs where the two databases can answer
differently, in the examples and fuzzing phases: the owner's writes, where
constraint errors, column types, JSON columns and collation live, and an
analyst's reads, which list, sort, filter and page what the storage layer gives
back. Left out on SQLite, and why that proves no less:

- The coverage phase (the schema's boundary values, each missing or mistyped
  field, unexpected methods and headers). Its negative cases are refused by the
  request schemas and the routing before any storage runs, the same code on
  either database; its positive boundary values reach storage, where PostgreSQL
  is the strict one (bounded string lengths, 32-bit integers, real JSON types)
  and SQLite stores what PostgreSQL stores. Fuzzing's random values still
  reach SQLite's own limits (64-bit integers, text it must store as given).
- The owner's reads: an analyst reads every listing and report the owner does
  except the six an analyst is refused (members, invitations, client keys, SCIM
  tokens, audit log, single sign-on), plain listings of rows the owner's SQLite
  writes create and answer with, read by the owner on PostgreSQL.
- An analyst's reads on PostgreSQL: a role changes only whether the request is
  refused before any input is read (see ``ON_SQLITE``); the owner's run there reads
  everything an analyst may.

Two things are fixed rather than fuzzed: the workspace a run works in (its
``workspace_id`` path parameter is the run's own workspace; any other id
only ever answers 404), and the operations that would destroy the run's own
credentials, listed in ``DESTRUCTIVE``, which are tested on their own by the
tests named there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from analytics.reports.registry import REPORTS
from backend import close_connections, create_app
from tests.support.factories import add_member, create_workspace
from tests.support.live import LiveServer
from tests.support.plugin import unique
from walkthroughs.kinds import registry as kinds

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
EXAMPLES = int(os.environ.get("TRAILGUIDE_FUZZ_EXAMPLES", "5"))
# Seconds per run: the longest, the owner's on PostgreSQL, took about 210 s on the idle
# 2-core machine before it left the extension's requests to the client key's run and the
# flow import to examples and fuzzing; a loaded machine may need twice as long.
TIMEOUT = int(os.environ.get("TRAILGUIDE_FUZZ_TIMEOUT", "420"))
SEED = 20261205

# Operations that end the run's own sign-in, token, key or membership, and
# where each is tested on its own instead.
DESTRUCTIVE = {
    ("POST", "/api/v1/auth/logout"): "tests/backend/auth/test_tokens.py",
    ("POST", "/api/v1/auth/logout-everywhere"): "tests/backend/console/test_sessions.py",
    ("POST", "/api/v1/auth/password"): "tests/backend/auth/test_password_checks.py",
    ("DELETE", "/api/v1/workspaces/{workspace_id}/tokens/{token_id}"): (
        "tests/backend/admin/test_keys.py"
    ),
    ("DELETE", "/api/v1/workspaces/{workspace_id}/client-keys/{key_id}"): (
        "tests/backend/admin/test_keys.py"
    ),
    ("POST", "/api/v1/workspaces/{workspace_id}/client-keys/{key_id}/rotate"): (
        "tests/backend/admin/test_keys.py"
    ),
    ("POST", "/api/v1/workspaces/{workspace_id}/leave"): "tests/backend/admin/test_members.py",
}

# What each caller's run fuzzes on each database (see the module's docstring).
# The owner may call everything. What an analyst may not do is refused before any input
# is read (the role matrix of tests/backend/admin/test_authorization.py), and so is every
# member operation for a client key (tests/backend/auth/test_client_key_reach.py):
# fuzzing those refusals again would only repeat them, so an analyst's run fuzzes reads
# and a client key's run the extension's own requests.
WITHOUT_COVERAGE = ["--phases", "examples,fuzzing"]
EXTENSION = "^/api/v1/client/"
ON_SQLITE = {
    "owner": ["--exclude-method", "GET", *WITHOUT_COVERAGE],
    "analyst": ["--include-method", "GET", "--exclude-path-regex", EXTENSION, *WITHOUT_COVERAGE],
}
ON_POSTGRES = {
    "owner": ["--exclude-path-regex", EXTENSION],
    "client_key": ["--include-path-regex", EXTENSION],
}


# Every kind of guidance has the same operations under its plural.
KIND_PLURALS = [kind.plural for kind in kinds.all_kinds()]

# Operations whose bodies or queries follow rules between fields that OpenAPI 3.0
# cannot state (an audience rule's value type follows its `op`, a rule is an attribute
# rule, a saved segment or a nested group, a schedule ends after it starts, a link
# item needs its `url`, a locator needs `value` unless it is a role, `selector` or
# `global` but not both, `app_id` or `feature_id`, attribute names, a referenced
# application of the workspace): a schema-valid request may break one and get a 422
# whose details name the rule.
CROSS_FIELD_RULES = [
    *(
        f"{method} /api/v1/workspaces/{{workspace_id}}/{plural}{suffix}"
        for plural in KIND_PLURALS
        for method, suffix in (
            ("POST", ""),
            ("PUT", "/{item_id}"),
            ("POST", "/{item_id}/duplicate"),
            # a test audience names testers or a segment
            ("PUT", "/{item_id}/test-release"),
        )
    ),
    "POST /api/v1/workspaces/{workspace_id}/applications",
    "PATCH /api/v1/workspaces/{workspace_id}/applications/{app_id}",
    "POST /api/v1/workspaces/{workspace_id}/people",
    "PATCH /api/v1/workspaces/{workspace_id}/people/{person_id}",
    "POST /api/v1/workspaces/{workspace_id}/people/import",
    "POST /api/v1/workspaces/{workspace_id}/flows/import",
    "POST /api/v1/workspaces/{workspace_id}/segments",
    "PATCH /api/v1/workspaces/{workspace_id}/segments/{segment_id}",
    "POST /api/v1/workspaces/{workspace_id}/segments/preview",
    # The content list's cursor is one a previous page of the same sort handed out; a bulk
    # tag or untag names its tag.
    "GET /api/v1/workspaces/{workspace_id}/content",
    "POST /api/v1/workspaces/{workspace_id}/content/bulk",
    # The workspace's default report time zone is a name in the IANA time zone database.
    "PATCH /api/v1/workspaces/{workspace_id}",
    # Reports: `to` is not before `from` and at most 366 days after it; `tz` is a
    # name in the IANA time zone database.
    *(
        f"GET /api/v1/workspaces/{{workspace_id}}/reports/{report.path}"
        for report in REPORTS.values()
    ),
]

# Operations that take If-Match: a schema-valid ETag that is not the current one is
# answered 412, as their documents say; the document cannot name the current revision.
IF_MATCH = [
    *(
        f"{method} /api/v1/workspaces/{{workspace_id}}/{plural}/{{item_id}}{suffix}"
        for plural in KIND_PLURALS
        for method, suffix in (
            ("PUT", ""),
            ("DELETE", ""),
            ("POST", "/publish"),
            ("PUT", "/test-release"),
        )
    ),
    "PATCH /api/v1/workspaces/{workspace_id}/applications/{app_id}",
    "DELETE /api/v1/workspaces/{workspace_id}/applications/{app_id}",
]
ACCEPTED = ["2xx", "401", "403", "404", "409", "429"]
# Statuses a schema-valid request may get for a reason of state or syntax the document
# names but cannot state as a schema: an invitation a run revoked or used is gone (410);
# a page URL's host and port follow RFC 3986, beyond what a pattern can say (400); an
# uploaded image must be a PNG, JPEG, WebP or GIF that decodes, of at most 2 MB (422, 413);
# a search text has a character that is not a space and no control or format characters (400).
STATE = {
    "POST /api/v1/auth/invitations/inspect": ["410"],
    "POST /api/v1/auth/invitations/accept": ["410"],
    "GET /api/v1/client/content": ["400"],
    "GET /api/v1/client/search": ["400"],
    "POST /api/v1/workspaces/{workspace_id}/images": ["413", "422"],
}


# The extension's content, search and applications requests document their own headers; any
# HTTP request also carries headers no document lists (browsers add several), and a
# server must ignore them. OpenAPI cannot say so, and schemathesis would otherwise
# expect a request with an unknown header to be refused.
OWN_HEADERS_ONLY = {
    name: "generation.allow-extra-parameters = false\n"
    for name in (
        "GET /api/v1/client/content",
        "GET /api/v1/client/search",
        "GET /api/v1/client/applications",
    )
}


def _accepted(names: list[str], extra: list[str]) -> str:
    """A config block: for these operations, positive data may also get ``extra``."""
    statuses = json.dumps(ACCEPTED + extra)
    settings = "".join(OWN_HEADERS_ONLY.get(name, "") for name in names)
    return (
        f"[[operations]]\ninclude-name = {json.dumps(names)}\n"
        f"checks.positive_data_acceptance.expected-statuses = {statuses}\n{settings}"
    )


# Operations the blocks below already configure (with their own-headers setting).
LISTED = {*CROSS_FIELD_RULES, *IF_MATCH, *STATE}

CONFIG = f"""
# A missing If-Match is answered 428 Precondition Required (RFC 6585 made it for
# exactly this); schemathesis' default list for a missing header lacks it.
[checks.missing_required_header]
expected-statuses = ["400", "401", "403", "406", "415", "422", "428"]

# The stateful phase follows links such as "POST /workspaces -> PATCH
# /workspaces/{{id}}"; tokens are scoped to one workspace, so a workspace made
# in the run is out of the token's reach by design (404).
[phases.stateful]
enabled = false

{_accepted([n for n in CROSS_FIELD_RULES if n not in IF_MATCH], ["422"])}
{_accepted([n for n in CROSS_FIELD_RULES if n in IF_MATCH], ["412", "422"])}
{_accepted([n for n in IF_MATCH if n not in CROSS_FIELD_RULES], ["412"])}
{"".join(_accepted([name], extra) for name, extra in STATE.items())}
{"".join(_accepted([name], []) for name in OWN_HEADERS_ONLY if name not in LISTED)}
# A flow file holds every kind's drafts and applications, declared by the same schemas
# as each kind's own create request, which the coverage phase walks already; walking
# them all again in one body took two fifths of the owner's run. Examples and fuzzing
# still send it bundles, valid and not; its own fields (version, keys, an application
# named by key) are tested in tests/backend/admin/test_flows_api.py.
[[operations]]
include-name = "POST /api/v1/workspaces/{{workspace_id}}/flows/import"
phases.coverage.enabled = false
"""


def _server(clickhouse_server, data_dir: Path, database_url: str | None) -> LiveServer:
    env = {"TRAILGUIDE_CLICKHOUSE_URL": clickhouse_server.url(unique("fuzz"))}
    if database_url:
        env["TRAILGUIDE_DATABASE_URL"] = database_url
    return LiveServer(env, data_dir=data_dir).start()


@pytest.fixture(scope="module")
def sqlite_server(clickhouse_server, tmp_path_factory):
    server = _server(clickhouse_server, tmp_path_factory.mktemp("fuzz-sqlite"), None)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def postgres_live_server(clickhouse_server, postgres_server, tmp_path_factory):
    name = unique("fuzz")
    url = postgres_server.create_database(name)
    server = _server(clickhouse_server, tmp_path_factory.mktemp("fuzz-postgres"), url)
    server.database_url = url
    yield server
    server.stop()
    postgres_server.drop_database(name)


def _callers(server: LiveServer) -> dict[str, object]:
    """A fresh workspace in the server's database: its id and each caller's headers."""
    config = {
        "WITHOUT_ANALYTICS": True,
        "TRAILGUIDE_DATA_DIR": str(server.data_dir),
        "TRAILGUIDE_LOG_LEVEL": "WARNING",
    }
    if getattr(server, "database_url", None):
        config["TRAILGUIDE_DATABASE_URL"] = server.database_url
    app = create_app(config)
    try:
        ws = create_workspace(app, "Fuzz")
        analyst = add_member(app, ws.id, "analyst")
    finally:
        close_connections(app)
    return {
        "workspace_id": ws.id,
        "owner": [f"Authorization: Bearer {ws.owner_token}", f"X-Trailguide-Key: {ws.client_key}"],
        "analyst": [f"Authorization: Bearer {analyst}"],
        "client_key": [f"X-Trailguide-Key: {ws.client_key}"],
    }


def _document(server: LiveServer, workspace_id: int, path: Path) -> Path:
    """The server's own document, with ``workspace_id`` naming the run's workspace."""
    spec = requests.get(f"{server.url}/api/v1/openapi.json", timeout=10).json()
    for item in spec["paths"].values():
        for operation in [item, *item.values()]:
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") == "path" and parameter["name"] == "workspace_id":
                    parameter["schema"] = {"type": "integer", "enum": [workspace_id]}
    path.write_text(json.dumps(spec))
    return path


def _fuzz(server: LiveServer, caller: str, scope: list[str], tmp_path: Path) -> None:
    # Schemathesis gets what is left of the test's time but a little, so an overrun
    # still leaves its output.
    deadline = time.monotonic() + TIMEOUT - 30
    callers = _callers(server)
    document = _document(server, callers["workspace_id"], tmp_path / "openapi.json")
    excluded = [
        arg for method, path in DESTRUCTIVE for arg in ("--exclude-name", f"{method} {path}")
    ]
    headers = [arg for header in callers[caller] for arg in ("-H", header)]
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    command = [
        SCHEMATHESIS,
        "--config-file",
        str(config),
        "run",
        str(document),
        "--url",
        server.url,
        "--checks",
        "all",
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        str(SEED),
        "--generation-deterministic",
        # NUL in text is refused with a 422 (tests/backend/admin/test_storable_input.py);
        # the document cannot state that for every string.
        "--generation-allow-x00",
        "false",
        "--workers",
        "1",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path / "report"),
        *headers,
        *excluded,
        *scope,
    ]
    overran = False
    run = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        stdout, stderr = run.communicate(timeout=deadline - time.monotonic())
    except subprocess.TimeoutExpired:
        # Interrupted, schemathesis still prints its summary and writes its report,
        # which name the operations that took the time.
        overran = True
        run.send_signal(signal.SIGINT)
        stdout, stderr = run.communicate(timeout=20)
    finally:
        if run.poll() is None:  # pytest's own timeout, or schemathesis ignored SIGINT
            run.kill()
            run.communicate()
    output = tmp_path / "schemathesis.txt"
    # Reproductions quote what was sent, unpaired surrogates included.
    output.write_text(stdout + stderr, errors="backslashreplace")
    assert not overran, f"schemathesis overran {TIMEOUT - 30} s; see {output} and its report"
    assert run.returncode == 0, f"see {output}:\n{_failures(stdout)}"


def _failures(stdout: str) -> str:
    """One line per failing operation and check, then schemathesis' own summary."""
    lines, operation = [], ""
    for line in stdout.splitlines():
        if line.startswith("___") and line.rstrip().endswith("___"):
            operation = line.strip("_ ")
        elif line.startswith("- ST") or "Invalid component" in line or line.startswith("    `{"):
            lines.append(f"{operation}: {line.strip()[:300]}")
    summary = stdout[stdout.find("SUMMARY") :] if "SUMMARY" in stdout else stdout[-3000:]
    return "\n".join(lines[:200]) + "\n" + summary


@pytest.mark.timeout(TIMEOUT, func_only=True)  # its own deadline counts from the body
@pytest.mark.parametrize("caller", list(ON_SQLITE))
def test_fuzz_on_sqlite(sqlite_server, caller, tmp_path):
    _fuzz(sqlite_server, caller, ON_SQLITE[caller], tmp_path)


@pytest.mark.timeout(TIMEOUT, func_only=True)  # its own deadline counts from the body
@pytest.mark.parametrize("caller", list(ON_POSTGRES))
def test_fuzz_on_postgres(postgres_live_server, caller, tmp_path):
    _fuzz(postgres_live_server, caller, ON_POSTGRES[caller], tmp_path)
