"""Console pages of notifications: alert rules, webhook endpoints and their delivery log,
the digest subscription; who may open and change them; every change audit-logged."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backend.commands import transaction
from backend.extensions import db
from backend.models import AlertRule, AuditEntry, User
from backend.services.notify import webhooks

PUBLIC_URL = "https://93.184.215.14/hook"  # a literal address: nothing is resolved or sent


def _query(app, statement):
    with app.app_context():
        return list(db.session.execute(statement).scalars())


def _actions(app, workspace_id: int) -> list[str]:
    return _query(
        app,
        select(AuditEntry.action)
        .where(AuditEntry.workspace_id == workspace_id)
        .order_by(AuditEntry.id),
    )


def test_an_admin_creates_a_rule_for_chosen_members(app, as_role, workspace):
    console = as_role("admin")
    [owner_id] = _query(app, select(User.id).where(User.email == workspace.owner_email))
    page = f"/console/w/{workspace.id}/alerts"

    answer = console.post(
        f"/console/w/{workspace.id}/alert-rules",
        {
            "kind": "broken_step",
            "name": "Broken onboarding",
            "broken_step.min_people": "3",
            "recipients": [str(owner_id)],
        },
        page=page,
    )

    assert answer.status_code == 303
    [rule] = _query(app, select(AlertRule))
    assert (rule.name, rule.params["min_people"], rule.recipients) == (
        "Broken onboarding",
        3,
        [owner_id],
    )
    assert "alert_rule.created" in _actions(app, workspace.id)
    html = console.get(page).get_data(as_text=True)
    assert "Broken onboarding" in html and workspace.owner_email in html


def test_a_rule_with_a_bad_setting_is_shown_again_with_the_problem(as_role, workspace):
    console = as_role("owner")
    answer = console.post(
        f"/console/w/{workspace.id}/alert-rules",
        {"kind": "broken_step", "broken_step.failure_share": "2"},
        page=f"/console/w/{workspace.id}/alerts",
    )
    assert answer.status_code == 422
    assert "failure_share" in answer.get_data(as_text=True)


@pytest.mark.parametrize(("role", "status"), [("analyst", 200), ("editor", 200)])
def test_every_member_reads_alerts_but_only_managers_change_rules(as_role, workspace, role, status):
    console = as_role(role)
    assert console.get(f"/console/w/{workspace.id}/alerts").status_code == status
    answer = console.post(
        f"/console/w/{workspace.id}/alert-rules",
        {"kind": "broken_step"},
        page=f"/console/w/{workspace.id}/alerts",
    )
    assert answer.status_code == 403
    assert console.get(f"/console/w/{workspace.id}/webhooks").status_code == 403


def test_a_new_endpoint_shows_its_signing_secret_once(app, as_role, workspace):
    console = as_role("owner")
    page = f"/console/w/{workspace.id}/webhooks"

    made = console.post(page, {"url": PUBLIC_URL, "families": ["alert.fired"]})

    assert made.status_code == 201
    html = made.get_data(as_text=True)
    secret = html.split('data-testid="new-webhook-secret">', 1)[1].split("<", 1)[0]
    assert secret.startswith("whsec_")
    assert secret not in console.get(page).get_data(as_text=True)
    assert "webhook.created" in _actions(app, workspace.id)


def test_a_loopback_endpoint_is_refused_on_the_page(as_role, workspace):
    console = as_role("owner")
    page = f"/console/w/{workspace.id}/webhooks"
    answer = console.post(page, {"url": "http://127.0.0.1:8080/", "families": ["alert.fired"]})
    assert answer.status_code == 422
    assert "loopback" in answer.get_data(as_text=True)


def test_the_delivery_log_lists_every_attempt(app, as_role, workspace):
    """An endpoint saved while loopback was allowed is refused at delivery once it is not."""
    allowed = webhooks.Delivery(secret_key=app.config["SECRET_KEY"], allow_private=True)
    refused = webhooks.Delivery(
        secret_key=app.config["SECRET_KEY"], allow_private=False, attempts=2, sleep=lambda _s: None
    )
    with app.app_context(), transaction():
        endpoint, _secret = webhooks.create_endpoint(
            workspace.id, "http://127.0.0.1:9/hook", ["alert.fired"], allowed
        )
        endpoint_id = endpoint.id
        webhooks.enqueue(workspace.id, "alert.fired", {"n": 1}, endpoint.created_at)
    with app.app_context(), transaction():
        assert not webhooks.deliver(endpoint_id, refused)

    html = as_role("owner").get(f"/console/w/{workspace.id}/webhooks/{endpoint_id}")

    text = html.get_data(as_text=True)
    assert html.status_code == 200
    assert text.count("loopback, private or reserved address") == 2


def test_a_member_subscribes_to_the_digest_and_leaves_it(app, as_role, workspace):
    console = as_role("analyst")
    page = f"/console/w/{workspace.id}/digest"

    console.post(page, {"subscribe": "1"})
    assert "You receive the weekly digest" in console.get(page).get_data(as_text=True)
    console.post(page, {"subscribe": "0"})

    assert "You do not receive" in console.get(page).get_data(as_text=True)
    assert _actions(app, workspace.id)[-2:] == ["digest.subscribed", "digest.unsubscribed"]
