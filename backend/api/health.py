"""Liveness and readiness probes."""

from __future__ import annotations

import marshmallow as ma

from backend import readiness
from backend.api.blueprint import Blueprint
from backend.errors import error_response

blp = Blueprint("health", __name__, description="Liveness and readiness probes")


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"example": "ok"})


class ReadySchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"example": "ready"})
    checks = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(),
        metadata={"description": "each part (database, analytics) and 'ok' or why it failed"},
    )


@blp.route("/healthz")
@blp.response(200, HealthSchema)
def healthz():
    """The process is alive (no dependency is checked)."""
    return {"status": "ok"}


@blp.route("/readyz")
@blp.response(200, ReadySchema)
@blp.alt_response(503, description="a part is unreachable; `details` names it")
def readyz():
    """The authoring database and the analytics store both answer (on a cluster:
    at least one replica of every shard; a missing replica is named as degraded)."""
    checks = readiness.check()
    failing = sorted(name for name, state in checks.items() if readiness.is_failing(state))
    if failing:
        return error_response(
            503, "not_ready", f"not ready: {', '.join(failing)} unreachable", checks
        )
    return {"status": "ready", "checks": checks}
