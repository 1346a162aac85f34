"""The visual editor of every guidance kind: a form generated from the kind's schema.

The page renders the draft into the form (read-only for roles that may not
write); the browser sends the form back as JSON and gets JSON: the saved
item's address, or a 422 whose problems name the fields to fix. Saving never
goes through YAML: the item's YAML is regenerated from the document.
"""

from __future__ import annotations

import yaml
from flask import flash, g, jsonify, render_template, request, url_for

from backend.auth import Permission
from backend.console import documents, lookups
from backend.console.blueprint import blp
from backend.console.editors import fields, submit, targets
from backend.console.session import workspace_page
from backend.console.views.guidance import PLURAL
from backend.limits import allow_body
from backend.services import applications, content, images, segments
from backend.services.errors import Invalid
from backend.services.revisions import Precondition
from walkthroughs import kinds
from walkthroughs.schemas import load_document

MANY = f"/w/<int:workspace_id>/{PLURAL}"
ONE = f"{MANY}/<int:item_id>"


def _editor(workspace_id: int, plural: str, document: dict, record: dict | None):
    kind = kinds.by_plural(plural)
    apps = applications.all_of(workspace_id)
    references = {
        kind: [
            (item["key"], lookups.display_name(item)) for item in lookups.items(workspace_id, kind)
        ]
        for kind in ("walkthrough", "article")
    }
    return render_template(
        "console/editor.html",
        kind=kind,
        plural=plural,
        record=record,
        name=lookups.display_name(record) if record else f"New {kind.singular}",
        fields=fields.form_fields(kind.schema),
        document=document,
        apps=apps,
        reference_keys={**references, "application": [(a.key, a.name) for a in apps]},
        segment_keys=[(s.key, s.name) for s in segments.list_segments(workspace_id)],
        summarize=targets.summarize,
        body_html=documents.body_html,
        editable=g.principal.can(Permission.CONTENT_WRITE),
        image_upload_url=url_for("console.upload_image", workspace_id=workspace_id),
    )


@blp.route(f"{ONE}/edit")
@workspace_page(Permission.CONTENT_READ)
def edit_item(workspace_id: int, plural: str, item_id: int):
    record = content.describe(content.get_item(workspace_id, kinds.by_plural(plural).name, item_id))
    return _editor(workspace_id, plural, record["draft"], record)


@blp.route(f"{MANY}/create")
@workspace_page(Permission.CONTENT_WRITE)
def create_page(workspace_id: int, plural: str):
    kind = kinds.by_plural(plural)
    return _editor(
        workspace_id, plural, load_document(kind.name, yaml.safe_load(kind.starter)), None
    )


def _saved(workspace_id: int, plural: str, item, message: str):
    flash(message, "success")
    url = url_for("console.edit_item", workspace_id=workspace_id, plural=plural, item_id=item.id)
    return jsonify({"id": item.id, "revision": item.revision, "url": url})


@blp.route(f"{MANY}/create", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def create_from_form(workspace_id: int, plural: str):
    kind = kinds.by_plural(plural)
    sent = submit.load_request(submit.CreateSchema, request.get_json(silent=True))
    document = submit.load_form_document(kind.name, sent["document"])
    item = content.create_item(
        workspace_id, kind.name, sent["key"], sent["application_id"], document
    )
    return _saved(workspace_id, plural, item, f"Created the {kind.singular} as a draft.")


@blp.route(f"{ONE}/form", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def save_form(workspace_id: int, plural: str, item_id: int):
    kind = kinds.by_plural(plural)
    sent = submit.load_request(submit.SaveSchema, request.get_json(silent=True))
    document = submit.load_form_document(kind.name, sent["document"])
    item = content.update_item(
        workspace_id,
        kind.name,
        item_id,
        document,
        sent["application_id"],
        Precondition(False, frozenset({sent["revision"]})),
    )
    return _saved(workspace_id, plural, item, "Draft saved. Publish it to deliver it.")


@blp.route("/w/<int:workspace_id>/images", methods=["POST"])
@allow_body(images.MAX_BYTES + 64 * 1024)
@workspace_page(Permission.CONTENT_WRITE)
def upload_image(workspace_id: int):
    """An image for an article's body, from the editor (multipart ``file``)."""
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("Choose an image file to upload.", code="missing_file")
    try:
        data = upload.read(images.MAX_BYTES + 1)
    finally:
        upload.close()
    return jsonify(images.describe(images.store(workspace_id, data))), 201
