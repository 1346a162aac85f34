"""`trailguide demo` seeds once: the client key it prints keeps working after a restart,
and a restart adds no second copy of the demo."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import requests

from e2e.support.console import start_demo
from tests.support import procs

KEY_LINE = re.compile(r"Client key \(for the extension\):\s+(tgc_\S+)")


def _printed_keys(demo) -> list[str]:
    return KEY_LINE.findall((demo.data_dir.parent / "demo.log").read_text())


def _state(demo) -> tuple:
    """How many people and walkthroughs, and the whole range's completion figures."""
    token, ws = demo.api_token("analyst"), demo.workspace_id
    people = demo.api(f"/api/v1/workspaces/{ws}/people?limit=200", token).json()
    tours = demo.api(f"/api/v1/workspaces/{ws}/walkthroughs", token).json()
    today = datetime.now(UTC).date()
    query = f"from={today - timedelta(days=60)}&to={today}&granularity=total"
    completion = demo.api(f"/api/v1/workspaces/{ws}/reports/completion?{query}", token).json()
    return len(people["items"]), people["next_cursor"], len(tours["items"]), completion["rows"]


def test_the_printed_key_survives_a_restart(tmp_path):
    first = start_demo(tmp_path)
    try:
        assert _printed_keys(first) == [first.client_key]
        before = _state(first)
        # Three walkthroughs of Acme CRM, one of Acme Billing, one of Acme Support.
        assert before[0] == 200 and before[2] == 5 and before[3]
    finally:
        procs.stop(first.proc)
    again = start_demo(tmp_path)
    try:
        assert again.client_key == first.client_key
        assert _printed_keys(again) == [first.client_key, first.client_key]
        answer = requests.get(
            f"{again.url}/api/v1/client/applications",
            headers={"X-Trailguide-Key": again.client_key},
            timeout=10,
        )
        assert answer.status_code == 200
        keys = sorted(app["key"] for app in answer.json()["applications"])
        assert keys == ["acme-billing", "acme-crm", "acme-support"]
        assert _state(again) == before
    finally:
        procs.stop(again.proc)
