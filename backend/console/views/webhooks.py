"""Webhook endpoints of a workspace: create (the signing secret shown once), pause,
delete, and each endpoint's delivery log."""

from __future__ import annotations

from flask import render_template, request

from backend import scheduler
from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, explain, text
from backend.console.session import workspace_page
from backend.services.notify import webhooks as hooks
from backend.services.notify.families import FAMILIES

nav.add("console.webhooks", "Webhooks", "SETTINGS_MANAGE", "workspace")


def _page(workspace_id: int, created=None, secret=None, lines=None, status=200):
    context = {
        "endpoints": hooks.list_endpoints(workspace_id),
        "families": FAMILIES,
        "created": created,
        "secret": secret,
        "problems": lines or [],
    }
    return render_template("console/webhooks.html", **context), status


@blp.route("/w/<int:workspace_id>/webhooks")
@workspace_page(Permission.SETTINGS_MANAGE)
def webhooks(workspace_id: int):
    return _page(workspace_id)


@blp.route("/w/<int:workspace_id>/webhooks", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def create_webhook(workspace_id: int):
    url, families = text("url"), request.form.getlist("families")
    made, error = attempt(
        lambda: hooks.create_endpoint(workspace_id, url, families, scheduler.current().delivery()),
        quiet=True,
    )
    if error is not None:
        return _page(workspace_id, lines=explain(error), status=error.code)
    return _page(workspace_id, *made, status=201)


@blp.route("/w/<int:workspace_id>/webhooks/<int:endpoint_id>/active", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def toggle_webhook(workspace_id: int, endpoint_id: int):
    active = request.form.get("active") == "1"
    attempt(
        lambda: hooks.set_active(workspace_id, endpoint_id, active),
        "Endpoint resumed." if active else "Endpoint paused.",
    )
    return back("console.webhooks")


@blp.route("/w/<int:workspace_id>/webhooks/<int:endpoint_id>/delete", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def delete_webhook(workspace_id: int, endpoint_id: int):
    attempt(lambda: hooks.delete_endpoint(workspace_id, endpoint_id), "Endpoint deleted.")
    return back("console.webhooks")


@blp.route("/w/<int:workspace_id>/webhooks/<int:endpoint_id>")
@workspace_page(Permission.SETTINGS_MANAGE)
def webhook_log(workspace_id: int, endpoint_id: int):
    endpoint = hooks.get_endpoint(workspace_id, endpoint_id)
    log = hooks.deliveries(workspace_id, endpoint_id)
    return render_template("console/webhook_log.html", endpoint=endpoint, log=log)
