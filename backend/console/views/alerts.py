"""Alerts and their rules, and the weekly digest: subscribing, and the signed link that
unsubscribes without signing in."""

from __future__ import annotations

from flask import current_app, g, render_template, request

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, explain, text
from backend.console.session import workspace_page
from backend.services import members
from backend.services.notify import alerts as alerting
from backend.services.notify import digest as digests
from backend.services.notify.rules import RULE_KINDS

nav.add("console.alerts", "Alerts", "REPORTS_READ", "reports")
nav.add("console.digest", "Weekly digest", "REPORTS_READ", "reports")

MEMBER_LIMIT = 200


def _kinds() -> list[dict]:
    """Each rule kind with its settings and their defaults, for the new-rule form."""
    return [
        {
            "name": kind.name,
            "label": kind.label,
            "description": kind.description,
            "fields": [
                (name, spec.load_default, spec.metadata.get("description", ""))
                for name, spec in kind.params().fields.items()
            ],
        }
        for kind in RULE_KINDS.values()
    ]


def _alerts_page(workspace_id: int, lines=None, status=200):
    team, _cursor = members.list_members(workspace_id, MEMBER_LIMIT, None)
    context = {
        "alerts": alerting.list_alerts(workspace_id),
        "rules": alerting.list_rules(workspace_id),
        "kinds": _kinds(),
        "team": team,
        "emails": {m["user_id"]: m["email"] for m in team},
        "problems": lines or [],
    }
    return render_template("console/alerts.html", **context), status


@blp.route("/w/<int:workspace_id>/alerts")
@workspace_page(Permission.REPORTS_READ)
def alerts(workspace_id: int):
    return _alerts_page(workspace_id)


def _submitted_params(kind: str) -> dict:
    params = {}
    for name, _default, _help in next((k["fields"] for k in _kinds() if k["name"] == kind), []):
        raw = request.form.get(f"{kind}.{name}", "").strip()
        if raw:
            params[name] = raw
    return params


@blp.route("/w/<int:workspace_id>/alert-rules", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def create_alert_rule(workspace_id: int):
    kind = text("kind")
    try:
        recipients = [int(value) for value in request.form.getlist("recipients")]
    except ValueError:
        return _alerts_page(workspace_id, ["Recipients: choose members from the list."], 422)
    _rule, error = attempt(
        lambda: alerting.create_rule(
            workspace_id, kind, text("name"), _submitted_params(kind), recipients
        ),
        quiet=True,
    )
    if error is not None:
        return _alerts_page(workspace_id, explain(error), error.code)
    return back("console.alerts")


@blp.route("/w/<int:workspace_id>/alert-rules/<int:rule_id>/enabled", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def toggle_alert_rule(workspace_id: int, rule_id: int):
    enabled = request.form.get("enabled") == "1"
    attempt(
        lambda: alerting.set_enabled(workspace_id, rule_id, enabled),
        "Rule enabled." if enabled else "Rule disabled.",
    )
    return back("console.alerts")


@blp.route("/w/<int:workspace_id>/alert-rules/<int:rule_id>/delete", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def delete_alert_rule(workspace_id: int, rule_id: int):
    attempt(lambda: alerting.delete_rule(workspace_id, rule_id), "Rule deleted.")
    return back("console.alerts")


@blp.route("/w/<int:workspace_id>/digest")
@workspace_page(Permission.REPORTS_READ)
def digest(workspace_id: int):
    subscribed = digests.is_subscribed(workspace_id, g.principal.user_id)
    return render_template("console/digest.html", subscribed=subscribed)


@blp.route("/w/<int:workspace_id>/digest", methods=["POST"])
@workspace_page(Permission.REPORTS_READ)
def change_digest(workspace_id: int):
    user_id = g.principal.user_id
    if request.form.get("subscribe") == "1":
        attempt(lambda: digests.subscribe(workspace_id, user_id), "Subscribed to the digest.")
    else:
        attempt(lambda: digests.unsubscribe(workspace_id, user_id), "Unsubscribed.")
    return back("console.digest")


@blp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """The link in every digest: GET asks, POST ends the subscription (no sign-in: the
    signed token names the subscription; a GET alone changes nothing, since mail
    scanners follow links)."""
    secret_key = current_app.config["SECRET_KEY"]
    subscription, error = attempt(lambda: digests.read_token(secret_key, token), quiet=True)
    if error is not None:
        return render_template(
            "console/unsubscribe.html", done=False, problem=error.description
        ), 404
    if request.method == "GET":
        return render_template("console/unsubscribe.html", done=False, problem="")
    attempt(lambda: digests.unsubscribe(subscription.workspace_id, subscription.user_id))
    return render_template("console/unsubscribe.html", done=True, problem="")
