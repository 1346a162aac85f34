"""The console's process page documents the process and shows per-step completion across
tools, or says why it cannot where its applications identify people differently."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from analytics.schema.events import EVENT_COLUMNS
from backend.warehouse import get_backend
from tests.analytics.reports.generator import as_row, make_event
from tests.backend.delivery.test_processes import APPS, PROCESS
from tests.support import content

AT = datetime(2021, 6, 7, 9, tzinfo=UTC)
RANGE = {"from": "2021-06-01", "to": "2021-06-30", "tz": "UTC"}


@pytest.fixture
def process(app, workspace):
    ws = workspace.id
    ids = {key: content.application(app, ws, key, (pattern,)) for key, pattern in APPS.items()}
    account = content.publish(app, ws, ids["crm"], "walkthrough", "create-account",
                              content.walkthrough_doc(name="Create an account"))  # fmt: skip
    invoice = content.publish(app, ws, ids["billing"], "walkthrough", "first-invoice",
                              content.walkthrough_doc(name="First invoice"))  # fmt: skip
    content.publish(app, ws, ids["support"], "article", "welcome-guide",
                    {"title": "Welcome guide", "body": "<p>Hi</p>"})  # fmt: skip
    process_id = content.publish(app, ws, ids["crm"], "process", "onboard", PROCESS)
    common = {"workspace_id": ws, "walkthrough_version": 1}
    events = [
        make_event("walkthrough_started", "ada", AT, 1, walkthrough_id=account, **common),
        make_event("walkthrough_completed", "ada", AT, 2, walkthrough_id=account, **common),
        make_event("walkthrough_started", "bob", AT, 1, walkthrough_id=account, **common),
        make_event("walkthrough_completed", "ada", AT + timedelta(hours=1), 3,
                   walkthrough_id=invoice, **common),
        make_event("process_step_completed", "ada", AT + timedelta(hours=2), 4, workspace_id=ws,
                   checklist_id=process_id, item_key="welcome"),
    ]  # fmt: skip
    with app.app_context():
        get_backend().insert("events", EVENT_COLUMNS, [as_row(e) for e in events + events[:2]])
    return process_id


def page(as_role, workspace, process) -> str:
    console = as_role("analyst")
    query = {**RANGE, "process_id": process}
    response = console.get(f"/console/w/{workspace.id}/reports/processes", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def cells(text: str, step: str, figure: str) -> str:
    row = text.split(f'data-testid="process-step-{step}"', 1)[1].split("</tr>", 1)[0]
    return row.split(f'data-testid="{figure}">', 1)[1].split("<", 1)[0]


def test_it_documents_the_steps_and_counts_people_per_step(as_role, workspace, process):
    text = page(as_role, workspace, process)
    assert "Onboard a new customer" in text and "From the deal to the welcome ticket." in text
    assert [cells(text, s, "step-application") for s in ("account", "invoice", "welcome")] == [
        "CRM", "BILLING", "SUPPORT"
    ]  # fmt: skip
    assert "Create an account" in text and "Welcome guide" in text
    # ada did every step, bob started the first one
    assert [cells(text, "account", f) for f in ("step-reached", "step-completed")] == ["2", "1"]
    assert [cells(text, "invoice", f) for f in ("step-reached", "step-completed")] == ["1", "1"]
    assert [cells(text, "welcome", f) for f in ("step-reached", "step-completed")] == ["1", "1"]
    assert 'data-testid="progress-unavailable"' not in text


def test_apps_identifying_people_differently_show_why_instead_of_figures(
    app, as_role, workspace, process
):
    from backend.commands import transaction
    from backend.extensions import db
    from backend.models import Application

    with app.app_context(), transaction():
        billing = db.session.execute(
            db.select(Application).filter_by(workspace_id=workspace.id, key="billing")
        ).scalar_one()
        billing.user_id_rule = {"selector": "#me"}
    text = page(as_role, workspace, process)
    assert "Progress across tools is unavailable" in text
    assert "BILLING by the text of its page&#39;s element #me" in text
    assert 'data-testid="step-reached"' not in text


def test_it_documents_the_published_version_the_figures_count(app, as_role, workspace, process):
    """A draft with the steps reordered changes neither the page nor which row gets which figure."""
    from backend.commands import transaction
    from backend.services import content as items
    from backend.services.revisions import ANY
    from walkthroughs.schemas import load_document

    reordered = {**PROCESS, "title": "Draft title", "steps": PROCESS["steps"][::-1]}
    with app.test_request_context(), transaction():
        items.update_item(workspace.id, "process", process,
                          load_document("process", reordered), None, ANY)  # fmt: skip
    text = page(as_role, workspace, process)
    documented = text.split('data-testid="process-documentation"', 1)[1]
    assert "Onboard a new customer" in documented and "Draft title" not in documented
    assert [cells(text, "account", f) for f in ("step-reached", "step-completed")] == ["2", "1"]
