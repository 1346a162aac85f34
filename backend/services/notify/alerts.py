"""Alert rules of a workspace and the alerts they raise: firing, then resolved, each
change told once by mail to the rule's members and by webhook.

A run checks every enabled rule (see :mod:`rules`), compares what fires now with the
alerts it already knows, and records only the changes; the scheduler runs it under
a lease, so two servers never report one change twice.
"""

from __future__ import annotations

from datetime import datetime

import marshmallow as ma
from sqlalchemy import select

from backend.extensions import db
from backend.models import Alert, AlertRule, Membership, User, Workspace
from backend.services import audit
from backend.services.errors import Invalid, not_found
from backend.services.notify import mail, webhooks
from backend.services.notify.rules import RULE_KINDS, Finding


def _params(kind: str, params: dict) -> dict:
    if kind not in RULE_KINDS:
        message = f"Choose one of: {', '.join(RULE_KINDS)}."
        raise Invalid(message, details={"kind": [message]})
    try:
        return RULE_KINDS[kind].params().load(params)
    except ma.ValidationError as exc:
        raise Invalid(
            "The rule's settings are not valid.", details={"params": exc.messages}
        ) from None


def _recipients(workspace_id: int, user_ids: list[int]) -> list[int]:
    members = set(
        db.session.execute(
            select(Membership.user_id).where(Membership.workspace_id == workspace_id)
        ).scalars()
    )
    outside = sorted(set(user_ids) - members)
    if outside:
        message = "Alerts go only to members of this workspace."
        raise Invalid(message, details={"recipients": {str(i): [message] for i in outside}})
    return sorted(set(user_ids))


def create_rule(
    workspace_id: int, kind: str, name: str, params: dict, recipients: list[int]
) -> AlertRule:
    """A new enabled rule; its settings are validated by its kind."""
    checked = _params(kind, params)
    rule = AlertRule(
        workspace_id=workspace_id,
        kind=kind,
        name=name.strip()[:120] or RULE_KINDS[kind].label,
        params=checked,
        recipients=_recipients(workspace_id, recipients),
        enabled=True,
    )
    db.session.add(rule)
    db.session.flush()
    audit.record(
        "alert_rule.created",
        "alert_rule",
        rule.id,
        {"kind": kind, "params": rule.params, "recipients": rule.recipients},
        workspace_id=workspace_id,
    )
    return rule


def get_rule(workspace_id: int, rule_id: int) -> AlertRule:
    rule = db.session.get(AlertRule, rule_id)
    if rule is None or rule.workspace_id != workspace_id:
        raise not_found("Alert rule")
    return rule


def list_rules(workspace_id: int) -> list[AlertRule]:
    return list(
        db.session.execute(
            select(AlertRule).where(AlertRule.workspace_id == workspace_id).order_by(AlertRule.id)
        ).scalars()
    )


def set_enabled(workspace_id: int, rule_id: int, enabled: bool) -> AlertRule:
    rule = get_rule(workspace_id, rule_id)
    rule.enabled = enabled
    audit.record(
        "alert_rule.enabled" if enabled else "alert_rule.disabled",
        "alert_rule",
        rule.id,
        workspace_id=workspace_id,
    )
    return rule


def delete_rule(workspace_id: int, rule_id: int) -> None:
    rule = get_rule(workspace_id, rule_id)
    audit.record(
        "alert_rule.deleted", "alert_rule", rule.id, {"kind": rule.kind}, workspace_id=workspace_id
    )
    db.session.delete(rule)


def list_alerts(workspace_id: int, limit: int = 200) -> list[tuple[Alert, AlertRule]]:
    """The workspace's alerts, firing first, then the most recently changed."""
    return list(
        db.session.execute(
            select(Alert, AlertRule)
            .join(AlertRule, AlertRule.id == Alert.rule_id)
            .where(Alert.workspace_id == workspace_id)
            .order_by((Alert.state == "firing").desc(), Alert.changed_at.desc(), Alert.id)
            .limit(limit)
        ).all()
    )


def _tell(rule: AlertRule, alert: Alert, now: datetime, public_url: str) -> None:
    """Mail the rule's current members and queue the webhook event of one change."""
    workspace = db.session.get(Workspace, rule.workspace_id)
    word = "Alert" if alert.state == "firing" else "Resolved"
    subject = f"[Trailguide] {word}: {rule.name} ({workspace.name})"
    link = f"{public_url}/console/w/{rule.workspace_id}/alerts" if public_url else ""
    body = "\n".join(
        (
            f"{word} in workspace {workspace.name}: {rule.name}",
            "",
            alert.summary,
            "",
            f"Fired at {alert.fired_at.isoformat()}"
            + (
                f", resolved at {alert.changed_at.isoformat()}."
                if alert.state == "resolved"
                else "."
            ),
            f"See every alert: {link}" if link else "",
        )
    )
    recipients = db.session.execute(
        select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == rule.workspace_id, User.id.in_(rule.recipients or []))
        .order_by(User.email)
    ).scalars()
    for email in recipients:
        mail.queue(email, subject, body, now, workspace_id=rule.workspace_id)
    family = "alert.fired" if alert.state == "firing" else "alert.resolved"
    data = {
        "alert_id": alert.id,
        "rule_id": rule.id,
        "rule": rule.name,
        "kind": rule.kind,
        "subject": alert.subject,
        "state": alert.state,
        "summary": alert.summary,
        "details": alert.details,
        "fired_at": alert.fired_at.isoformat(),
        "changed_at": alert.changed_at.isoformat(),
    }
    webhooks.enqueue(rule.workspace_id, family, data, now)


def _apply(rule: AlertRule, findings: list[Finding], now: datetime, public_url: str) -> int:
    known = {
        alert.subject: alert
        for alert in db.session.execute(select(Alert).where(Alert.rule_id == rule.id)).scalars()
    }
    firing = {finding.subject: finding for finding in findings}
    changes = []
    for subject, finding in firing.items():
        alert = known.get(subject)
        if alert is None:
            alert = Alert(rule_id=rule.id, workspace_id=rule.workspace_id, subject=subject)
            db.session.add(alert)
        elif alert.state == "firing":
            alert.details = finding.details  # still firing: the figures move, nobody is told
            continue
        alert.state, alert.summary, alert.details = "firing", finding.summary, finding.details
        alert.fired_at = alert.changed_at = now
        changes.append(alert)
    for subject, alert in known.items():
        if alert.state == "firing" and subject not in firing:
            alert.state, alert.changed_at = "resolved", now
            changes.append(alert)
    db.session.flush()
    for alert in changes:
        _tell(rule, alert, now, public_url)
    return len(changes)


def enabled_rules() -> list[int]:
    """Ids of the rules to check, in the order they were made."""
    return list(
        db.session.execute(
            select(AlertRule.id).where(AlertRule.enabled.is_(True)).order_by(AlertRule.id)
        ).scalars()
    )


def evaluate(rule_id: int, now: datetime, public_url: str = "") -> int:
    """Check one rule and record what changed; returns how many alerts changed state."""
    rule = db.session.get(AlertRule, rule_id)
    if rule is None or not rule.enabled or rule.kind not in RULE_KINDS:
        return 0
    kind = RULE_KINDS[rule.kind]
    findings = kind.check(rule.workspace_id, kind.params().load(rule.params), now)
    return _apply(rule, findings, now, public_url)
