"""Saved segments: build an audience from the directory's attributes, see who it holds.

The form has a fixed number of rule rows (attribute, operator, value); "Count people"
shows the count and sample names of the audience as typed, before it is saved. Nested
groups are kept when a segment made through the API or YAML is edited here.
"""

from __future__ import annotations

import marshmallow as ma
from flask import render_template, request

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, explain, messages, text
from backend.console.session import workspace_page
from backend.services import segments
from walkthroughs.audience import LIST_OPS, OPS, VALUELESS_OPS
from walkthroughs.schemas.targeting import SegmentAudienceSchema

nav.add("console.segments", "Segments", "CONTENT_READ", "guidance")

ROWS = 5


def _rows_from_form() -> tuple[dict, list[str]]:
    """The audience the form describes (attribute rows plus the groups it carried)."""
    rules: list[dict] = []
    for index in range(ROWS):
        attribute = text(f"attribute_{index}")
        if not attribute:
            continue
        op = text(f"op_{index}")
        value = text(f"value_{index}")
        rule = {"attribute": attribute, "op": op}
        if op in LIST_OPS:
            rule["value"] = [v.strip() for v in value.split(",") if v.strip()]
        elif op not in VALUELESS_OPS:
            rule["value"] = value
        rules.append(rule)
    rules.extend(_carried_groups())
    try:
        return SegmentAudienceSchema().load({"match": text("match") or "all", "rules": rules}), []
    except ma.ValidationError as exc:
        return {}, messages(exc)


def _carried_groups() -> list[dict]:
    segment_id = request.view_args.get("segment_id")
    if segment_id is None:
        return []
    saved = segments.get(request.view_args["workspace_id"], segment_id).audience or {}
    return [rule for rule in saved.get("rules") or [] if "rules" in rule]


def _page(workspace_id: int, segment=None, form=None, matching=None, lines=None, status=200):
    audience = (form or {}).get("audience") or (segment.audience if segment else {})
    rows = [rule for rule in audience.get("rules") or [] if "attribute" in rule]
    context = {
        "segments": segments.list_segments(workspace_id),
        "segment": segment,
        "form": form or {},
        "match": audience.get("match", "all"),
        "rows": rows + [{}] * max(0, ROWS - len(rows)),
        "groups": sum(1 for rule in audience.get("rules") or [] if "rules" in rule),
        "ops": OPS,
        "suggestions": segments.suggestions(workspace_id),
        "matching": matching,
        "used_by": segments.items_using(workspace_id, segment.key) if segment else [],
        "problems": lines or [],
    }
    return render_template("console/segments.html", **context), status


@blp.route("/w/<int:workspace_id>/segments", endpoint="segments")
@workspace_page(Permission.CONTENT_READ)
def segments_page(workspace_id: int):
    return _page(workspace_id)


@blp.route("/w/<int:workspace_id>/segments/<int:segment_id>", endpoint="segment")
@workspace_page(Permission.CONTENT_READ)
def segment_page(workspace_id: int, segment_id: int):
    segment = segments.get(workspace_id, segment_id)
    matching = segments.matching(workspace_id, segment.audience)
    return _page(workspace_id, segment, matching=matching)


def _submit(workspace_id: int, segment_id: int | None):
    segment = segments.get(workspace_id, segment_id) if segment_id else None
    audience, lines = _rows_from_form()
    form = {"key": text("key"), "name": text("name"), "audience": audience}
    if lines:
        return _page(workspace_id, segment, form, lines=lines, status=422)
    if request.form.get("action") == "count":
        return _page(workspace_id, segment, form, segments.matching(workspace_id, audience))
    fields = {"name": form["name"], "audience": audience}
    if segment is None:
        saved, error = attempt(
            lambda: segments.create(workspace_id, {**fields, "key": form["key"]}), quiet=True
        )
    else:
        saved, error = attempt(
            lambda: segments.update(workspace_id, segment.id, fields), quiet=True
        )
    if error is not None:
        return _page(workspace_id, segment, form, lines=explain(error), status=error.code)
    return back("console.segment", segment_id=saved.id)


@blp.route("/w/<int:workspace_id>/segments", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def create_segment(workspace_id: int):
    return _submit(workspace_id, None)


@blp.route("/w/<int:workspace_id>/segments/<int:segment_id>", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def update_segment(workspace_id: int, segment_id: int):
    return _submit(workspace_id, segment_id)


@blp.route("/w/<int:workspace_id>/segments/<int:segment_id>/delete", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def delete_segment(workspace_id: int, segment_id: int):
    segment = segments.get(workspace_id, segment_id)
    _done, error = attempt(lambda: segments.delete(workspace_id, segment_id), quiet=True)
    if error is not None:
        return _page(workspace_id, segment, lines=explain(error), status=error.code)
    return back("console.segments")
