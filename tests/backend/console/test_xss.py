"""Author content and people data shown in the console are escaped or sanitized.

The documents here are written straight into the database, past the API's
sanitizer, as content from an older version or another tool could be: the
console must be safe on its own.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from analytics.events import IngestContext, attribute_arrays, check_event, to_row
from backend.commands import transaction
from backend.extensions import db
from backend.models import Application, ContentItem
from tests.support import content
from tests.support.events import iso

EVIL = '"><img src=x onerror=alert(1)></script><script>alert(2)</script>'
SCRIPTISH = re.compile(r"<script>alert|<img src=x onerror|onerror=alert\(1\)>")


def _raw_walkthrough(app, workspace_id: int, app_id: int) -> int:
    """A published walkthrough whose texts were never sanitized."""
    tour_id = content.publish(
        app, workspace_id, app_id, "walkthrough", "tour", content.walkthrough_doc("Tour")
    )
    with app.app_context(), transaction():
        item = db.session.get(ContentItem, tour_id)
        draft = json.loads(json.dumps(item.draft))
        draft["name"] = f"Tour {EVIL}"
        draft["steps"][0]["title"] = f"Title {EVIL}"
        draft["steps"][0]["body"] = f'<p>Hi <a href="javascript:alert(3)">x</a></p>{EVIL}'
        item.draft = draft
        db.session.get(Application, app_id).name = f"CRM {EVIL}"
    return tour_id


@pytest.fixture
def evil(app, workspace):
    app_id = content.application(app, workspace.id)
    tour = _raw_walkthrough(app, workspace.id, app_id)
    content.person(app, workspace.id, f"p-{EVIL}", department=EVIL, role=EVIL)
    return app_id, tour


def _assert_safe(html_text: str) -> None:
    assert not SCRIPTISH.search(html_text), SCRIPTISH.search(html_text).group(0)
    assert 'href="javascript' not in html_text  # as text (YAML, escaped) it is harmless


@pytest.mark.parametrize(
    "path",
    [
        "/walkthroughs",
        "/walkthroughs/{tour}",
        "/walkthroughs/{tour}/diff?a=1&b=draft",
        "/applications",
        "/applications/{app}",
        "/people",
        "/reports/funnel",
        "/reports/completion",
        "/",
    ],
)
def test_author_and_directory_text_is_escaped(as_role, workspace, evil, path):
    app_id, tour = evil
    page = as_role("owner").get(f"/console/w/{workspace.id}" + path.format(tour=tour, app=app_id))
    assert page.status_code == 200
    _assert_safe(page.get_data(as_text=True))


def test_step_bodies_are_sanitized_not_just_escaped(as_role, workspace, evil):
    _app_id, tour = evil
    html_text = (
        as_role("owner")
        .get(f"/console/w/{workspace.id}/walkthroughs/{tour}")
        .get_data(as_text=True)
    )
    body = html_text.split('<div class="tg-body">', 1)[1].split("</div>", 1)[0]
    assert body.startswith("<p>Hi <a")  # the allowed markup still renders
    assert "javascript" not in body
    assert "<img" not in body and "<script" not in body


def _spool(app, workspace_id: int, tour: int, department: str) -> None:
    """Events carrying a hostile attribute value, through the real writer."""
    now = datetime.now(UTC) - timedelta(hours=1)
    rows = []
    for n, kind in enumerate(("walkthrough_started", "step_shown")):
        event = {
            "event_id": str(uuid.uuid4()),
            "kind": kind,
            "client_time": iso(now + timedelta(seconds=n)),
            "user_id": "mallory@example.test",
            "app_id": 1,
            "walkthrough_id": tour,
            "walkthrough_version": 1,
            "step_key": "s0",
            "step_index": 0,
        }
        client_ms, reason = check_event(event)
        assert reason is None, reason
        context = IngestContext(workspace_id, client_ms + 10, 395)
        rows.append(to_row(event, client_ms, context, attribute_arrays({"department": department})))
    writer = app.extensions["trailguide.ingest"].writer
    writer.submit(rows)
    assert writer.flush()


def test_report_rows_and_figures_cannot_break_out_of_their_script(app, as_role, workspace, evil):
    _app_id, tour = evil
    _spool(app, workspace.id, tour, EVIL)
    page = as_role("owner").get(
        f"/console/w/{workspace.id}/reports/funnel?walkthrough_id={tour}&breakdown=department"
    )
    html_text = page.get_data(as_text=True)
    assert page.status_code == 200
    _assert_safe(html_text)
    rows = re.search(
        r'class="report-rows" data-report="funnel"[^>]*>(.*?)</script>', html_text, re.S
    )
    assert json.loads(rows.group(1))[0]["group"] == EVIL  # the value survives, escaped as JSON
